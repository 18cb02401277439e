"""Command line: `python -m nscl demo [--scale S] [--seed N] [--db PATH]`."""
from __future__ import annotations

import argparse
import sys
import time

import duckdb

from . import demo
from .db import open_database
from .plan import PlanError, load_plan_by_id
from .settings import Settings


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    db_path = args.db or settings.db_path
    try:
        plan = load_plan_by_id(settings.plan_id, settings.plans_dir)
        con = open_database(db_path, plan)
    except PlanError as exc:
        print(f"Lỗi cấu hình kế hoạch / plan configuration error: {exc}", file=sys.stderr)
        return 1
    except duckdb.IOException as exc:
        print(f"Không mở được cơ sở dữ liệu {db_path} (có thể ứng dụng đang dùng nó): {exc}\n"
              f"Cannot open the database {db_path} (the app may be holding it).", file=sys.stderr)
        return 1
    started = time.perf_counter()
    counts = demo.build(con, scale=args.scale, seed=args.seed)
    con.execute("CHECKPOINT")
    con.close()
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{k} {v:,}" for k, v in counts.items())
    print(f"Demo data written to {db_path} in {elapsed:.1f} s: {summary}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nscl", description="NSCL programme monitor tools")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("demo", help="build the deterministic demo database")
    p.add_argument("--scale", type=float, default=1.0, help="1 = one province (about 4,500 enterprises)")
    p.add_argument("--seed", type=int, default=demo.SEED)
    p.add_argument("--db", help="database file (default: $NSCL_DB or data/nscl.duckdb)")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    if args.command == "demo":
        if args.scale <= 0:
            parser.error("--scale must be positive")
        return _demo(args, settings)
    return 2
