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

Every command takes --lang vi|en (default vi) for its messages, templates and documents, and its
help and argument errors (argparse's own words included) are in that language: `lang_of` reads it
from the command line before parsing.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
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


class _Formatter(argparse.HelpFormatter):
    """argparse's help with the "usage:" prefix in the parser's language (argparse passes its own
    prefix, "", only for the usage it builds into a sub-command's name)."""

    def __init__(self, prog: str, *args, lang: str = DEFAULT_LANG, **kwargs):
        super().__init__(prog, *args, **kwargs)
        self.lang = lang

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, t("cli_usage", self.lang) if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose own words (usage, section titles, -h, errors) are in `lang`; its
    sub-commands' parsers are of this class, in the same language."""

    def __init__(self, *args, lang: str = DEFAULT_LANG, **kwargs):
        self.lang = lang
        super().__init__(*args, add_help=False, formatter_class=functools.partial(_Formatter, lang=lang), **kwargs)
        self._positionals.title = t("cli_positionals", lang)
        self._optionals.title = t("cli_options", lang)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli_help", lang))

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("parser_class", functools.partial(_Parser, lang=self.lang))
        return super().add_subparsers(title=t("cli_commands", self.lang), **kwargs)

    def error(self, message: str):
        # Exit code 2 as argparse's own; the message may repeat what was typed, so it is escaped.
        self.print_usage(sys.stderr)
        self.exit(2, shown(t("cli_parse_error", self.lang, prog=self.prog, message=message)) + "\n")


# argparse's messages about what was typed (its gettext message ids) -> our texts. argparse builds
# these while parsing, through its module's `_`, which main points here for the parse only.
_ARGPARSE_TEXTS = {
    "argument %(argument_name)s: %(message)s": "cli_argparse_argument",
    "the following arguments are required: %s": "cli_argparse_required",
    "unrecognized arguments: %s": "cli_argparse_unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli_argparse_invalid_choice",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "cli_argparse_unknown_parser",
    "invalid %(type)s value: %(value)r": "cli_argparse_invalid_value",
    "expected one argument": "cli_argparse_expected_one",
    "ambiguous option: %(option)s could match %(matches)s": "cli_argparse_ambiguous",
    "ignored explicit argument %r": "cli_argparse_ignored_value",
}


@contextlib.contextmanager
def _argparse_speaks(lang: str):
    """argparse's messages in `lang` while the block runs (a message it has that we do not know
    stays in English); argparse as it was afterwards, for any other user of it in the process."""
    own = getattr(argparse, "_", None)
    if own is None:  # an argparse that translates otherwise: its messages stay English
        yield
        return
    argparse._ = lambda message: t(_ARGPARSE_TEXTS[message], lang) if message in _ARGPARSE_TEXTS else own(message)
    try:
        yield
    finally:
        argparse._ = own


def lang_of(argv: list[str]) -> str:
    """The language asked for by `--lang X` or `--lang=X` (the last one), known before parsing so
    that the help and argparse's messages are in it; the default when none or not a language."""
    lang = DEFAULT_LANG
    for i, word in enumerate(argv):
        if word == "--":
            break
        value = argv[i + 1] if word == "--lang" and i + 1 < len(argv) else \
            word.split("=", 1)[1] if word.startswith("--lang=") else None
        if value in LANGS:
            lang = value
    return lang


def _dataset_key(lang: str):
    """argparse's `type=` for --dataset: the dataset's key, or an error naming every dataset in
    the reader's words and by its key."""
    def dataset(value: str) -> str:
        if value not in DATASETS:
            raise argparse.ArgumentTypeError(t("cli_unknown_dataset", lang, value=value, datasets=_datasets(lang)))
        return value
    return dataset


def _datasets(lang: str) -> str:
    """Every dataset as "doanh nghiệp (enterprises)", in the order of the usage line's keys."""
    def named(key: str) -> str:
        title = DATASETS[key].title(lang)
        return t("cli_dataset_choice", lang, title=title[:1].lower() + title[1:], name=key)
    return ", ".join(named(key) for key in sorted(DATASETS))


def parser(lang: str = DEFAULT_LANG) -> argparse.ArgumentParser:
    """The command line's arguments: every command, its sub-commands and options with their help,
    all in `lang` (tests/test_docs.py reads it to check the commands the documentation names)."""
    def mv(key: str) -> str:
        return t(f"cli_mv_{key}", lang)

    def h(key: str, **values) -> str:
        return t(f"cli_help_{key}", lang, **values)

    def with_lang(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        # Not set when absent, so that `--lang` before the command is not undone by the command's default.
        p.add_argument("--lang", choices=list(LANGS), default=argparse.SUPPRESS, help=h("lang"))
        return p

    root = with_lang(_Parser(prog="python -m nscl", description=t("cli_description", lang), lang=lang))
    sub = root.add_subparsers(dest="command", required=True)

    def add_parser(name: str, help: str) -> argparse.ArgumentParser:
        return with_lang(sub.add_parser(name, help=help, description=help))

    dataset = {"required": True, "choices": sorted(DATASETS), "type": _dataset_key(lang),
               "help": h("dataset", datasets=_datasets(lang))}
    p = add_parser("init", h("init"))
    p.add_argument("--db", metavar=mv("file"), help=h("db"))
    p = add_parser("demo", h("demo"))
    p.add_argument("--scale", type=float, default=1.0, metavar=mv("number"), help=h("scale"))
    p.add_argument("--seed", type=int, default=demo.SEED, metavar=mv("number"), help=h("seed"))
    p.add_argument("--db", metavar=mv("file"), help=h("db"))
    p = add_parser("template", h("template"))
    p.add_argument("--dataset", **dataset)
    p.add_argument("-o", "--output", required=True, metavar=mv("file"), help=h("template_output"))
    p = add_parser("import", h("import"))
    p.add_argument("--dataset", **dataset)
    p.add_argument("file", metavar=mv("file"), help=h("import_file"))
    p.add_argument("--dry-run", action="store_true", help=h("dry_run"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.add_argument("--sheet", metavar=mv("sheet"), help=h("sheet"))
    p.add_argument("--user", default="cli", metavar=mv("name"), help=h("user"))
    p = add_parser("export", h("export"))
    p.add_argument("kind", choices=["deck", "report"], help=h("export_kind"))
    p.add_argument("--plan", metavar=mv("id"), help=h("plan_id"))
    p.add_argument("--phase", metavar=mv("phase"), help=h("phase"))
    p.add_argument("--as-of", dest="as_of", metavar=mv("date"), help=h("as_of"))
    p.add_argument("-o", "--output", required=True, metavar=mv("file"), help=h("export_output"))
    for name in ("parent-agency", "agency", "agency-short", "number", "place", "signer", "signer-title"):
        p.add_argument(f"--{name}", metavar=mv("text"), help=h("report_field"))
    p.add_argument("--recipient", action="append", metavar=mv("text"), help=h("recipient"))
    p = add_parser("snapshot", h("snapshot"))
    p.add_argument("-o", "--output", required=True, metavar=mv("folder"), help=h("snapshot_output"))
    add_parser("rebuild", h("rebuild"))
    p = add_parser("publish", h("publish"))
    p.add_argument("-o", "--output", required=True, metavar=mv("folder"), help=h("publish_output"))
    p.add_argument("--plan", metavar=mv("id"), help=h("plan_id"))
    p.add_argument("--as-of", dest="as_of", metavar=mv("date"), help=h("as_of"))
    p = sub.add_parser("user", help=h("user_group"), description=h("user_group"))
    users = p.add_subparsers(dest="action", required=True)
    add = with_lang(users.add_parser("add", help=h("user_add"), description=h("user_add")))
    add.add_argument("username", metavar=mv("name"), help=h("username"))
    add.add_argument("--name", metavar=mv("text"), help=h("full_name"))
    add.add_argument("--role", default="staff", choices=["staff", "admin"], help=h("role"))
    remove = with_lang(users.add_parser("remove", help=h("user_remove"), description=h("user_remove")))
    remove.add_argument("username", metavar=mv("name"), help=h("username"))
    with_lang(users.add_parser("list", help=h("user_list"), description=h("user_list")))
    p = sub.add_parser("plan", help=h("plan_group"), description=h("plan_group"))
    plans = p.add_subparsers(dest="action", required=True)
    check = with_lang(plans.add_parser("check", help=h("plan_check"), description=h("plan_check")))
    check.add_argument("file", metavar=mv("file"), help=h("plan_file"))
    with_lang(plans.add_parser("docs", help=h("plan_docs"), description=h("plan_docs")))
    for commands in (sub, users, plans):
        # A missing command is named by its choices, as the usage line shows them, never by its dest.
        commands.metavar = "{" + ",".join(commands.choices) + "}"
    return root


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code. A plan error, a refused reading, a database held by
    another process or an interruption is printed as a message in the chosen language (exit 1),
    never as a traceback."""
    argv = sys.argv[1:] if argv is None else argv
    lang = lang_of(argv)
    with _argparse_speaks(lang):
        args = parser(lang).parse_args(argv)
    lang = args.lang = getattr(args, "lang", DEFAULT_LANG)
    settings = Settings.from_env()
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
