"""What the published edition says: per phase, every target's card and, per target, its chart,
the table behind it and its downloads (no Streamlit, no files).

The cards, the chart and the wording are the app's own (cards.build_card, trend.figure via the
card, the texts tables), so the edition's numbers are the app's numbers. Only aggregates: the
cards and the yearly series, and the staff's commentary without who wrote it."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd
import plotly.io as pio

from .. import status as st
from ..i18n import fmt_date, local_time, t
from ..indicators import IndicatorResult
from ..plan import Plan
from . import tables
from .cards import Card, build_card, closed_note
from .labels import shows_code
from .quality import CardNotes

_SAFE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def slug(identifier: str, fallback: str) -> str:
    """A file name from a plan's id: the id itself when it is plain, else the fallback."""
    return identifier if _SAFE.fullmatch(identifier) else fallback


@dataclass(frozen=True)
class TargetView:
    card: Card
    slug: str
    table: pd.DataFrame       # the table behind the chart (a download's content too)
    figure_json: str          # the card's Plotly figure as JSON safe inside an HTML <script>


@dataclass(frozen=True)
class PhaseView:
    phase_id: str
    slug: str
    targets: list[TargetView]
    closed_note: str | None = None  # the phase has ended: its results are final (cards.closed_note)

    @property
    def status_counts(self) -> list[tuple[st.Status, int]]:
        counts: dict[st.Status, int] = {}
        for view in self.targets:
            counts[view.card.status] = counts.get(view.card.status, 0) + 1
        return sorted(counts.items(), key=lambda kv: kv[0].rank)


def script_json(value) -> str:
    """JSON that stays data inside <script>: "<", ">", "&" and the line separators as \\u escapes,
    so a name such as "</script><script>…" in a chart's label cannot end the element."""
    text = pio.to_json(value, validate=False) if not isinstance(value, str) else value
    for char in ("<", ">", "&", "\u2028", "\u2029"):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def target_table(result: IndicatorResult, lang: str) -> pd.DataFrame:
    """The yearly numbers behind a target's chart: the year, its value, and the running total
    (counts) or the growth and how it was compared (growth targets); shares marked as such."""
    series = result.series
    unit = result.target.unit(lang)
    table = pd.DataFrame({t("col_year", lang): [int(y) for y in series["year"]]})
    # As the chart names its bars: counts in the year; growth and monitored targets by their unit.
    header = f"{t('in_year', lang)} ({unit})" if result.target.kind == "count" else unit[:1].upper() + unit[1:]
    table[header] = [None if pd.isna(v) else int(v) for v in series["value"]]
    percent = []
    if "cumulative" in series.columns and result.target.kind == "count":
        table[t("cumulative", lang)] = [None if pd.isna(v) else int(v) for v in series["cumulative"]]
    if "growth" in series.columns:
        growth = t("col_growth", lang)
        table[growth] = [None if pd.isna(g) else float(g) for g in series["growth"]]
        day = result.as_of.strftime("%d/%m") if result.as_of else ""
        table[t("col_comparison", lang)] = [
            "" if pd.isna(g) else t("comparison_full_year", lang) if done else t("comparison_same_days", lang, day=day)
            for g, done in zip(series["growth"], series["complete"])]
        percent.append(growth)
    table.attrs["percent"] = percent
    return table


def table_cells(table: pd.DataFrame, lang: str) -> list[list[str]]:
    """The table's cells as a person reads them (nscl.present.tables: the app's own cell texts)."""
    return tables.table_cells(table, lang)


def phase_view(plan: Plan, phase_id: str, results: list[IndicatorResult], notes: dict[str, CardNotes],
               lang: str, as_of: dt.date, number: int) -> PhaseView:
    """One phase of the edition: the app's cards (cards.build_card with the same notes) in plan order."""
    place = plan.place(lang)
    views = []
    for i, result in enumerate(results, start=1):
        card = build_card(result, lang, as_of, place, notes.get(result.target.id))
        views.append(TargetView(card, slug(result.target.id, f"target-{i}"), target_table(result, lang),
                                script_json(card.figure)))
    return PhaseView(phase_id, slug(phase_id, f"phase-{number}"), views, closed_note(plan.phase(phase_id), as_of, lang))


def stamp(data_date: dt.datetime | None, as_of: dt.date, generated: dt.datetime, lang: str) -> str:
    """"Dữ liệu cập nhật 12/08/2026 · Tính đến ngày 26/11/2026 · Tạo lúc 26/11/2026 08:15 UTC"."""
    return t("edition_stamp", lang, data=fmt_date(local_time(data_date).date()) if data_date else "–", as_of=fmt_date(as_of),
             generated=f"{generated:%d/%m/%Y %H:%M} UTC")


@dataclass(frozen=True)
class Source:
    """A breakdown the app's browse pages show: its query, value column, the page it is on (its
    title key), the words naming the value, and how the query takes its dates."""
    query: str
    value: str
    page_key: str
    value_key: str
    dates: str  # "range": date_from/date_to; "as_of": as_of only


SOURCES = (
    Source("participants_by_dimension", "managers", "training", "col_managers", "range"),
    Source("certificates_issued_by_dimension", "certificates", "certification", "col_issued", "range"),
    Source("supported_by_dimension", "enterprises", "supported_page", "col_enterprises", "range"),
    Source("pilots_by_dimension", "enterprises", "pilots_page", "col_enterprises", "as_of"),
)
DIMENSIONS = ("sector", "place")


@dataclass(frozen=True)
class BreakdownView:
    source: Source
    dimension: str
    title: str
    table: pd.DataFrame      # code, name, value: one row per sector or place, largest first
    figure_json: str
    slug: str


def breakdown_view(source: Source, dimension: str, rows: pd.DataFrame, labeller, phase_id: str, place: str,
                   lang: str) -> BreakdownView:
    """One phase's rows of a *_by_dimension query (its phase level: the app's phase × sector view,
    by place alike), labelled, as a ranked bar chart and its table; rows of zero left out."""
    from . import breakdown
    from .style import wrap

    if "level" in rows.columns:
        rows = rows[rows["level"] == "phase"]
    rows = rows[rows["phase_id"] == phase_id]
    frame = labeller.frame(rows, dimension).rename(columns={source.value: "value"})
    frame = frame[["key", "label", "value"]].dropna(subset=["value"])
    frame = frame[frame["value"] > 0]  # sectors with courses but no manager in them: nothing to rank
    frame = frame.assign(value=frame["value"].astype("int64")).sort_values(["value", "key"], ascending=[False, True])
    value_title = t(source.value_key, lang)
    title = f"{t(source.page_key, lang)} – {value_title.lower()} · {t(f'dim_{dimension}', lang).lower()}"
    # Plotly never wraps a title: on lines as short as the app's phase × sector chart has them.
    figure = breakdown.ranked(frame, wrap(f"{title} · {place} · {phase_id}", 34), value_title, lang)
    table = frame if shows_code(dimension) else frame.drop(columns="key")
    table = table.rename(columns={"key": t("col_key", lang), "label": t("col_label", lang), "value": value_title})
    return BreakdownView(source, dimension, title, table.reset_index(drop=True), script_json(figure),
                         f"{source.query.removesuffix('_by_dimension')}-{dimension}")
