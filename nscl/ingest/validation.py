"""Validation of a read table: every problem with the user's row number, header, value and a
message in the user's language (Vietnamese by default) saying what is wrong and how to fix it.
Column-wise, on unique values, so a million rows stay fast."""
from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import duckdb
import numpy as np
import pandas as pd
from stdnum.vn import mst

from .. import codes
from ..datasets import DATASETS, Column, Dataset
from ..db import CATALOGUES_KEY, meta_value
from ..i18n import DEFAULT_LANG, fmt_date, has, t
from ..settings import CATALOGUES_DIR, Settings
from ..sql import ident, library
from . import forms
from .identity import canonical_codes, example_rows
from .places import check_places, outside_message
from .reading import RawTable, fold
from .values import HIDDEN_PATTERN, code_form, foreign_letter, grouped, parse_number, read_date, reveal, visible
from .values import parse_date as parse_date  # noqa: F401  (part of this module's interface)

ERROR, WARNING = "error", "warning"
NOTE_COLUMNS = ("row", "column", "written", "stored", "rows")


@dataclass
class Problem:
    row: int
    column: str
    value: str
    message: str
    severity: str = ERROR


@dataclass
class Checked:
    dataset: Dataset
    frame: pd.DataFrame          # typed values (database column names) and `row`, all rows
    problems: list[Problem]
    rejected: set[int]           # Excel rows with at least one error
    normalised: pd.DataFrame = None  # values stored in another form than written: first row, column
                                     # (header), written, stored, rows (how many rows wrote it so)

    def __post_init__(self):
        if self.normalised is None:
            self.normalised = pd.DataFrame(columns=list(NOTE_COLUMNS))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def valid(self) -> pd.DataFrame:
        return self.frame[~self.frame["row"].isin(self.rejected)]

    def problem_frame(self) -> pd.DataFrame:
        return pd.DataFrame([p.__dict__ for p in self.problems],
                            columns=["row", "column", "value", "message", "severity"])


_OUTSIDE: list = [None, [], {}]  # (catalogue digest, territory), units outside it, form -> their indices


class Catalogues:
    """Allowed values, read once from the database. Places: the districts and communes of the
    deployment's territory (`provinces`, the provinces in force it covers; Settings.provinces by
    default) before and after the 1/7/2025 reform; a unit elsewhere is known only to be refused."""

    def __init__(self, con: duckdb.DuckDBPyConnection, provinces: tuple[str, ...] | None = None):
        self.sectors = con.execute("SELECT code, name_vi, name_en FROM sectors").fetchall()
        self.standards = con.execute("SELECT code, name_vi, name_en, family FROM standards").fetchall()
        self.provinces = tuple(Settings.from_env().provinces if provinces is None else provinces)
        territory = _rows(con, "deployment_places", provinces=list(self.provinces))
        self.places = [row[:7] for row in territory]
        self.place_validity = {c: (f, t) for c, _, _, _, _, f, t in self.places}
        self.place_names = {c: (vi, en) for c, _, vi, en, _, _, _ in self.places}
        self.place_gso = {c: gso or c for c, gso, *_ in self.places}
        self.successors: dict[str, list[str]] = {}
        for old, new in _rows(con, "place_successors", codes=[c for c, *_, end in self.places if end is not None]):
            self.successors.setdefault(old, []).append(new)
        # A new commune's unit before the reform: the former district of its seat.
        self.predecessor = {row[0]: row[7] for row in territory
                            if row[4] == "commune" and row[6] is None and row[7] in self.place_names}
        self.deployment = _rows(con, "province_names", codes=list(self.provinces))
        self._con = con
        self._outside: dict[str, list[int]] | None = None
        self._outside_units: list[tuple] = []

    def outside(self, folded: str) -> list[tuple]:
        """Units outside the territory that a folded written form names (code, gso_code, name_vi,
        name_en, province_vi, province_en), read on the first call only."""
        if self._outside is None:
            # Kept for the next upload while the catalogue files (their digest) and territory stay.
            key = (meta_value(self._con, CATALOGUES_KEY), self.provinces)
            if key[0] is None or _OUTSIDE[0] != key:
                _OUTSIDE[:] = [key, *self._outside_index()]
            self._outside_units, self._outside = _OUTSIDE[1], _OUTSIDE[2]
        return [self._outside_units[i] for i in self._outside.get(folded, ())]

    def _outside_index(self) -> tuple[list[tuple], dict[str, list[int]]]:
        inside = set(self.place_names)
        units = [u for u in _rows(self._con, "place_provinces") if u[0] not in inside]
        index: dict[str, list[int]] = {}
        for i, (code, gso, vi, en, _, _) in enumerate(units):
            for form in _place_forms(code, gso, vi, en):
                index.setdefault(form, []).append(i)
        return units, index

    def forms(self, choices: str) -> dict[str, list[str]]:
        """Folded written form -> codes it may mean."""
        out: dict[str, list[str]] = {}

        def add(form, code):
            key = fold(form)
            if key and code not in out.setdefault(key, []):
                out[key].append(code)

        if choices == "sector":
            for code, vi, en in self.sectors:
                for form in (code, vi, en, f"{code} {vi}", f"{code} {en}"):
                    add(form, code)
        elif choices == "place":
            for code, gso, vi, en, _level, _, _ in self.places:
                for form in _place_forms(code, gso, vi, en):
                    if code not in out.setdefault(form, []):
                        out[form].append(code)
        elif choices in ("standard", "accreditation"):
            for code, vi, en, family in self.standards:
                if (family == "accreditation") == (choices == "accreditation"):
                    for form in (code, vi, en, code.replace(" ", "")):
                        add(form, code)
            for form, code in forms.standard_forms().items():
                if any(c == code and (f == "accreditation") == (choices == "accreditation")
                       for c, _, _, f in self.standards):
                    add(form, code)
        else:  # a code list of data/catalogues/codes.csv: code, labels and the other forms staff write
            for code in codes.codes(choices):
                for form in (code.code, code.name_vi, code.name_en, *code.aliases):
                    add(form, code.code)
        return out

    def allowed_text(self, choices: str, lang: str = DEFAULT_LANG) -> str:
        if choices in ("sector", "place"):
            return t(f"allowed_{choices}", lang)
        if choices in ("standard", "accreditation"):
            family = choices == "accreditation"
            return ", ".join(c for c, _, _, f in self.standards if (f == "accreditation") == family)
        return ", ".join(code.label(lang) for code in codes.codes(choices))

    def label(self, choices: str, code: str, lang: str) -> str:
        if choices == "sector":
            return next((en if lang == "en" else vi for c, vi, en in self.sectors if c == code), code)
        if choices in ("standard", "accreditation"):
            return code
        return codes.label(choices, code, lang) or code

    def canonical(self, choices: str, code: str) -> set[str]:
        """Folded forms that name a code plainly (its code, labels and the other names of codes.csv):
        anything else (a job title, a VSIC class, a standard's edition) is shown as a normalisation."""
        if choices == "sector":
            return {fold(x) for c, vi, en in self.sectors if c == code for x in (c, vi, en)}
        if choices in ("standard", "accreditation"):
            return {fold(x) for c, vi, en, _ in self.standards if c == code for x in (c, vi, en)}
        return {fold(x) for c in codes.codes(choices) if c.code == code for x in (c.code, c.name_vi, c.name_en, *c.aliases)}


def _rows(con: duckdb.DuckDBPyConnection, name: str, **params) -> list[tuple]:
    """A query of queries/ as Python rows (dates as datetime.date)."""
    query = library().get(name)
    assert set(query.params) == set(params), name
    return con.execute(query.sql, params).fetchall()


def _place_forms(code: str, gso: str | None, name_vi: str, name_en: str) -> set[str]:
    """Folded forms that name a place: its key, its official code with and without the leading
    zeros, its names, and its name without its type or with the type abbreviated ("tp dong ha");
    a name that is only a number without its type ("Phường 1" as "1") is not a form."""
    gso = gso or code
    found = {fold(code), gso, gso.lstrip("0") or "0", fold(name_vi), fold(name_en)}
    found |= {form for form in forms.place_forms(name_vi) if not form.isdigit()}
    return {form for form in found if form}


# ------------------------------------------------------------------ cell parsers

@lru_cache(maxsize=1)
def _birth_provinces() -> frozenset[str]:
    """The 3-digit codes a personal identification number starts with: the province where the
    birth was registered, numbered as the 63 pre-2025 provinces (Circular 59/2021/TT-BCA)."""
    with (CATALOGUES_DIR / "provinces.csv").open(encoding="utf-8", newline="") as fh:
        return frozenset(row["code"].zfill(3) for row in csv.DictReader(fh))


def is_personal_id(compact: str) -> bool:
    """A 12-digit personal identification number (căn cước): since 1/7/2025 the tax code of a
    household business and of a person (Circular 86/2024/TT-BTC). It has no check digit; its
    first three digits name a province of birth."""
    return len(compact) == 12 and compact.isdigit() and compact[:3] in _birth_provinces()


def parse_tax_code(text: str) -> tuple[str | None, str | None]:
    """(code, note): note 'restored' when a lost leading zero was put back."""
    text = text[:-2] if re.fullmatch(r"\d+\.0", text) else text  # a number cell written by Excel
    compact = re.sub(r"[\s.\-]", "", text)
    if is_personal_id(compact):
        return compact, None
    if mst.is_valid(compact):
        code = mst.compact(compact)
        return (code if len(code) == 10 else f"{code[:10]}-{code[10:]}"), None
    if len(compact) == 9 and compact.isdigit() and mst.is_valid("0" + compact):
        return "0" + compact, "restored"
    return None, None


MST_WEIGHTS = np.array([31, 29, 23, 19, 17, 13, 7, 5, 3])


def parse_tax_codes(values: pd.Series) -> pd.Series:
    """parse_tax_code for a column: plain 10-digit codes are checked in one vectorised pass with
    python-stdnum's check-digit rule; everything else goes through python-stdnum one by one."""
    plain = values.str.fullmatch(r"[0-9]{10}").fillna(False).to_numpy()
    out = pd.Series([None] * len(values), index=values.index, dtype=object)
    if plain.any():
        digits = np.frombuffer("".join(values[plain]).encode("ascii"), dtype=np.uint8).reshape(-1, 10) - 48
        remainder = (digits[:, :9].astype(np.int64) @ MST_WEIGHTS) % 11
        ok = (remainder != 0) & (10 - remainder == digits[:, 9])
        codes = values[plain].to_numpy()
        out[plain] = [(c, None) if good else (None, None) for c, good in zip(codes, ok)]
    if (~plain).any():
        out[~plain] = _per_unique(values[~plain], parse_tax_code)
    return out


# ------------------------------------------------------------------ validation

def _per_unique(values: pd.Series, func, count: int | None = None):
    """func applied once per distinct value, its results spread back to every row with an index (no
    per-row Python): one Series; with `count`, func returns `count` results and a list of that many
    Series comes back, one per result."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    results = [func(u) for u in uniques]
    out = []
    for column in ([results] if count is None else [[r[i] for r in results] for i in range(count)]):
        array = np.empty(len(uniques), dtype=object)
        array[:] = column
        out.append(pd.Series(array[codes], index=values.index, dtype=object))
    return out[0] if count is None else out


def validate(raw: RawTable, dataset: Dataset, con: duckdb.DuckDBPyConnection,
             today: dt.date | None = None, batch_keys: dict[str, set] | None = None,
             lang: str = DEFAULT_LANG) -> Checked:
    """Check every cell and row, with messages in `lang`; references may also be satisfied by
    batch_keys (dataset name -> keys uploaded together with this file)."""
    today = today or dt.date.today()
    catalogues = Catalogues(con)
    problems: list[Problem] = []
    notes: list[pd.DataFrame] = []
    rows = np.asarray(raw.rows)
    typed = pd.DataFrame({"row": rows})

    def header_of(column: Column) -> str:
        return raw.headers.get(column.name, column.header(lang))

    def report(mask, column: Column, values, message, severity=ERROR):
        """message: text, a function of the value, or a Series with one text per row."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        header = header_of(column)
        shown = np.asarray(values, dtype=object)[mask]
        texts = (np.asarray(message, dtype=object)[mask] if isinstance(message, pd.Series)
                 else [message(v) if callable(message) else message for v in shown])
        for row, value, text in zip(rows[mask], shown, texts):
            problems.append(Problem(int(row), header, "" if value is None else str(value), text, severity))

    def note(mask, column: Column, written, stored):
        """Values stored in another form than written, one line per distinct (written, stored)."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        frame = pd.DataFrame({"row": rows[mask], "written": np.asarray(written, dtype=object)[mask],
                              "stored": np.asarray(stored, dtype=object)[mask]}).astype({"written": str, "stored": str})
        grouped_rows = frame.groupby(["written", "stored"], sort=False)["row"].agg(["min", "size"]).reset_index()
        notes.append(pd.DataFrame({"row": grouped_rows["min"], "column": header_of(column),
                                   "written": grouped_rows["written"], "stored": grouped_rows["stored"],
                                   "rows": grouped_rows["size"], "order": dataset.names.index(column.name)}))

    texts: dict[str, pd.Series] = {}
    for column in dataset.columns:
        if column.name not in raw.frame.columns:
            typed[column.name] = column.default
            continue
        written = raw.frame[column.name].fillna("").astype(str).str.strip()
        text = _without_invisible(column, written, report, note, lang)
        texts[column.name] = text
        present = text != ""
        if column.required:
            report(written == "", column, text, t("check_required", lang, header=raw.headers[column.name]))
        typed[column.name] = _parse_column(column, text, present, report, note, catalogues, lang)
        if column.default is not None:
            typed[column.name] = typed[column.name].where(present, column.default)
            note(~present, column, text, pd.Series(str(column.default), index=text.index))

    _check_dates(dataset, typed, report, today, lang)
    problems += _check_sector_system(dataset, texts, typed, today, header_of, raw.header_row, lang)
    check_places(dataset, typed, texts, report, note, catalogues, lang, today)
    canonical_codes(dataset, typed, con, batch_keys or {}, note)
    _check_example_row(dataset, typed, report, lang)
    _check_duplicates(dataset, raw, typed, report, lang)
    _check_references(dataset, typed, report, con, batch_keys or {}, lang)
    for missing in raw.missing:
        header = dataset.column(missing).header(lang)
        problems.append(Problem(raw.header_row, header, "", t("check_missing_column", lang, header=header), ERROR))
    for header in raw.unknown:
        problems.append(Problem(raw.header_row, header, "", t("check_unknown_column", lang, header=header), WARNING))
    problems.sort(key=lambda p: (p.row, p.column))
    rejected = {p.row for p in problems if p.severity == ERROR}
    if raw.missing:
        rejected = set(int(r) for r in rows) | rejected
    normalised = (pd.concat(notes, ignore_index=True).sort_values(["row", "order"], kind="stable", ignore_index=True)
                  .drop(columns="order") if notes else None)
    return Checked(dataset, typed, problems, rejected, normalised)


def _without_invisible(column: Column, text: pd.Series, report, note, lang: str) -> pd.Series:
    """Cells without zero-width and other invisible characters; a cell of nothing else is empty (an
    error where a value is required)."""
    hidden = text.str.contains(HIDDEN_PATTERN, regex=True).fillna(False).to_numpy(dtype=bool)
    if not hidden.any():
        return text
    cleaned, shown = text.astype(object).copy(), text.astype(object).copy()
    fixed, revealed = _per_unique(text[hidden], lambda v: (visible(v), reveal(v)), 2)
    cleaned[hidden], shown[hidden] = fixed.to_numpy(), revealed.to_numpy()
    cleaned = cleaned.astype(text.dtype)
    hidden_only = (text != "") & (cleaned == "")
    if column.required:
        report(hidden_only, column, shown, t("check_invisible_only", lang))
    else:
        report(hidden_only, column, shown, t("check_invisible_only_optional", lang), WARNING)
    note((cleaned != text) & ~hidden_only, column, shown, cleaned)
    return cleaned


def _parse_column(column: Column, text: pd.Series, present: pd.Series, report, note, catalogues,
                  lang: str) -> pd.Series:
    """The column's typed values, by the parser of its kind (PARSERS)."""
    parser = PARSERS.get(column.kind)
    if parser is None:
        raise ValueError(column.kind)
    return parser(column, text, present, report, note, catalogues, lang)


def _too_long(column: Column, text: pd.Series, report, lang: str) -> pd.Series:
    too_long = text.str.len() > column.max_length
    report(too_long, column, text.str.slice(0, 60) + "…", t("check_too_long", lang, limit=column.max_length))
    return too_long


def _parse_text(column, text, present, report, note, catalogues, lang) -> pd.Series:
    too_long = _too_long(column, text, report, lang)
    return text.where(present & ~too_long, None)


def _parse_code(column, text, present, report, note, catalogues, lang) -> pd.Series:
    too_long = _too_long(column, text, report, lang)
    stored, problem = _per_unique(text, lambda v: _read_code(v, lang), 2)
    bad = present & (problem != "")
    report(bad, column, text, problem)
    note(present & ~bad & (stored != text), column, text, stored)
    return stored.where(present & ~too_long & ~bad, None)


def _parse_date(column, text, present, report, note, catalogues, lang) -> pd.Series:
    parsed, problem, expanded = _per_unique(text, lambda v: _read_date(v, lang), 3)
    bad = present & parsed.isna()
    report(bad, column, text, problem)
    note(present & expanded.astype(bool), column, text, parsed.map(_show_date))
    return parsed


def _parse_whole(column, text, present, report, note, catalogues, lang) -> pd.Series:
    parsed, problem = _per_unique(text, lambda v: _read_whole(v, column, lang), 2)
    bad = present & parsed.isna()
    report(bad, column, text, problem)
    return parsed.where(present & ~bad, None)


def _parse_tax_code(column, text, present, report, note, catalogues, lang) -> pd.Series:
    parsed = parse_tax_codes(text)
    codes = pd.Series([p[0] for p in parsed], index=text.index, dtype=object)
    restored = pd.Series([p[1] == "restored" for p in parsed], index=text.index)
    bad = present & codes.isna()
    report(bad, column, text, t("check_bad_tax_code", lang))
    report(present & restored, column, text, lambda v: t("check_tax_code_restored", lang, value=v), WARNING)
    return codes.where(present, None)


def _read_code(text: str, lang: str) -> tuple[str, str]:
    stored = code_form(text)
    found = foreign_letter(stored)
    if found is None:
        return stored, ""
    char, script = found
    key = f"script_{script.lower()}"
    return stored, t("check_code_foreign_letter", lang, value=text, char=char, codepoint=f"U+{ord(char):04X}",
                     script=t(key if has(key) else "script_other", lang))


def _read_date(text: str, lang: str) -> tuple[dt.date | None, str, bool]:
    reading = read_date(text)
    return reading.value, (reading.problem.text(lang) if reading.problem else ""), reading.expanded


def _read_whole(text: str, column: Column, lang: str) -> tuple[int | None, str]:
    number = parse_number(text)
    if number is None:
        return None, t("check_not_number", lang)
    if number != number.to_integral_value():
        return None, t("check_not_whole", lang)
    if number < 0:
        return None, t("check_negative", lang)
    if number > column.max_value:
        return None, t("check_too_big", lang, limit=grouped(column.max_value, lang))
    return int(number), ""


def _parse_enum(column: Column, text, present, report, note, catalogues, lang: str) -> pd.Series:
    written_forms = catalogues.forms(column.choices)
    allowed = catalogues.allowed_text(column.choices, lang)

    def lookup(value: str) -> tuple:
        """(value stored: a code, or for places the codes it may mean; problem text, problem severity,
        the stored value as the preview shows it when written in another form than its code or label)."""
        if not value:
            return None, "", "", ""
        found, problem, severity = _enum_codes(column, value, written_forms, allowed, catalogues, lang)
        if column.choices == "place":
            return found or None, problem, severity, ""
        stored = found[0] if len(found) == 1 and severity != ERROR else None
        if stored is None or fold(value) in catalogues.canonical(column.choices, stored):
            return stored, problem, severity, ""
        label = catalogues.label(column.choices, stored, lang)
        return stored, problem, severity, (stored if label == stored else f"{stored} · {label}")

    stored, problem, severity, shown = _per_unique(text, lookup, 4)
    report(severity == ERROR, column, text, problem)
    report(severity == WARNING, column, text, problem, WARNING)
    note(shown != "", column, text, shown)
    return stored


PARSERS = {
    "text": _parse_text,
    "code": _parse_code,
    "date": _parse_date,
    "int": _parse_whole,
    "money": _parse_whole,
    "tax_code": _parse_tax_code,
    "enum": _parse_enum,
}
"""One parser per column kind: (column, cells as text, present, report, note, catalogues, lang) ->
the column's typed values, its problems reported and its values stored in another form noted."""


def _enum_codes(column: Column, value: str, written_forms, allowed: str, catalogues, lang: str):
    """(codes a written value may mean, problem text, severity): the catalogue's forms, then a
    standard without its edition, a VSIC division, group or class, or a job title."""
    folded = fold(value)
    found = tuple(written_forms.get(folded, ()))
    if not found and column.choices in ("standard", "accreditation"):
        found = tuple(written_forms.get(forms.without_edition(folded), ()))
    if not found and column.choices == "sector" and (vsic := forms.vsic_division(value)):
        division, section = vsic
        if section is None:
            return (), t("check_vsic_unknown_division", lang, value=value, division=division), ERROR
        found = (section,)
    if not found and column.choices == "role" and (role := forms.role_of_title(value)):
        found = (role,)
    if not found and column.unknown_as:
        return (column.unknown_as,), t("check_unknown_title", lang, value=value, allowed=allowed,
                                       other=catalogues.label(column.choices, column.unknown_as, lang)), WARNING
    if not found and column.choices == "place" and (elsewhere := catalogues.outside(folded)):
        return (), outside_message(catalogues, elsewhere, lang), ERROR
    if not found:
        return (), t("check_not_in_list", lang, value=value, allowed=allowed), ERROR
    if len(found) > 1 and column.choices != "place":
        return found, t("check_ambiguous", lang), ERROR
    return found, "", ""


def _check_dates(dataset, typed, report, today, lang):
    for column in dataset.columns:
        if column.kind != "date":
            continue
        values = typed[column.name]
        present = values.notna()
        early = present & _per_unique(values, lambda d, low=column.min_date: _is_date(d) and d < low).astype(bool)
        report(early, column, _per_unique(values, _show_date), t("check_too_early", lang, date=fmt_date(column.min_date)))
        if not column.future_ok:
            late = present & _per_unique(values, lambda d: _is_date(d) and d > today).astype(bool)
            report(late, column, _per_unique(values, _show_date), t("check_future", lang, date=fmt_date(today)))
    for order in dataset.orders:
        first, then = typed[order.first], typed[order.then]
        both = first.notna() & then.notna()
        wrong = both & pd.Series([(b <= a if order.strict else b < a) if _is_date(a) and _is_date(b) else False
                                  for a, b in zip(first, then)], index=typed.index)
        col = dataset.column(order.then)
        key = "check_order_after" if order.strict else "check_order_not_before"
        report(wrong, col, _per_unique(then, _show_date),
               t(key, lang, then=col.header(lang), first=dataset.column(order.first).header(lang)))


def _is_date(value) -> bool:
    return isinstance(value, dt.date)


def _show_date(value) -> str:
    return fmt_date(value) if isinstance(value, dt.date) else ("" if value is None else str(value))


def _check_sector_system(dataset, texts, typed, today, header_of, header_row, lang) -> list[Problem]:
    """From the day the 2025 economic-sector classification is in force, a sector code of digits only
    may be written in either system; this app reads it by its VSIC 2018 division, and one warning per
    column says so, naming the codes read that way."""
    found = []
    if today < forms.vsic_2025_in_force():
        return found
    for column in dataset.columns:
        if column.choices != "sector" or column.name not in texts:
            continue
        text = texts[column.name]
        read = typed[column.name].notna() & _per_unique(text, forms.vsic_digits_only).astype(bool)
        if not read.any():
            continue
        codes = list(dict.fromkeys(text[read]))
        shown = ", ".join(codes[:5]) + (", …" if len(codes) > 5 else "")
        old, new = forms.vsic_systems()["VSIC 2018"], forms.vsic_systems()["VSIC 2025"]
        found.append(Problem(header_row, header_of(column), shown, t(
            "check_vsic_read_as_2018", lang, count=len(codes), codes=shown, new=new["decision"],
            old=old["decision"], date=fmt_date(forms.vsic_2025_in_force())), WARNING))
    return found


def _check_example_row(dataset, typed, report, lang):
    example = example_rows(dataset, typed)
    first = dataset.column(dataset.key[-1])
    report(example, first, typed[first.name], lambda v: t("check_example_row", lang, value=v))


def _check_duplicates(dataset, raw, typed, report, lang):
    """A key written twice in one file: every repeat points at the first row."""
    keys = list(dataset.key)
    complete = typed[keys].notna().all(axis=1)
    first_row = typed[complete].groupby(keys, sort=False)["row"].transform("min")
    first = pd.Series(np.nan, index=typed.index)
    first[first_row.index] = first_row
    repeat = complete & (first != typed["row"])
    values = typed[keys[0]].astype("string").fillna("")
    for key in keys[1:]:
        values = values + " / " + typed[key].astype("string").fillna("")
    messages = pd.Series("", index=typed.index, dtype=object)
    messages[repeat] = [t("check_duplicate", lang, row=int(r)) for r in first[repeat]]
    report(repeat, dataset.column(keys[-1]), values, messages)


def _check_references(dataset, typed, report, con, batch_keys, lang):
    for ref in dataset.references:
        values = typed[ref.column]
        present = values.notna()
        if not present.any():
            continue
        wanted = pd.DataFrame({"v": pd.unique(values[present])})
        con.register("wanted_refs", wanted)
        try:
            known = {r[0] for r in con.execute(
                "SELECT v FROM wanted_refs WHERE v IN (SELECT " + ident(ref.key) + " FROM " + ident(ref.table) + ")").fetchall()}
        finally:
            con.unregister("wanted_refs")
        known |= batch_keys.get(ref.dataset, set())
        missing = present & ~values.isin(known)
        column = dataset.column(ref.column)
        title = DATASETS[ref.dataset].title(lang).lower()
        report(missing, column, values, t("check_unknown_reference", lang, dataset=title))
