"""The meeting slides, built once from the dashboard's own cards so every number matches.

Used by the presentation page (Plotly) and the PowerPoint deck (native charts)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from . import browse_charts, charts, registry
from .i18n import fmt_date, t
from .indicators import IndicatorResult
from .overview import Card, build_card
from .plan import Plan


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
    kind: str                         # title, status, target, phase_sector
    title: str
    subtitle: str = ""
    card: Card | None = None
    figure: go.Figure | None = None
    chart: ChartData | None = None
    table: pd.DataFrame | None = None
    notes: str = ""
    lines: list[str] = field(default_factory=list)


def status_table(cards: list[Card], lang: str) -> pd.DataFrame:
    frame = pd.DataFrame([{
        t("indicator", lang): c.name, t("actual", lang): c.actual_text, t("plan_target", lang): c.target_text,
        t("col_status", lang): c.status_label, t("forecast", lang): (c.forecast_text or "–").split(": ", 1)[-1],
    } for c in cards])
    frame.attrs["colours"] = [c.status.colour for c in cards]
    return frame


def target_chart(result: IndicatorResult, lang: str) -> ChartData:
    s = result.series
    years = [str(int(y)) for y in s["year"]]
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


def build_slides(plan: Plan, results: list[IndicatorResult], phase_sector: pd.DataFrame, lang: str,
                 as_of: dt.date, phase_id: str, filters_text: str = "", sector_target=None) -> list[Slide]:
    """phase_sector: key, label, phase_id, value (sector_target's indicator by VSIC section and phase)."""
    place = plan.province[lang]
    cards = [build_card(r, lang, as_of, place) for r in results]
    data_date = f"{t('as_of', lang)} {fmt_date(as_of)}"
    slides = [Slide("title", plan.title[lang], f"{t('plan', lang)} {plan.number} · {plan.issuer[lang]}",
                    lines=[f"{t('phase', lang)} {phase_id}", data_date, *([filters_text] if filters_text else [])],
                    notes=f"{plan.number}, {plan.implements}. {data_date}.")]
    slides.append(Slide("status", t("status_summary", lang), f"{place} · {t('phase', lang)} {phase_id} · {data_date}",
                        table=status_table(cards, lang), notes=data_date))
    for card, result in zip(cards, results):
        figure = _figure(result, card, lang, place)
        slides.append(Slide("target", card.name, f"{place} · {result.period.id} · {data_date}", card=card,
                            figure=figure, chart=target_chart(result, lang),
                            notes=" ".join(filter(None, [
                                f"{t('definition', lang)}: {card.definition}",
                                card.rule and f"{t('rule_label', lang)}: {card.rule}", card.years_text,
                                f"{t('plan_sentence', lang)}: «{card.source}».", f"{data_date}."]))))
    if len(phase_sector) and sector_target is not None:
        phases = [p.id for p in plan.phases]
        labels = phase_sector.drop_duplicates("key").sort_values("key")
        grid = phase_sector.pivot(index="key", columns="phase_id", values="value").reindex(
            index=labels["key"], columns=phases).fillna(0)
        unit = sector_target.unit(lang)
        title = f"{sector_target.name(lang)} – {t('col_phase', lang).lower()} × {t('sector', lang).lower()}"
        figure = browse_charts.phase_heatmap(phase_sector, phases, title, unit, lang, height=620)
        chart = ChartData("bar", [browse_charts.short(str(v), 40) for v in labels["label"]],
                          {p: [float(v) for v in grid[p]] for p in phases})
        slides.append(Slide("phase_sector", title, f"{place} · {data_date}", figure=figure, chart=chart,
                            notes=f"{registry.definition(sector_target, lang)} {data_date}."))
    return slides


def _figure(result: IndicatorResult, card: Card, lang: str, place: str) -> go.Figure:
    title = ""
    unit = result.target.unit(lang)
    if result.target.kind == "count":
        fig = charts.count_trend(result.series, result.target_value, title, unit, lang, height=560)
    elif result.target.kind == "growth":
        series = result.series
        fig = browse_charts.growth_band(series, result.target.rate_min, result.target.rate_max, title, unit,
                                        unit, lang, height=560)
    else:
        fig = charts.monitor_trend(result.series, title, unit, lang, height=560)
    fig.update_layout(font={"size": 20}, margin={"t": 30, "l": 70, "r": 30}, legend={"font": {"size": 20}})
    fig.update_xaxes(tickfont={"size": 20})
    fig.update_yaxes(tickfont={"size": 18})
    return fig
