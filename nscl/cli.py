"""Command line: demo data, templates, imports and staff accounts.

    python -m nscl init [--db PATH]
    python -m nscl demo [--scale S] [--seed N] [--db PATH]
    python -m nscl template --dataset NAME -o FILE.csv|FILE.xlsx
    python -m nscl import --dataset NAME FILE [--dry-run] [--json] [--sheet S] [--user U]
    python -m nscl user add USERNAME [--name "Họ tên"] [--role staff|admin]   (password from stdin)
    python -m nscl export deck|report [--plan ID] [--phase P] [--as-of YYYY-MM-DD] -o FILE
    python -m nscl snapshot -o DIR
    python -m nscl publish -o DIR [--plan ID] [--as-of YYYY-MM-DD]   (the static edition, both languages)
    python -m nscl plan check FILE        (every mistake of a plan file, with its field and line)
    python -m nscl plan docs              (the plan file's reference, docs/plan-file.md)
    python -m nscl rebuild

Every reading command opens the data through nscl.readers.open_for_reading: never from a stale table.

Every command takes --lang vi|en (default vi) for its messages, templates and documents.
"""
from __future__ import annotations

import argparse
import getpass
import json
import re
import sys
import time
from pathlib import Path

import duckdb

from . import demo
from .connect import open_database
from .datasets import DATASETS
from .i18n import DEFAULT_LANG, LANGS, MessageError, fmt_number, t
from .plan import PlanError, PlanFileError, PlanLookupError, load_plan_by_id
from .settings import Settings

# Characters a terminal obeys instead of showing (C0 but tab, DEL, C1 such as the 8-bit CSI) and the
# direction overrides that reorder what is shown: a value from a file must not clear the screen,
# retitle the window, write a hyperlink, hide part of a line or (by a newline) print a line that looks
# like one of ours. Every message we print is one line.
_TERMINAL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TERMINAL_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: object) -> str:
    """Text for the terminal: every control character escaped as Python writes it ("\\x1b")."""
    return _TERMINAL.sub(lambda m: ascii(m.group())[1:-1], str(text))


def shown_json(value) -> str:
    """JSON for the terminal: C0 controls are escaped by json already; C1 controls and direction
    overrides, which JSON allows raw, are escaped too ("\\u009b"), so the output stays valid JSON."""
    text = json.dumps(value, ensure_ascii=False, default=str, indent=1)
    return _TERMINAL_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


HINTS = {"snapshot": "cli_hint_snapshot", "import": "cli_hint_import", "export": "cli_hint_export"}  # table keys


def _open(db_path: str, settings: Settings) -> duckdb.DuckDBPyConnection:
    plan = load_plan_by_id(settings.plan_id, settings.plans_dir)
    return open_database(db_path, plan)


def _table_counts(counts: dict[str, int], lang: str) -> str:
    """Rows per table, each table named as staff know it (its dataset's title)."""
    titles = {d.table: d.title(lang) for d in DATASETS.values()}
    return "; ".join(f"{titles.get(table, table)}: {fmt_number(n, lang)}" for table, n in counts.items())


def _demo(args, settings: Settings) -> int:
    db_path = args.db or settings.db_path
    con = _open(db_path, settings)
    started = time.perf_counter()
    counts = demo.build(con, scale=args.scale, seed=args.seed)
    con.execute("CHECKPOINT")
    con.close()
    seconds = fmt_number(time.perf_counter() - started, args.lang, 1)
    print(t("cli_demo_written", args.lang, path=db_path, seconds=seconds, summary=_table_counts(counts, args.lang)))
    return 0


def _init(args, settings: Settings) -> int:
    """Create an empty database (or upgrade an existing one): the app itself never creates one,
    so a mistyped NSCL_DB is reported instead of silently becoming a new empty database."""
    from .db import schema_version

    db_path = args.db or settings.db_path
    existed = Path(db_path).exists()
    con = _open(db_path, settings)
    version = schema_version(con)
    con.close()
    print(t("cli_init_upgraded" if existed else "cli_init_created", args.lang, path=db_path, version=str(version)))
    return 0


def _template(args, settings: Settings) -> int:
    from .datasets import DATASETS
    from .ingest.templates import template_csv, template_xlsx

    out = Path(args.output)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        print(t("cli_template_suffix", args.lang), file=sys.stderr)
        return 1
    dataset = DATASETS[args.dataset]
    build = template_csv if out.suffix.lower() == ".csv" else template_xlsx
    out.write_bytes(build(dataset, args.lang))
    print(t("cli_template_written", args.lang, title=dataset.title(args.lang), path=out))
    return 0


def _import(args, settings: Settings) -> int:
    from .datasets import DATASETS
    from .ingest.commit import CommitRefused, commit, preview
    from .ingest.limits import Limits
    from .ingest.pipeline import check_file
    from .ingest.reading import ReadError

    lang = args.lang
    dataset = DATASETS[args.dataset]
    limits = Limits.from_settings()
    path = Path(args.file)
    if not path.is_file():
        return _report_file_problem(args, t("cli_file_not_found", lang, path=path))
    if path.stat().st_size > limits.max_bytes:
        return _report_file_problem(args, limits.too_big(path.stat().st_size).text(lang))
    data = path.read_bytes()
    con = _open(settings.db_path, settings)
    try:
        raw, checked = check_file(con, dataset, path.name, data, args.sheet, limits, lang=lang)
    except ReadError as exc:
        return _report_file_problem(args, exc.text(lang))
    problems = [p.__dict__ for p in checked.problems]
    result = {"file": path.name, "dataset": dataset.name, "rows": len(raw.rows), "errors": len(checked.errors),
              "warnings": len(checked.warnings), "problems": problems,
              "normalised": checked.normalised.to_dict("records")}
    if not checked.errors:
        summary = preview(con, checked, data, lang=lang)
        result.update(new=summary.new, changed=summary.changed, unchanged=summary.unchanged,
                      duplicate_of=summary.duplicate_of)
        if not args.dry_run:
            try:
                done = commit(con, checked, path.name, data, args.user, archive_dir=limits.archive_dir)
                result["upload_id"] = done.upload_id
            except CommitRefused as exc:
                return _report_file_problem(args, exc.text(lang))
    con.close()
    if args.json:
        print(shown_json(problems if checked.errors else result))
    else:
        _print_text(result, checked, args.dry_run, lang)
    return 1 if checked.errors else 0


def _report_file_problem(args, message: str) -> int:
    if args.json:
        print(shown_json([{"row": None, "column": None, "value": None, "message": message}]))
    else:
        print(shown(message), file=sys.stderr)
    return 1


def _print_text(result: dict, checked, dry_run: bool, lang: str = DEFAULT_LANG) -> None:
    for p in checked.problems:
        kind = t("cli_error" if p.severity == "error" else "cli_warning", lang)
        if p.column:
            print(shown(t("cli_problem", lang, severity=kind, row=p.row, column=p.column, value=p.value,
                          message=p.message)))
        else:  # about the file as a whole, shown at a row (a guessed encoding)
            print(shown(t("cli_problem_row_only", lang, severity=kind, row=p.row, message=p.message)))
    from .ingest.values import printable
    for n in checked.normalised.itertuples(index=False):  # invisible characters shown as <U+200B>
        print(shown(t("cli_normalised", lang, row=n.row, column=printable(n.column), written=printable(n.written),
                      stored=printable(n.stored), rows=n.rows)))
    if checked.errors:
        print(t("cli_has_errors", lang, errors=len(checked.errors), rows=len(checked.rejected)))
        return
    counts = t("cli_counts", lang, new=result["new"], changed=result["changed"], unchanged=result["unchanged"])
    if dry_run:
        print(t("cli_dry_run", lang, counts=counts))
    else:
        print(t("cli_committed", lang, id=result["upload_id"], counts=counts))


def _user(args, settings: Settings) -> int:
    from .auth import AccountError, add_user, load_users, remove_user

    lang = args.lang
    if args.action == "list":
        for username, info in sorted(load_users().items()):
            print("\t".join(shown(v) for v in (username, info.get("role") or "staff", info.get("name", ""))))
        return 0
    if args.action == "remove":
        try:
            remove_user(args.username)
        except AccountError as exc:
            print(exc.text(lang), file=sys.stderr)
            return 1
        print(t("cli_user_removed", lang, username=args.username))
        return 0
    password = (sys.stdin.readline().rstrip("\n") if not sys.stdin.isatty()
                else getpass.getpass(t("cli_password", lang)))
    try:
        add_user(args.username, password, args.name or args.username, args.role)
    except AccountError as exc:
        print(exc.text(lang), file=sys.stderr)
        return 1
    print(t("cli_user_created", lang, username=args.username))
    return 0


def _export(args, settings: Settings) -> int:
    import datetime as dt

    from .meeting import gather
    from .present.deck import build_deck
    from .present.report import ReportSettings, build_report
    from .present.slides import from_data

    plan_id = args.plan or settings.plan_id
    try:
        plan = load_plan_by_id(plan_id, settings.plans_dir)
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else dt.date.today()
        phase = plan.phase(args.phase) if args.phase else plan.phase_for(as_of)
    except (PlanFileError, PlanLookupError):
        raise  # main says them in the chosen language
    except ValueError as exc:
        print(t("cli_bad_argument", args.lang, detail=exc), file=sys.stderr)
        return 1
    out = Path(args.output)
    wanted = {"deck": ".pptx", "report": ".docx"}[args.kind]
    if out.suffix.lower() != wanted:
        print(t("cli_output_suffix", args.lang, suffix=wanted), file=sys.stderr)
        return 1
    from .readers import open_for_reading

    started = time.perf_counter()
    # A published snapshot works while the app holds the database; the file itself is opened read
    # only (no write lock, and a clear message when the running app holds it). Either way stale
    # analytics tables are computed afresh in memory, and the plan's tables are this plan's.
    reading = open_for_reading(settings, plan)
    con = reading.con
    if reading.computed:
        note = "reading_snapshot_computed" if settings.snapshot else "reading_computed_in_memory"
        print(shown(t(note, args.lang, db=settings.snapshot or settings.db_path,
                        seconds=fmt_number(reading.seconds, args.lang, 1))),
              file=sys.stderr)
    slides = from_data(plan, gather(con, plan, phase.id, as_of, args.lang), args.lang, as_of, phase.id)
    con.close()
    if args.kind == "deck":
        data = build_deck(slides, f"{t('plan', args.lang)} {plan.number} · {plan.place(args.lang)}")
    else:
        data = build_report(plan, slides, as_of, phase.id, ReportSettings(
            args.parent_agency or "", args.agency or "", args.agency_short or "", args.number or "",
            args.place or "", args.signer or "", args.signer_title or "", args.recipient or []), lang=args.lang)
    out.write_bytes(data)
    print(t("cli_exported", args.lang, path=out, size=fmt_number(len(data) / 1024, args.lang),
            seconds=fmt_number(time.perf_counter() - started, args.lang, 1)))
    return 0


def _publish(args, settings: Settings) -> int:
    import datetime as dt

    from .publish import EditionError, publish

    try:
        plan = load_plan_by_id(args.plan or settings.plan_id, settings.plans_dir)
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else dt.date.today()
    except (PlanFileError, PlanLookupError):
        raise
    except ValueError as exc:
        print(t("cli_bad_argument", args.lang, detail=exc), file=sys.stderr)
        return 1
    from .readers import open_for_reading

    started = time.perf_counter()
    reading = open_for_reading(settings, plan)  # as the exports read: never from a stale table
    con = reading.con
    if reading.computed:
        note = "reading_snapshot_computed" if settings.snapshot else "reading_computed_in_memory"
        print(shown(t(note, args.lang, db=settings.snapshot or settings.db_path,
                        seconds=fmt_number(reading.seconds, args.lang, 1))),
              file=sys.stderr)
    try:
        done = publish(con, plan, as_of, args.output)
    except EditionError:
        print(shown(t("edition_not_empty", args.lang, path=args.output)), file=sys.stderr)
        return 1
    finally:
        con.close()
    print(shown(t("edition_published", args.lang, path=args.output, pages=done.pages,
                  seconds=fmt_number(time.perf_counter() - started, args.lang, 1))))
    return 0


def _snapshot(args, settings: Settings) -> int:
    from dataclasses import replace

    from .readers import open_for_reading
    from .snapshot import publish

    plan = load_plan_by_id(settings.plan_id, settings.plans_dir)
    con = open_for_reading(replace(settings, snapshot=""), plan, write=True).con
    started = time.perf_counter()
    path = publish(con, args.output)
    con.close()
    seconds = fmt_number(time.perf_counter() - started, args.lang, 1)
    print(t("cli_snapshot_published", args.lang, path=path, seconds=seconds))
    return 0


def _plan(args, settings: Settings) -> int:
    """check: exit 0 with a one-line summary, 1 with every mistake listed, 2 when the file cannot
    be read; docs: the plan file's reference in Markdown."""
    from . import plan_schema
    from .plan import load_plan

    if args.action == "docs":
        sys.stdout.write(plan_schema.reference())
        return 0
    lang, path = args.lang, Path(args.file)
    try:
        plan = load_plan(path)
    except PlanFileError as exc:
        for line in exc.lines(lang, file=str(path)):
            print(shown(line))
        print(shown(t("plan_check_failed", lang, file=path, count=len(exc.problems))))
        return 1
    except OSError:
        print(shown(t("cli_file_not_found", lang, path=path)), file=sys.stderr)
        return 2
    print(shown(t("plan_check_ok", lang, file=path, id=plan.id, number=plan.number, phases=len(plan.phases),
                  targets=len(plan.targets))))
    return 0


def _rebuild(args, settings: Settings) -> int:
    """Bring the database file up to date (schema, catalogues, plan, analytics tables) in place."""
    from .db import cap_memory
    from .readers import up_to_date

    plan = load_plan_by_id(settings.plan_id, settings.plans_dir)
    started = time.perf_counter()
    current = False
    if Path(settings.db_path).exists():
        con = cap_memory(duckdb.connect(settings.db_path, read_only=True))
        current = up_to_date(con)
        con.close()
    open_database(settings.db_path, plan).close()  # a writable open brings everything up to date
    if current:
        print(t("cli_already_current", args.lang, db=settings.db_path))
    else:
        seconds = fmt_number(time.perf_counter() - started, args.lang, 1)
        print(t("cli_rebuilt", args.lang, db=settings.db_path, seconds=seconds))
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line's arguments: every command, its sub-commands and options with their help
    (tests/test_docs.py reads it to check the commands the documentation names)."""
    from .datasets import DATASETS

    root = argparse.ArgumentParser(prog="python -m nscl", description="NSCL programme monitor tools")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=list(LANGS), default=DEFAULT_LANG,
                        help="language of the messages, templates and documents (default: vi)")
    sub = root.add_subparsers(dest="command", required=True)

    def add_parser(name: str, **options) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], **options)

    p = add_parser("init", help="create an empty database (the app opens only an existing one)")
    p.add_argument("--db", help="database file (default: $NSCL_DB or data/nscl.duckdb)")
    p = add_parser("demo", help="build the deterministic demo database")
    p.add_argument("--scale", type=float, default=1.0, help="1 = one province (about 4,500 enterprises)")
    p.add_argument("--seed", type=int, default=demo.SEED)
    p.add_argument("--db", help="database file (default: $NSCL_DB or data/nscl.duckdb)")
    p = add_parser("template", help="write an import template")
    p.add_argument("--dataset", required=True, choices=sorted(DATASETS))
    p.add_argument("-o", "--output", required=True)
    p = add_parser("import", help="check a file and write it to the database")
    p.add_argument("--dataset", required=True, choices=sorted(DATASETS))
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    p.add_argument("--json", action="store_true", help="problems as JSON")
    p.add_argument("--sheet", help="worksheet of an Excel file (default: the first visible one)")
    p.add_argument("--user", default="cli", help="name recorded in the upload log")
    p = add_parser("export", help="build the PowerPoint deck or the official report")
    p.add_argument("kind", choices=["deck", "report"])
    p.add_argument("--plan", help="plan id (default: $NSCL_PLAN)")
    p.add_argument("--phase", help="phase id, e.g. 2021-2025 (default: the phase of the as-of date)")
    p.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")
    p.add_argument("-o", "--output", required=True)
    for name in ("parent-agency", "agency", "agency-short", "number", "place", "signer", "signer-title"):
        p.add_argument(f"--{name}", help="report field (left as a marked blank when absent)")
    p.add_argument("--recipient", action="append", help="report recipient (repeat)")
    p = add_parser("snapshot", help="publish a Parquet snapshot for read-only replicas")
    p.add_argument("-o", "--output", required=True, help="snapshot folder (replaced whole)")
    add_parser("rebuild", help="bring the database file up to date: schema, catalogues, plan, analytics tables")
    p = add_parser("publish", help="write the static edition (both languages) for any static web server")
    p.add_argument("-o", "--output", required=True, help="edition folder: a link swapped to each new build")
    p.add_argument("--plan", help="plan id (default: $NSCL_PLAN)")
    p.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")
    p = sub.add_parser("user", help="staff accounts")
    users = p.add_subparsers(dest="action", required=True)
    add = users.add_parser("add", parents=[common], help="create or reset an account; the password is read from stdin")
    add.add_argument("username")
    add.add_argument("--name")
    add.add_argument("--role", default="staff", choices=["staff", "admin"])
    remove = users.add_parser("remove", parents=[common], help="delete an account")
    remove.add_argument("username")
    users.add_parser("list", parents=[common], help="list the accounts: user name, role, full name")
    p = sub.add_parser("plan", help="plan files")
    plans = p.add_subparsers(dest="action", required=True)
    check = plans.add_parser("check", parents=[common], help="check a plan file: every mistake with its field and line")
    check.add_argument("file")
    plans.add_parser("docs", parents=[common], help="print the plan file's reference (docs/plan-file.md)")
    return root


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code. A plan error, a refused reading, a database held by
    another process or an interruption is printed as a message in the chosen language (exit 1),
    never as a traceback."""
    args = parser().parse_args(argv)
    settings = Settings.from_env()
    lang = getattr(args, "lang", DEFAULT_LANG)
    if getattr(args, "scale", 1) <= 0:
        print(t("cli_scale_positive", lang), file=sys.stderr)
        return 1
    handlers = {"init": _init, "demo": _demo, "template": _template, "import": _import, "user": _user,
                "export": _export, "snapshot": _snapshot, "publish": _publish, "plan": _plan, "rebuild": _rebuild}
    try:
        return handlers[args.command](args, settings)
    except PlanError as exc:
        detail = "\n".join(exc.lines(lang)) if isinstance(exc, PlanFileError) else \
            exc.text(lang) if isinstance(exc, PlanLookupError) else exc
        print(t("plan_error", lang, detail=detail), file=sys.stderr)
    except MessageError as exc:  # readers.ReadingRefused
        print(shown(exc.text(lang)), file=sys.stderr)
    except duckdb.IOException as exc:
        db = getattr(args, "db", None) or settings.db_path
        hint = t(HINTS.get(args.command, "cli_hint_app"), lang)
        print(t("cli_database_locked", lang, db=db, hint=hint) if "lock" in str(exc).lower()
              else t("cli_cannot_open", lang, db=db, detail=exc), file=sys.stderr)
    except KeyboardInterrupt:
        print(t("cli_stopped", lang), file=sys.stderr)
    return 1
