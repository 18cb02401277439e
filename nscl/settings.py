"""Where the app finds its database, plans and catalogues (overridable by environment)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
DATA_DIR = ROOT / "data"
PLANS_DIR = DATA_DIR / "plans"
CATALOGUES_DIR = DATA_DIR / "catalogues"
DEFAULT_DB = DATA_DIR / "nscl.duckdb"
DEFAULT_PLAN = "quang-binh-676"


@dataclass(frozen=True)
class Settings:
    db_path: str
    plan_id: str
    plans_dir: str
    snapshot: str = ""  # a replica serves this Parquet snapshot read-only instead of db_path

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            db_path=os.environ.get("NSCL_DB", str(DEFAULT_DB)),
            plan_id=os.environ.get("NSCL_PLAN", DEFAULT_PLAN),
            plans_dir=os.environ.get("NSCL_PLANS_DIR", str(PLANS_DIR)),
            snapshot=os.environ.get("NSCL_SNAPSHOT", ""),
        )

    @property
    def read_only(self) -> bool:
        return bool(self.snapshot)
