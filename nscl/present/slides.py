"""The meeting slides, built from the dashboard's own results and cards so every number matches.

Used by the presentation page (Plotly), the PowerPoint deck (native charts) and the report.
The app builds them from its cached results; `from_data` from what nscl/meeting.py reads outside
Streamlit (CLI). Nothing here touches the database."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from .. import registry
from ..filters import Filters
from ..i18n import fmt_count, fmt_date, fmt_percent, t
from ..indicators import IndicatorResult
from ..meeting import MeetingData, NotesData, sector_source
from ..plan import Plan
from . import heatmap, trend
from .cards import Card, build_card, closed_note
from .quality import CardNotes, all_notes
from .style import short, year_labels


@dataclass
class ChartData:
    """What a native PowerPoint chart needs: categories, named series, a chart kind."""
    kind: str                         # line, column, bar
    categories: list[str]
    series: dict[str, list[float | None]]
    number_format: str = "#,##0"
    title: str = ""


@dataclass
class Slide:
    kind: str                         # title, status, target, phase_sector, note (why a slide is not there)
    title: str
    subtitle: str = ""
    card: Card | None = None
    figure: go.Figure | None = None
    chart: ChartData | None = None
    table: pd.DataFrame | None = None
    years: pd.DataFrame | None = None  # growth targets: each year's figure beside its growth (year_table)
    notes: str = ""
    lines: list[str] = field(default_factory=list)


STATUS_ROWS = 4  # targets per status slide: more would not fit a 1280×720 screen in 24 px type


def status_table(cards: list[Card], lang: str) -> pd.DataFrame:
    """The status slide's table: each target's result, plan target, status and forecast (over a phase
    that has ended: its completion, never a forecast), with the status colours kept in the frame's
    attrs for the deck."""
    closed = bool(cards) and all(c.closed for c in cards)
    frame = pd.DataFrame([{
        t("indicator", lang): c.name, t("actual", lang): c.actual_full, t("plan_target", lang): c.target_text,
        t("col_status", lang): c.status_label,
        **({t("closed_col_final", lang): c.completion_text.split(": ", 1)[-1] or "–"} if closed else
           {t("forecast", lang): (c.forecast_text or "–").split(": ", 1)[-1].rsplit(" (", 1)[0]}),
    } for c in cards])
    frame.attrs["colours"] = [c.status.colour for c in cards]
    return frame


def target_chart(result: IndicatorResult, lang: str) -> ChartData:
    """A target's chart as native chart data for the deck: cumulative against the target line,
    growth against the floor, or yearly values for a monitored indicator."""
    s = result.series
    years = [y.replace("<br>", " ") for y in year_labels(s["year"], s["complete"], result.as_of, lang)]
    if result.target.kind == "count":
        cumulative = [None if pd.isna(v) else float(v) for v in s["cumulative"]]
        return ChartData("line", years, {t("cumulative", lang): cumulative,
                                         t("target_line", lang): [float(result.target_value)] * len(years)})
    if result.target.kind == "growth":
        growth = [None if pd.isna(v) else round(float(v) * 100, 1) for v in s["growth"]]
        floor = round(result.target.rate_min * 100, 1)
        return ChartData("line", years, {f"{t('col_growth', lang)} (%)": growth,
                                         f"{t('band_floor', lang)} (%)": [floor] * len(years)}, "0.0")
    return ChartData("column", years, {result.target.unit(lang): [float(v) for v in s["value"]]})


def year_table(result: IndicatorResult, lang: str) -> pd.DataFrame | None:
    """A growth target's yearly figures beside their growth, for the deck, whose native chart draws
    the growth only: a column per year with a figure, a row of figures and a row of growth. The
    running year's growth says what it compares ("+6,2% (cùng kỳ 2025: 97)"), so a figure lower
    than the year before beside a rise reads right. None for other kinds."""
    if result.target.kind != "growth":
        return None
    s = result.series[result.series["value"].notna()].reset_index(drop=True)
    if not len(s):
        return None
    years = [y.replace("<br>", " ") for y in year_labels(s["year"], s["complete"], result.as_of, lang)]
    figures, growth = [], []
    for i, r in s.iterrows():
        figures.append(fmt_count(float(r["value"]), lang))
        rate = None if pd.isna(r["growth"]) else float(r["growth"])
        text = fmt_percent(rate, lang, 1, signed=True)
        if rate is not None and not r["complete"] and i > 0 and "value_ytd" in s and pd.notna(s["value_ytd"][i - 1]):
            before = fmt_count(float(s["value_ytd"][i - 1]), lang)
            text += f" ({t('same_days_of', lang, year=int(s['year'][i - 1]), value=before)})"
        growth.append(text)
    unit = result.target.unit(lang)
    return pd.DataFrame([[unit[:1].upper() + unit[1:], *figures], [t("col_growth", lang), *growth]],
                        columns=[t("closed_col_year", lang), *years])


def build_slides(plan: Plan, results: list[IndicatorResult], phase_sector: pd.DataFrame, lang: str,
                 as_of: dt.date, phase_id: str, filters_text: str = "", sector_target=None,
                 notes: dict[str, CardNotes] | None = None) -> list[Slide]:
    """phase_sector: key, label, phase_id, value (sector_target's indicator by VSIC section and phase);
    notes: target id -> what the card says about its data and the staff's commentary."""
    place = plan.place(lang)
    notes = notes or {}
    cards = [build_card(r, lang, as_of, place, notes.get(r.target.id)) for r in results]
    data_date = f"{t('as_of', lang)} {fmt_date(as_of)}"
    closed = closed_note(plan.phase(phase_id), as_of, lang)
    phase_line = t("closed_title_line", lang, phase=phase_id) if closed else f"{t('phase', lang)} {phase_id}"
    slides = [Slide("title", plan.title[lang], f"{t('plan', lang)} {plan.number} · {plan.issuer[lang]}",
                    lines=[phase_line, data_date, *([filters_text] if filters_text else []),
                           *([plan.example_note(lang)] if plan.illustrative else [])],
                    notes=" ".join(filter(None, [f"{plan.number}, {plan.implements}. {data_date}.", closed])))]
    parts = [cards[i:i + STATUS_ROWS] for i in range(0, len(cards), STATUS_ROWS)]
    for n, part in enumerate(parts, start=1):
        title = t("status_summary", lang) + (f" ({n}/{len(parts)})" if len(parts) > 1 else "")
        slides.append(Slide("status", title, f"{place} · {t('phase', lang)} {phase_id} · {data_date}",
                            table=status_table(part, lang), notes=data_date))
    for card, result in zip(cards, results):
        figure = _figure(result, card, lang, place)
        slides.append(Slide("target", card.name, f"{place} · {result.period.id} · {data_date}", card=card,
                            figure=figure, chart=target_chart(result, lang), years=year_table(result, lang),
                            notes=" ".join(filter(None, [
                                f"{t('definition', lang)}: {card.definition}",
                                card.rule and f"{t('rule_label', lang)}: {card.rule}", card.years_text,
                                f"{t('plan_sentence', lang)}: «{card.source}».", f"{data_date}.",
                                *[f"{line}." for line in card.notes.lines],
                                *([f"{t('comment_heading', lang)} ({card.notes.comment_meta_public}):"]
                                  if card.notes.comment else []),
                                *card.notes.comment_lines]))))
    phases = [p.id for p in plan.phases]
    rows = heatmap.sector_breakdown(phase_sector, phases, t("other", lang)) if len(phase_sector) else phase_sector
    if len(rows) and sector_target is not None:
        labels = rows.drop_duplicates("key")
        grid = rows.pivot(index="key", columns="phase_id", values="value").reindex(index=labels["key"], columns=phases)
        unit = sector_target.unit(lang)
        title = f"{sector_target.name(lang)} – {t('col_phase', lang).lower()} × {t('sector', lang).lower()}"
        figure = heatmap.phase_heatmap(rows, phases, title, unit, lang, height=760, font_size=24)
        figure.update_layout(font={"size": 24}, title={"text": ""})
        chart = ChartData("bar", [short(str(v), 40) for v in labels["label"]],
                          {p: [float(v) for v in grid[p]] for p in phases})
        slides.append(Slide("phase_sector", title, f"{place} · {data_date}", figure=figure, chart=chart,
                            notes=f"{registry.definition(sector_target, lang)} {data_date}."))
    else:  # nothing leaves the deck without a sentence saying why
        slides.append(omitted_phase_sector(plan, sector_target, as_of, lang, filters_text, f"{place} · {data_date}"))
    return slides


def omitted_phase_sector(plan: Plan, sector_target, as_of: dt.date, lang: str, filters_text: str = "",
                         subtitle: str = "") -> Slide:
    """In place of the phase × sector slide: a note slide saying why it is not there."""
    grid = f"{t('col_phase', lang).lower()} × {t('sector', lang).lower()}"
    if sector_target is None:
        title = grid[0].upper() + grid[1:]
        lines = [t("omitted_phase_sector_no_target", lang, plan=plan.number)]
    else:
        title = f"{sector_target.name(lang)} – {grid}"
        lines = [t("omitted_phase_sector_no_data", lang, name=sector_target.name(lang), date=fmt_date(as_of))]
        if filters_text:
            lines.append(filters_text)
    return Slide("note", title, subtitle, lines=lines, notes=" ".join(lines))


def _figure(result: IndicatorResult, card: Card, lang: str, place: str) -> go.Figure:
    fig = trend.figure(result, "", lang, height=620)
    # Large type for a projector: nothing under 24 px on a slide.
    growth = result.target.kind == "growth"  # its panels have titles on top: the legend goes below
    fig.update_layout(font={"size": 24}, margin={"t": 60 if growth else 90, "l": 20, "r": 20, "b": 20},
                      legend={"font": {"size": 24}, "orientation": "h", "x": 0, "y": -0.14 if growth else 1.0,
                              "yanchor": "top" if growth else "bottom"})
    # Plotly turns the years only where they would touch (a phone); a projector keeps them level.
    fig.update_xaxes(tickfont={"size": 24}, tickangle=None, automargin=True)
    if fig.layout.xaxis.tickvals:  # nothing in small type on a slide
        fig.update_xaxes(ticktext=list(fig.layout.xaxis.tickvals))
    fig.update_yaxes(tickfont={"size": 24}, automargin=True)
    fig.update_annotations(font={"size": 24})
    return fig


def phase_sector_frame(frame: pd.DataFrame, value: str, sector_labels: dict[str, str]) -> pd.DataFrame:
    """Rows of a *_by_dimension query (dimension sector) at phase level, labelled."""
    rows = frame[(frame["level"] == "phase") & frame["phase_id"].notna()]
    rows = rows.rename(columns={value: "value"})[["phase_id", "key", "value"]].copy()
    rows["label"] = [f"{k} – {sector_labels.get(k, k)}" for k in rows["key"]]
    return rows


def filters_text(filters: Filters, lang: str) -> str:
    active = [t(k, lang) for k, name in (("sector", "sectors"), ("place", "places"), ("size", "sizes"),
                                          ("ownership", "ownerships")) if getattr(filters, name)]
    return t("filters_active", lang, names=", ".join(active)) if active else ""


def meeting(plan: Plan, results: list[IndicatorResult], sector_rows: pd.DataFrame | None,
            sector_labels: dict[str, str], lang: str, as_of: dt.date, phase_id: str,
            filters: Filters = Filters(), notes: dict[str, CardNotes] | None = None) -> list[Slide]:
    """The slides from results already computed (the app passes its cached ones)."""
    source = sector_source(results)
    phase_sector = pd.DataFrame(columns=["phase_id", "key", "value", "label"])
    if source is not None and sector_rows is not None:
        phase_sector = phase_sector_frame(sector_rows, source[2], sector_labels)
    return build_slides(plan, results, phase_sector, lang, as_of, phase_id, filters_text(filters, lang),
                        source[0] if source else None, notes)


def from_data(plan: Plan, data: MeetingData, lang: str, as_of: dt.date, phase_id: str,
              filters: Filters = Filters()) -> list[Slide]:
    """The slides from what nscl/meeting.py gathered (the command line's way)."""
    return meeting(plan, data.results, data.sector_rows, data.sector_labels, lang, as_of, phase_id, filters,
                   card_notes(plan, phase_id, as_of, lang, data.notes))


def card_notes(plan: Plan, phase_id: str, as_of: dt.date, lang: str, data: NotesData) -> dict[str, CardNotes]:
    """target id -> the notes of its card."""
    return all_notes(plan, plan.phase(phase_id), data.states, data.gaps, as_of, lang, data.comments)
