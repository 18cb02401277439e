"""What a card, slide or report section says about the data behind it: when it last changed, how
many records, whether it is older than the plan allows, which places are missing months (no
Streamlit)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .. import registry
from ..commentary import Comment
from ..i18n import fmt_count, fmt_date, fmt_datetime, local_time, t
from ..plan import Plan, Target
from ..quality import DatasetState, is_stale, month_runs


@dataclass(frozen=True)
class CardNotes:
    freshness: str = ""  # "Dữ liệu chứng nhận cập nhật lần cuối 12/08/2026, 214 bản ghi"
    stale: str = ""      # the flag when the dataset is older than the plan's age; empty when fresh
    gap: str = ""        # "Thiếu số liệu 3 xã tháng 9-10/2026"; empty without gaps
    # Staff commentary shown for the period and as-of date: (part, its label, text); plain text
    # from a person, so escaped wherever it is displayed.
    comment: tuple[tuple[str, str, str], ...] = ()
    comment_meta: str = ""       # who wrote it, when, which version, for which as-of date
    comment_meta_public: str = ""  # the same without who wrote it (a person's name: nscl/privacy.py)
    comment_predates: str = ""   # the flag when the data changed after it was written

    @property
    def lines(self) -> list[str]:
        return [line for line in (self.freshness, self.stale, self.gap) if line]

    @property
    def comment_lines(self) -> list[str]:
        """"Nguyên nhân: …" per part written, then the flag when the data changed since."""
        lines = [f"{label}: {text}" for _, label, text in self.comment]
        return lines + [self.comment_predates] if lines and self.comment_predates else lines

    def comment_text(self, part: str) -> str:
        return next((text for p, _, text in self.comment if p == part), "")


def freshness_text(dataset: str, state: DatasetState | None, lang: str) -> str:
    what = t(f"fresh_what_{dataset}", lang)
    records = fmt_count(state.records if state else 0, lang)
    if state is None or state.last_changed is None:
        return t("fresh_never", lang, what=what, records=records)
    return t("fresh_line", lang, what=what, date=fmt_date(local_time(state.last_changed).date()),
             records=records)


def stale_text(state: DatasetState | None, max_age: int | None, as_of: dt.date, lang: str) -> str:
    return t("fresh_stale", lang, months=max_age) if is_stale(state, max_age, as_of) else ""


def months_text(months: list[dt.date]) -> str:
    """"9-10/2026", "12/2025-1/2026", "3/2026, 5/2026"."""
    parts = []
    for first, last in month_runs(months):
        if first == last:
            parts.append(f"{first.month}/{first.year}")
        elif first.year == last.year:
            parts.append(f"{first.month}-{last.month}/{last.year}")
        else:
            parts.append(f"{first.month}/{first.year}-{last.month}/{last.year}")
    return ", ".join(parts)


def gap_text(rows: list[tuple[dt.date, str, str]], since: dt.date, lang: str) -> str:
    """One dataset's gaps (month, geography, area code) from `since` on: how many places, which
    months ("thiếu số liệu 3 xã tháng 9-10/2026")."""
    since = since.replace(day=1)
    rows = [r for r in rows if r[0] >= since]
    parts = []
    for geography in ("district", "current"):
        part = [r for r in rows if r[1] == geography]
        if part:
            parts.append(t("gap_places", lang, n=len({r[2] for r in part}), unit=t(f"gap_unit_{geography}", lang),
                           months=months_text([r[0] for r in part])))
    return t("gap_line", lang, detail="; ".join(parts)) if parts else ""


def gaps_by_dataset(gaps: pd.DataFrame | None) -> dict[str, list[tuple[dt.date, str, str]]]:
    """dataset -> its gaps as (month, geography, area code), read once for every card."""
    out: dict[str, list] = {}
    if gaps is None:
        return out
    for dataset, month, geography, area in zip(gaps["dataset"], gaps["month"], gaps["geography"], gaps["area_code"]):
        out.setdefault(dataset, []).append((pd.Timestamp(month).date(), geography, area))
    return out


def comment_fields(comment: Comment | None, state: DatasetState | None, lang: str) -> dict:
    """A card's staff comment as fields: its parts with their titles, who wrote it when (and a public
    line without the author), and a note when the data changed after it was written."""
    if comment is None:
        return {}
    meta = t("comment_meta", lang, author=comment.author, at=fmt_datetime(comment.written_at),
             version=comment.version, as_of=fmt_date(comment.as_of))
    public = t("comment_meta_public", lang, at=fmt_datetime(comment.written_at), version=comment.version,
               as_of=fmt_date(comment.as_of))
    predates = ""
    if state is not None and state.last_changed is not None and state.last_changed > comment.oldest_at:
        predates = t("comment_predates", lang, changed=fmt_datetime(state.last_changed))
    return {"comment": tuple((part, t(f"comment_part_{part}", lang), text) for part, text in comment.parts),
            "comment_meta": meta, "comment_meta_public": public, "comment_predates": predates}


def card_notes(target: Target, plan: Plan, states: dict[str, DatasetState],
               gaps: dict[str, list[tuple[dt.date, str, str]]], since: dt.date, as_of: dt.date, lang: str,
               comment: Comment | None = None) -> CardNotes:
    """The notes of one target's card; `since`: the first day of the period it is judged over;
    gaps: gaps_by_dataset of the gaps query."""
    dataset = registry.get(target.indicator).dataset
    state = states.get(dataset)
    if not dataset:
        return CardNotes(**comment_fields(comment, state, lang))
    return CardNotes(freshness=freshness_text(dataset, state, lang),
                     stale=stale_text(state, plan.quality.max_age(dataset), as_of, lang),
                     gap=gap_text(gaps.get(dataset, []), since, lang), **comment_fields(comment, state, lang))


def all_notes(plan: Plan, phase, states: dict[str, DatasetState], gaps: pd.DataFrame, as_of: dt.date,
              lang: str, comments: dict[tuple[str, str], Comment] | None = None) -> dict[str, CardNotes]:
    """target id -> its notes, for every target of the plan judged in `phase`; comments are keyed
    by (target id, period id) and attach to the period the target is judged over."""
    comments = comments or {}
    by_dataset = gaps_by_dataset(gaps)
    out = {}
    for target in plan.targets:
        period = plan.period_for(target, phase)
        out[target.id] = card_notes(target, plan, states, by_dataset, period.start, as_of, lang,
                                    comments.get((target.id, period.id)))
    return out
