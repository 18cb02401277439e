"""Codes that name records (course codes, certificate numbers, bodies, record ids): one record is
one code whatever its case, so "kh-01" matches the stored "KH-01" and keeps the stored form; and
the templates' example rows, which must never reach the database."""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from ..datasets import Dataset
from ..sql import ident


def _existing(con: duckdb.DuckDBPyConnection, table: str, column: str, lowered: list[str]) -> list[str]:
    """Stored values of table.column equal to one of `lowered` but for case. Names come from the
    dataset specs, never from a file; the values are a registered frame."""
    con.register("wanted_codes", pd.DataFrame({"v": lowered}))
    try:
        return [r[0] for r in con.execute(
            "SELECT DISTINCT " + ident(column) + " FROM " + ident(table) + " WHERE lower(" + ident(column) + ") IN "
            "(SELECT v FROM wanted_codes)").fetchall()]
    finally:
        con.unregister("wanted_codes")


def canonical_codes(dataset: Dataset, typed: pd.DataFrame, con, batch_keys: dict[str, set], note) -> None:
    """Replace each code by the form already stored (in its own table or the table it refers to), or
    by its first form in the file, when they differ only by case."""
    for column in dataset.columns:
        if column.kind != "code":
            continue
        values = typed[column.name]
        present = values.notna()
        if not present.any():
            continue
        uniques = pd.unique(values[present])
        lowered = sorted({u.lower() for u in uniques})
        stored: dict[str, str] = {}
        sources = [(dataset.table, column.name)] + [(r.table, r.key) for r in dataset.references
                                                     if r.column == column.name]
        known: set[str] = set()
        for table, key in sources:
            known.update(_existing(con, table, key, lowered))
        for ref in dataset.references:
            if ref.column == column.name:
                known.update(k for k in batch_keys.get(ref.dataset, ()) if isinstance(k, str))
        for form in sorted(known):
            stored.setdefault(form.lower(), form)
        chosen = {}
        for u in uniques:  # pd.unique keeps the file's order: the first form written wins
            chosen[u] = u if u in known else stored.setdefault(u.lower(), u)
        canonical = values.map(chosen, na_action="ignore")
        changed = present & (canonical != values)
        typed[column.name] = canonical.where(present, None)
        note(changed, column, values, canonical)


def example_rows(dataset: Dataset, typed: pd.DataFrame) -> np.ndarray:
    """Rows whose key is the template's example key."""
    mask = np.ones(len(typed), dtype=bool)
    for name in dataset.key:
        example = dataset.column(name).example
        if not example:
            return np.zeros(len(typed), dtype=bool)
        values = typed[name]
        mask &= (values.notna() & (values.astype("string").str.lower() == example.lower())).to_numpy(dtype=bool)
    return mask
