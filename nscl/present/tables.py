"""The table downloads' writers, kept under this name for callers written before they moved to
nscl/spreadsheets.py (one module beneath both the ingest side and the present side)."""
from __future__ import annotations

from ..spreadsheets import csv_cells, neutralise, safe_frame, to_csv_bytes, to_xlsx_bytes

__all__ = ["neutralise", "csv_cells", "to_csv_bytes", "to_xlsx_bytes", "safe_frame"]
