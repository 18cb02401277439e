"""Places as staff write them ("TP. Đồng Hới", "H. Bố Trạch", a bare "Đồng Hới"), resolved to one
unit by the record's date across the 1/7/2025 reform, with messages naming the real units."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..i18n import fmt_date, t
from .reading import fold

MAX_PROVINCES_NAMED = 5  # a name found in many provinces: the first few are named


def _name(catalogues, code: str, lang: str) -> str:
    vi, en = catalogues.place_names[code]
    return en if lang == "en" else vi


def _candidate(catalogues, key: str, lang: str) -> str:
    start, end = catalogues.place_validity[key]
    name, code = _name(catalogues, key, lang), catalogues.place_gso[key]
    if end is not None:
        return t("place_candidate_until", lang, name=name, code=code, date=fmt_date(end))
    if start is not None and start > dt.date(2000, 1, 1):
        return t("place_candidate_from", lang, name=name, code=code, date=fmt_date(start))
    return t("place_candidate", lang, name=name, code=code)


def _successors(catalogues, code: str, lang: str) -> str:
    return "; ".join(t("place_candidate", lang, name=_name(catalogues, c, lang), code=catalogues.place_gso[c])
                     for c in catalogues.successors.get(code, ()))


def _valid_on(catalogues, code, day) -> bool:
    start, end = catalogues.place_validity.get(code, (None, None))
    return (start is None or day >= start) and (end is None or day <= end)


def resolve(catalogues, codes, day, strict: bool, written: str, lang: str, today: dt.date):
    """(code or None, problem text or None, severity) for one written place and record date (a date
    after today is refused on its own and chooses nothing; an official code without a date, where the
    date is only a hint, means today's unit)."""
    if not isinstance(codes, tuple) or not codes:
        return None, None, None
    if not isinstance(day, dt.date) and not strict and len(codes) > 1 and str(written).strip().isdigit():
        # An official code reused across the reform, in an undated record (an enterprise's address):
        # the unit holding it now. A bare name stays ambiguous (the candidates are listed).
        day = today
    known_day = isinstance(day, dt.date) and day <= today
    fitting = [c for c in codes if not known_day or _valid_on(catalogues, c, day)]
    if len(fitting) == 1:
        return fitting[0], None, None
    if len(fitting) > 1 or (not strict and len(codes) > 1):
        shown = fitting or list(codes)
        return None, t("check_place_candidates", lang, value=written,
                       candidates="; ".join(_candidate(catalogues, c, lang) for c in shown)), "error"
    code = codes[0]
    start, end = catalogues.place_validity[code]
    name = _name(catalogues, code, lang)
    if end is not None and day > end:
        values = dict(name=name, start=fmt_date(end + dt.timedelta(days=1)), date=fmt_date(day),
                      successors=_successors(catalogues, code, lang))
        if strict:
            return None, t("check_place_replaced", lang, **values), "error"
        return code, t("check_place_replaced_warning", lang, **values), "warning"
    if not strict:
        return code, None, None
    former = catalogues.predecessor.get(code)
    shown_former = _candidate(catalogues, former, lang) if former else "–"
    return None, t("check_place_not_yet", lang, name=name, start=fmt_date(start), date=fmt_date(day),
                   former=shown_former), "error"


def _canonical(catalogues, key: str) -> set[str]:
    """Folded forms that name a place plainly: its key, official code and names."""
    vi, en = catalogues.place_names[key]
    return {fold(key), catalogues.place_gso[key], fold(vi), fold(en)}


def outside_message(catalogues, units, lang: str) -> str:
    """The refusal of a place outside the deployment's territory, naming the province(s) it
    belongs to (units: rows of Catalogues.outside)."""
    names = list(dict.fromkeys(u[3] if lang == "en" else u[2] for u in units))
    provinces = list(dict.fromkeys(u[5] if lang == "en" else u[4] for u in units))
    more = len(provinces) > MAX_PROVINCES_NAMED
    deployment = ", ".join(en if lang == "en" else _lower_first(vi) for _, vi, en in catalogues.deployment)
    return t("check_place_outside", lang, name=" / ".join(names[:MAX_PROVINCES_NAMED]),
             province=", ".join(provinces[:MAX_PROVINCES_NAMED]) + (" …" if more else ""),
             deployment=deployment or ", ".join(catalogues.provinces))


def _lower_first(name: str) -> str:
    """'Tỉnh Quảng Trị' -> 'tỉnh Quảng Trị' (inside a sentence); a city's name keeps its capital."""
    return name[:1].lower() + name[1:] if fold(name).startswith("tinh ") else name


def check_places(dataset, typed, texts, report, note, catalogues, lang, today):
    """Resolve every place column of `typed` (candidate codes per row) to one code valid on the
    record's date; `texts` holds the cells as written."""
    for column in dataset.columns:
        if column.choices != "place" or column.name not in texts:
            continue
        candidates, written = typed[column.name], texts[column.name]
        day = typed[dataset.place_date] if dataset.place_date else pd.Series([None] * len(typed), index=typed.index)
        # Distinct (written, date) pairs by integer codes (the candidates follow from the text): no
        # Python step per row.
        by_text, texts_seen = pd.factorize(written, use_na_sentinel=False)
        by_day, days_seen = pd.factorize(day.astype(object), use_na_sentinel=False)
        codes, pairs = pd.factorize(by_text.astype(np.int64) * max(len(days_seen), 1) + by_day)
        first = np.full(len(pairs), -1, dtype=np.int64)
        first[codes[::-1]] = np.arange(len(codes))[::-1]  # a row holding each pair
        cells = [(candidates.iat[i], day.iat[i], written.iat[i]) for i in first]
        outcome = [resolve(catalogues, c, d, dataset.place_date_strict, w, lang, today) for c, d, w in cells]
        shown = [f"{catalogues.place_gso[o[0]]} · {_name(catalogues, o[0], lang)}"
                 if o[0] and fold(w) not in _canonical(catalogues, o[0]) else "" for o, (_, _, w) in zip(outcome, cells)]

        def spread(values, codes=codes):
            array = np.empty(len(values), dtype=object)
            array[:] = values
            return pd.Series(array[codes], index=typed.index, dtype=object)

        resolved = spread([o[0] for o in outcome])
        messages = spread([o[1] or "" for o in outcome])
        severity = spread([o[2] or "" for o in outcome])
        stored = spread(shown)
        typed[column.name] = resolved
        report(severity == "error", column, written, messages)
        report(severity == "warning", column, written, messages, "warning")
        note(stored != "", column, written, stored)
