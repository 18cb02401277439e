"""Command line: demo data, templates, imports and staff accounts.

    python -m nscl demo [--scale S] [--seed N] [--db PATH]
    python -m nscl template --dataset NAME -o FILE.csv|FILE.xlsx
    python -m nscl import --dataset NAME FILE [--dry-run] [--json] [--sheet S] [--user U]
    python -m nscl user add USERNAME [--name "Họ tên"] [--role staff|admin]   (password from stdin)
    python -m nscl export deck|report [--plan ID] [--phase P] [--as-of YYYY-MM-DD] [--lang vi|en] -o FILE
"""
from __future__ import annotations

import argparse
import getpass
import json
import sys
import time
from pathlib import Path

import duckdb

from . import demo
from .db import open_database
from .plan import PlanError, load_plan_by_id
from .settings import Settings

LOCKED = ("Cơ sở dữ liệu {db} đang được một chương trình khác sử dụng (thường là ứng dụng đang chạy): "
          "DuckDB không cho tiến trình thứ hai mở tệp này, kể cả chỉ để đọc. Hãy dừng ứng dụng rồi chạy lại "
          "lệnh, hoặc {hint}.\n(The database is held by another process, usually the running app; DuckDB lets no "
          "second process open it, not even read-only. Stop the app and run again, or use the app.)")
HINTS = {"snapshot": "đặt NSCL_PUBLISH_SNAPSHOT để ứng dụng tự xuất bản chụp sau mỗi lần cập nhật",
         "import": "dùng trang \"Cập nhật dữ liệu\" trong ứng dụng",
         "export": "tải tệp từ trang \"Báo cáo\" trong ứng dụng"}


def _open(db_path: str, settings: Settings) -> duckdb.DuckDBPyConnection:
    plan = load_plan_by_id(settings.plan_id, settings.plans_dir)
    return open_database(db_path, plan)


def _demo(args, settings: Settings) -> int:
    db_path = args.db or settings.db_path
    con = _open(db_path, settings)
    started = time.perf_counter()
    counts = demo.build(con, scale=args.scale, seed=args.seed)
    con.execute("CHECKPOINT")
    con.close()
    summary = ", ".join(f"{k} {v:,}" for k, v in counts.items())
    print(f"Demo data written to {db_path} in {time.perf_counter() - started:.1f} s: {summary}")
    return 0


def _template(args, settings: Settings) -> int:
    from .ingest.datasets import DATASETS
    from .ingest.templates import template_csv, template_xlsx

    out = Path(args.output)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        print("Tệp mẫu phải có đuôi .csv hoặc .xlsx.", file=sys.stderr)
        return 1
    dataset = DATASETS[args.dataset]
    out.write_bytes(template_csv(dataset) if out.suffix.lower() == ".csv" else template_xlsx(dataset))
    print(f"Đã ghi mẫu nhập liệu \"{dataset.title_vi}\" vào {out}")
    return 0


def _import(args, settings: Settings) -> int:
    from .ingest.commit import CommitRefused, commit, preview
    from .ingest.datasets import DATASETS
    from .ingest.limits import Limits
    from .ingest.pipeline import check_file
    from .ingest.reading import ReadError

    dataset = DATASETS[args.dataset]
    limits = Limits.from_settings()
    path = Path(args.file)
    if not path.is_file():
        return _report_file_problem(args, f"Không tìm thấy tệp {path}.")
    if path.stat().st_size > limits.max_bytes:
        return _report_file_problem(args, limits.too_big(path.stat().st_size))
    data = path.read_bytes()
    con = _open(settings.db_path, settings)
    try:
        raw, checked = check_file(con, dataset, path.name, data, args.sheet, limits)
    except ReadError as exc:
        return _report_file_problem(args, str(exc))
    problems = [p.__dict__ for p in checked.problems]
    result = {"file": path.name, "dataset": dataset.name, "rows": len(raw.rows), "errors": len(checked.errors),
              "warnings": len(checked.warnings), "problems": problems}
    if not checked.errors:
        summary = preview(con, checked, data)
        result.update(new=summary.new, changed=summary.changed, unchanged=summary.unchanged,
                      duplicate_of=summary.duplicate_of)
        if not args.dry_run:
            try:
                done = commit(con, checked, path.name, data, args.user, archive_dir=limits.archive_dir)
                result["upload_id"] = done.upload_id
            except CommitRefused as exc:
                return _report_file_problem(args, str(exc))
    con.close()
    if args.json:
        print(json.dumps(problems if checked.errors else result, ensure_ascii=False, default=str, indent=1))
    else:
        _print_text(result, checked, args.dry_run)
    return 1 if checked.errors else 0


def _report_file_problem(args, message: str) -> int:
    if args.json:
        print(json.dumps([{"row": None, "column": None, "value": None, "message": message}], ensure_ascii=False))
    else:
        print(message, file=sys.stderr)
    return 1


def _print_text(result: dict, checked, dry_run: bool) -> None:
    for p in checked.problems:
        kind = "LỖI" if p.severity == "error" else "Cảnh báo"
        print(f"{kind} dòng {p.row}, cột \"{p.column}\" (giá trị \"{p.value}\"): {p.message}")
    if checked.errors:
        print(f"Tệp có {len(checked.errors)} lỗi trên {len(checked.rejected)} dòng; chưa ghi gì vào cơ sở dữ liệu.")
        return
    counts = f"{result['new']} dòng mới, {result['changed']} dòng thay đổi, {result['unchanged']} dòng không đổi"
    if dry_run:
        print(f"Tệp hợp lệ ({counts}). Chạy thử: chưa ghi vào cơ sở dữ liệu.")
    else:
        print(f"Đã ghi vào cơ sở dữ liệu, lần cập nhật số {result['upload_id']}: {counts}.")


def _user(args, settings: Settings) -> int:
    from .auth import add_user

    password = sys.stdin.readline().rstrip("\n") if not sys.stdin.isatty() else getpass.getpass("Mật khẩu: ")
    try:
        add_user(args.username, password, args.name or args.username, args.role)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Đã tạo tài khoản {args.username}.")
    return 0


def _export(args, settings: Settings) -> int:
    import datetime as dt

    from .i18n import t
    from .present.deck import build_deck
    from .present.report import ReportSettings, build_report
    from .present.slides import collect

    plan_id = args.plan or settings.plan_id
    try:
        plan = load_plan_by_id(plan_id, settings.plans_dir)
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else dt.date.today()
        phase = plan.phase(args.phase) if args.phase else plan.phase_for(as_of)
    except ValueError as exc:
        print(f"Tham số không hợp lệ (bad argument): {exc}", file=sys.stderr)
        return 1
    out = Path(args.output)
    wanted = {"deck": ".pptx", "report": ".docx"}[args.kind]
    if out.suffix.lower() != wanted:
        print(f"Tệp kết quả phải có đuôi {wanted}.", file=sys.stderr)
        return 1
    if settings.snapshot:  # a published snapshot: works while the app holds the database
        from .snapshot import open_snapshot

        con = open_snapshot(settings.snapshot)
    else:
        if not Path(settings.db_path).exists():
            _open(settings.db_path, settings).close()  # created if absent, like the app does
        # Read only: no write lock, and a clear message when the running app holds the file.
        con = duckdb.connect(settings.db_path, read_only=True)
    started = time.perf_counter()
    _, slides = collect(con, plan, phase.id, as_of, args.lang)
    con.close()
    if args.kind == "deck":
        data = build_deck(slides, f"{t('plan', args.lang)} {plan.number} · {plan.province[args.lang]}")
    else:
        data = build_report(plan, slides, as_of, phase.id, ReportSettings(
            args.parent_agency or "", args.agency or "", args.agency_short or "", args.number or "",
            args.place or "", args.signer or "", args.signer_title or "", args.recipient or []))
    out.write_bytes(data)
    print(f"Đã ghi {out} ({len(data) / 1024:,.0f} KB) trong {time.perf_counter() - started:.1f} s.")
    return 0


def _snapshot(args, settings: Settings) -> int:
    from .snapshot import publish

    con = _open(settings.db_path, settings)
    started = time.perf_counter()
    path = publish(con, args.output)
    con.close()
    print(f"Đã xuất bản chụp dữ liệu (Parquet) vào {path} trong {time.perf_counter() - started:.1f} s.")
    return 0


def parser() -> argparse.ArgumentParser:
    from .ingest.datasets import DATASETS

    root = argparse.ArgumentParser(prog="python -m nscl", description="NSCL programme monitor tools")
    sub = root.add_subparsers(dest="command", required=True)
    p = sub.add_parser("demo", help="build the deterministic demo database")
    p.add_argument("--scale", type=float, default=1.0, help="1 = one province (about 4,500 enterprises)")
    p.add_argument("--seed", type=int, default=demo.SEED)
    p.add_argument("--db", help="database file (default: $NSCL_DB or data/nscl.duckdb)")
    p = sub.add_parser("template", help="write an import template")
    p.add_argument("--dataset", required=True, choices=sorted(DATASETS))
    p.add_argument("-o", "--output", required=True)
    p = sub.add_parser("import", help="check a file and write it to the database")
    p.add_argument("--dataset", required=True, choices=sorted(DATASETS))
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    p.add_argument("--json", action="store_true", help="problems as JSON")
    p.add_argument("--sheet", help="worksheet of an Excel file (default: the first)")
    p.add_argument("--user", default="cli", help="name recorded in the upload log")
    p = sub.add_parser("export", help="build the PowerPoint deck or the official report")
    p.add_argument("kind", choices=["deck", "report"])
    p.add_argument("--plan", help="plan id (default: $NSCL_PLAN)")
    p.add_argument("--phase", help="phase id, e.g. 2021-2025 (default: the phase of the as-of date)")
    p.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.add_argument("-o", "--output", required=True)
    for name in ("parent-agency", "agency", "agency-short", "number", "place", "signer", "signer-title"):
        p.add_argument(f"--{name}", help="report field (left as a marked blank when absent)")
    p.add_argument("--recipient", action="append", help="report recipient (repeat)")
    p = sub.add_parser("snapshot", help="publish a Parquet snapshot for read-only replicas")
    p.add_argument("-o", "--output", required=True, help="snapshot folder (replaced whole)")
    p = sub.add_parser("user", help="staff accounts")
    users = p.add_subparsers(dest="action", required=True)
    add = users.add_parser("add", help="create or reset an account; the password is read from stdin")
    add.add_argument("username")
    add.add_argument("--name")
    add.add_argument("--role", default="staff", choices=["staff", "admin"])
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = Settings.from_env()
    if getattr(args, "scale", 1) <= 0:
        print("--scale must be positive", file=sys.stderr)
        return 1
    handlers = {"demo": _demo, "template": _template, "import": _import, "user": _user, "export": _export,
                "snapshot": _snapshot}
    try:
        return handlers[args.command](args, settings)
    except PlanError as exc:
        print(f"Lỗi cấu hình kế hoạch / plan configuration error: {exc}", file=sys.stderr)
    except duckdb.IOException as exc:
        db = getattr(args, "db", None) or settings.db_path
        hint = HINTS.get(args.command, "dùng ứng dụng")
        print(LOCKED.format(db=db, hint=hint) if "lock" in str(exc).lower()
              else f"Không mở được cơ sở dữ liệu {db}: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
    return 1
