"""Validation of a read table: every problem with the user's row number, header, value and a
message in the user's language (Vietnamese by default) saying what is wrong and how to fix it.
Column-wise, on unique values, so a million rows stay fast."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd
from stdnum.vn import mst

from .. import codes
from ..i18n import DEFAULT_LANG, fmt_date, t
from .datasets import DATASETS, Column, Dataset
from .reading import RawTable, fold

ERROR, WARNING = "error", "warning"
# Input forms staff write (data, not interface text): words after an amount ("50.000.000 đồng",
# "50.000.000đ"; longest first) and the prefixes a place name may carry in a file.
CURRENCY_WORDS = ("đồng", "đ")
PLACE_PREFIXES = ("thành phố ", "thị xã ")


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


class Catalogues:
    """Allowed values, read once from the database."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.sectors = con.execute("SELECT code, name_vi, name_en FROM sectors").fetchall()
        self.places = con.execute("SELECT code, gso_code, name_vi, name_en, level, valid_from, valid_to "
                                  "FROM places WHERE level IN ('district', 'commune')").fetchall()
        self.standards = con.execute("SELECT code, name_vi, name_en, family FROM standards").fetchall()
        self.place_validity = {c: (f, t) for c, _, _, _, _, f, t in self.places}

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
                bare = vi.split(" ", 1)[1] if " " in vi else vi
                for form in (code, gso or code, vi, en, bare):
                    add(form, code)
                if vi.startswith(PLACE_PREFIXES):
                    add(vi.split(" ", 2)[2], code)
        elif choices in ("standard", "accreditation"):
            for code, vi, en, family in self.standards:
                if (family == "accreditation") == (choices == "accreditation"):
                    for form in (code, vi, en, code.replace(" ", "")):
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


# ------------------------------------------------------------------ cell parsers

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_SERIAL = re.compile(r"^\d{1,6}(?:\.0+)?$")
EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(text: str) -> dt.date | None:
    """dd/mm/yyyy, d/m/yyyy, yyyy-mm-dd or an Excel serial number; None if none of these."""
    try:
        if m := _DMY.match(text):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if m := _YMD.match(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if _SERIAL.match(text) and 1 <= float(text) <= 2958465:
            return EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    except ValueError:
        return None
    return None


def parse_number(text: str) -> float | None:
    """Vietnamese style 1.234.567 and 12,5; also 1,234,567 and 1234.5 as Excel writes them."""
    t = text.replace(" ", "").replace("\u00a0", "")
    for word in CURRENCY_WORDS:
        t = t.replace(word, "")
    if not t:
        return None
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", t):
        t = t.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", t):
        t = t.replace(",", "")
    elif re.fullmatch(r"-?\d+,\d+", t):
        t = t.replace(",", ".")
    elif not re.fullmatch(r"-?\d+(\.\d+)?", t):
        return None
    return float(t)


def parse_tax_code(text: str) -> tuple[str | None, str | None]:
    """(code, note): note 'restored' when a lost leading zero was put back."""
    text = text[:-2] if re.fullmatch(r"\d+\.0", text) else text  # a number cell written by Excel
    compact = re.sub(r"[\s.\-]", "", text)
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
        out[~plain] = _by_uniques(values[~plain], parse_tax_code)
    return out


# ------------------------------------------------------------------ validation

def _by_uniques(values: pd.Series, func) -> pd.Series:
    """func applied once per distinct value, spread back with an index (no per-row Python)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    results = np.empty(len(uniques), dtype=object)
    results[:] = [func(u) for u in uniques]
    return pd.Series(results[codes], index=values.index, dtype=object)


def validate(raw: RawTable, dataset: Dataset, con: duckdb.DuckDBPyConnection,
             today: dt.date | None = None, batch_keys: dict[str, set] | None = None,
             lang: str = DEFAULT_LANG) -> Checked:
    """Check every cell and row, with messages in `lang`; references may also be satisfied by
    batch_keys (dataset name -> keys uploaded together with this file)."""
    today = today or dt.date.today()
    catalogues = Catalogues(con)
    problems: list[Problem] = []
    rows = np.asarray(raw.rows)
    typed = pd.DataFrame({"row": rows})

    def report(mask, column: Column, values, message, severity=ERROR):
        """message: text, a function of the value, or a Series with one text per row."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        header = raw.headers.get(column.name, column.header(lang))
        shown = np.asarray(values, dtype=object)[mask]
        texts = (np.asarray(message, dtype=object)[mask] if isinstance(message, pd.Series)
                 else [message(v) if callable(message) else message for v in shown])
        for row, value, text in zip(rows[mask], shown, texts):
            problems.append(Problem(int(row), header, "" if value is None else str(value), text, severity))

    for column in dataset.columns:
        if column.name not in raw.frame.columns:
            typed[column.name] = None
            continue
        text = raw.frame[column.name].fillna("").astype(str).str.strip()
        present = text != ""
        if column.required:
            report(~present, column, text, t("check_required", lang, header=raw.headers[column.name]))
        typed[column.name] = _parse_column(column, text, present, report, catalogues, lang)

    _check_dates(dataset, typed, report, today, lang)
    _check_places(dataset, typed, report, catalogues, lang)
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
    return Checked(dataset, typed, problems, rejected)


def _parse_column(column: Column, text: pd.Series, present: pd.Series, report, catalogues, lang: str) -> pd.Series:
    if column.kind == "text":
        too_long = text.str.len() > column.max_length
        report(too_long, column, text.str.slice(0, 60) + "…", t("check_too_long", lang, limit=column.max_length))
        return text.where(present & ~too_long, None)
    if column.kind == "date":
        parsed = _by_uniques(text, parse_date)
        bad = present & parsed.isna()
        report(bad, column, text, t("check_bad_date", lang))
        return parsed
    if column.kind in ("int", "money"):
        parsed = pd.to_numeric(_by_uniques(text, parse_number), errors="coerce")
        bad = present & parsed.isna()
        report(bad, column, text, t("check_not_number", lang))
        fraction = present & parsed.notna() & (parsed % 1 != 0)
        report(fraction, column, text, t("check_not_whole", lang))
        negative = present & parsed.notna() & (parsed < 0)
        report(negative, column, text, t("check_negative", lang))
        ok = (present & parsed.notna() & ~fraction & ~negative).to_numpy()
        out = np.full(len(parsed), None, dtype=object)
        out[ok] = parsed[ok].astype("int64").to_numpy()
        return pd.Series(out, index=parsed.index, dtype=object)
    if column.kind == "tax_code":
        parsed = parse_tax_codes(text)
        codes = pd.Series([p[0] for p in parsed], index=text.index, dtype=object)
        restored = pd.Series([p[1] == "restored" for p in parsed], index=text.index)
        bad = present & codes.isna()
        report(bad, column, text, t("check_bad_tax_code", lang))
        report(present & restored, column, text, lambda v: t("check_tax_code_restored", lang, value=v), WARNING)
        return codes.where(present, None)
    if column.kind == "enum":
        forms = catalogues.forms(column.choices)
        found = _by_uniques(text, lambda v: tuple(forms.get(fold(v), ())))
        counts = _by_uniques(found, len).astype(int)
        unknown = present & (counts == 0)
        allowed = catalogues.allowed_text(column.choices, lang)
        report(unknown, column, text, lambda v: t("check_not_in_list", lang, value=v, allowed=allowed))
        if column.choices == "place":
            return _by_uniques(found, lambda codes: codes or None)
        ambiguous = present & (counts > 1)
        report(ambiguous, column, text, t("check_ambiguous", lang))
        return _by_uniques(found, lambda codes: codes[0] if len(codes) == 1 else None)
    raise ValueError(column.kind)


def _check_dates(dataset, typed, report, today, lang):
    for column in dataset.columns:
        if column.kind != "date":
            continue
        values = typed[column.name]
        present = values.notna()
        early = present & _by_uniques(values, lambda d, low=column.min_date: _is_date(d) and d < low).astype(bool)
        report(early, column, _by_uniques(values, _show_date), t("check_too_early", lang, date=fmt_date(column.min_date)))
        if not column.future_ok:
            late = present & _by_uniques(values, lambda d: _is_date(d) and d > today).astype(bool)
            report(late, column, _by_uniques(values, _show_date), t("check_future", lang, date=fmt_date(today)))
    for order in dataset.orders:
        first, then = typed[order.first], typed[order.then]
        both = first.notna() & then.notna()
        wrong = both & pd.Series([(b <= a if order.strict else b < a) if _is_date(a) and _is_date(b) else False
                                  for a, b in zip(first, then)], index=typed.index)
        col = dataset.column(order.then)
        key = "check_order_after" if order.strict else "check_order_not_before"
        report(wrong, col, _by_uniques(then, _show_date),
               t(key, lang, then=col.header(lang), first=dataset.column(order.first).header(lang)))


def _is_date(value) -> bool:
    return isinstance(value, dt.date)


def _show_date(value) -> str:
    return fmt_date(value) if isinstance(value, dt.date) else ("" if value is None else str(value))


def _check_places(dataset, typed, report, catalogues, lang):
    """Places are resolved to one code, valid on the record's date where the record has one."""
    for column in dataset.columns:
        if column.choices != "place":
            continue
        candidates = typed[column.name]
        day = typed[dataset.place_date] if dataset.place_date else pd.Series([None] * len(typed), index=typed.index)

        def resolve(pair):
            codes, when = pair
            if not isinstance(codes, tuple) or not codes:
                return None, False, False
            fitting = [c for c in codes if when is None or pd.isna(when) or _valid_on(catalogues, c, when)]
            return (fitting[0] if len(fitting) == 1 else None), not fitting, len(fitting) > 1

        outcome = _by_uniques(pd.Series(list(zip(candidates, day)), index=typed.index), resolve)
        resolved = [o[0] for o in outcome]
        invalid = [o[1] for o in outcome]
        ambiguous = [o[2] for o in outcome]
        typed[column.name] = resolved
        report(pd.Series(invalid), column, _by_uniques(candidates, lambda c: ", ".join(c) if isinstance(c, tuple) else ""),
               t("check_place_not_valid", lang))
        report(pd.Series(ambiguous), column, _by_uniques(candidates, lambda c: ", ".join(c) if isinstance(c, tuple) else ""),
               t("check_place_ambiguous", lang))


def _valid_on(catalogues, code, day) -> bool:
    start, end = catalogues.place_validity.get(code, (None, None))
    return (start is None or day >= start) and (end is None or day <= end)


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
                "SELECT v FROM wanted_refs WHERE v IN (SELECT " + ref.key + " FROM " + ref.table + ")").fetchall()}
        finally:
            con.unregister("wanted_refs")
        known |= batch_keys.get(ref.dataset, set())
        missing = present & ~values.isin(known)
        column = dataset.column(ref.column)
        title = DATASETS[ref.dataset].title(lang).lower()
        report(missing, column, values, t("check_unknown_reference", lang, dataset=title))
