"""One path from a file's bytes to checked rows, shared by the upload page, the CLI and tests."""
from __future__ import annotations

import duckdb

from .datasets import Dataset
from .limits import Limits
from .reading import RawTable, ReadError, read_table
from .validation import Checked, validate


def check_file(con: duckdb.DuckDBPyConnection, dataset: Dataset, file_name: str, data: bytes,
               sheet: str | None = None, limits: Limits | None = None, today=None) -> tuple[RawTable, Checked]:
    """Read and validate; ReadError (a Vietnamese message) when the file is not a usable table."""
    limits = limits or Limits.from_env()
    if len(data) > limits.max_bytes:
        raise ReadError(limits.too_big(len(data)))
    raw = read_table(file_name, data, dataset, sheet, limits.max_rows, limits.max_line)
    return raw, validate(raw, dataset, con, today=today)
