"""Loader for the one-statement-per-file SQL in queries/.

Each file starts with a header of `--` comment lines:

    -- name: experts_per_year
    -- returns: one row per year: year, value
    -- param: $period_start DATE first day counted

The loader refuses duplicate names, parameters used but not declared and
parameters declared but never used, so a query and its header cannot drift.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from .settings import QUERIES_DIR


def ident(name: str) -> str:
    """A table or column name made safe to splice into SQL: wrapped in double quotes, each double
    quote inside doubled (so any name stays one identifier). The one way the project splices a
    name; values are always bound parameters. Refuses what no identifier can hold: an empty name,
    NUL, something that is not text."""
    if not isinstance(name, str) or not name or "\x00" in name:
        raise ValueError(f"not an SQL identifier: {name!r}")
    return '"' + name.replace('"', '""') + '"'


_HEADER = re.compile(r"^--\s*(name|returns|param|description):\s*(.*)$")
_PARAM_DECL = re.compile(r"^\$([A-Za-z_][A-Za-z0-9_]*)\b")
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^']|'')*'|--[^\n]*")


class QueryError(ValueError):
    """A query file is malformed, or a query was called with the wrong parameters."""


@dataclass(frozen=True)
class Query:
    name: str
    returns: str
    params: tuple[str, ...]
    sql: str
    path: Path


def parse_query(path: Path) -> Query:
    """A query file with its header checked: a name and a `returns` line are required, every
    `$parameter` used must be declared and every declared one used (QueryError otherwise)."""
    text = path.read_text(encoding="utf-8")
    name, returns, params = None, "", []
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "name":
            name = value
        elif key == "returns":
            returns = value
        elif key == "param":
            pm = _PARAM_DECL.match(value)
            if not pm:
                raise QueryError(f"{path}: parameter line must start with $name: {value!r}")
            params.append(pm.group(1))
    if not name:
        raise QueryError(f"{path}: missing '-- name:' header")
    if not returns:
        raise QueryError(f"{path}: missing '-- returns:' header")
    body = _STRINGS_AND_COMMENTS.sub(" ", text)
    used = set(_PARAM_USE.findall(body))
    undeclared = sorted(used - set(params))
    if undeclared:
        raise QueryError(f"{path}: parameters used but not declared: {', '.join(undeclared)}")
    unused = sorted(set(params) - used)
    if unused:
        raise QueryError(f"{path}: parameters declared but not used: {', '.join(unused)}")
    if len(set(params)) != len(params):
        raise QueryError(f"{path}: a parameter is declared twice")
    statements = [s for s in body.split(";") if s.strip()]
    if len(statements) != 1:
        raise QueryError(f"{path}: expected exactly one SQL statement, found {len(statements)}")
    return Query(name=name, returns=returns, params=tuple(params), sql=text, path=path)


class QueryLibrary:
    """All queries under a folder, by name."""

    def __init__(self, root: Path = QUERIES_DIR):
        self.root = Path(root)
        self._queries: dict[str, Query] = {}
        for path in sorted(self.root.rglob("*.sql")):
            query = parse_query(path)
            if query.name in self._queries:
                other = self._queries[query.name].path
                raise QueryError(f"duplicate query name {query.name!r}: {other} and {path}")
            self._queries[query.name] = query

    def __contains__(self, name: str) -> bool:
        return name in self._queries

    def names(self) -> list[str]:
        return sorted(self._queries)

    def get(self, name: str) -> Query:
        try:
            return self._queries[name]
        except KeyError:
            raise QueryError(f"no query named {name!r}") from None

    def df(self, con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
        """Run a query with bound parameters and return its rows as a DataFrame."""
        query = self.get(name)
        missing = sorted(set(query.params) - set(params))
        extra = sorted(set(params) - set(query.params))
        if missing or extra:
            raise QueryError(f"{name}: missing parameters {missing}, unexpected {extra}")
        return con.execute(query.sql, params).df()


_default: QueryLibrary | None = None


def library() -> QueryLibrary:
    global _default
    if _default is None:
        _default = QueryLibrary()
    return _default
