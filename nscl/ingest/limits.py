"""Upload limits and where originals are archived (configurable by environment)."""
from __future__ import annotations

import os
from dataclasses import dataclass

from ..settings import DATA_DIR


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 100 * 1024 * 1024
    max_rows: int = 1_000_000
    max_line: int = 1_000_000
    archive_dir: str = str(DATA_DIR / "uploads")

    @classmethod
    def from_env(cls) -> "Limits":
        return cls(
            max_bytes=int(float(os.environ.get("NSCL_MAX_UPLOAD_MB", 100)) * 1024 * 1024),
            max_rows=int(os.environ.get("NSCL_MAX_ROWS", 1_000_000)),
            max_line=int(os.environ.get("NSCL_MAX_CELL_CHARS", 1_000_000)),
            archive_dir=os.environ.get("NSCL_ARCHIVE", str(DATA_DIR / "uploads")),
        )

    def too_big(self, size: int) -> str:
        mb = self.max_bytes / 1024 / 1024
        return (f"Tệp nặng {size / 1024 / 1024:,.1f} MB, vượt giới hạn {mb:,.0f} MB một lần cập nhật. "
                "Hãy chia tệp thành nhiều phần.").replace(",", "X").replace(".", ",").replace("X", ".")
