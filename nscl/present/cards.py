"""What each overview card says: texts, numbers and chart for one target (no Streamlit)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .. import progress, registry
from .. import status as st
from ..i18n import fmt_count, fmt_date, fmt_number, fmt_percent, t
from ..indicators import IndicatorResult
from ..plan import Period
from . import trend
from .escape import chart_text
from .quality import CardNotes


@dataclass(frozen=True)
class Card:
    target_id: str
    name: str
    status: st.Status
    status_label: str
    provisional: bool
    actual_text: str
    actual_note: str  # which year the number is, when it is not obvious: "(2026, đến 26/11)"
    rate_text: str | None
    target_text: str
    completion: float | None
    completion_text: str
    forecast_text: str | None
    needed_text: str | None  # count targets under way: what is still needed, and at what pace
    why: str
    years_text: str | None  # growth targets: how many complete years met the floor, which did not
    rule: str               # the qualifier or growth rule the status applies
    definition: str
    source: str
    # The trend chart as Plotly's plain dict (go.Figure.to_dict): cached cards unpickle ten
    # times faster than with the Figure object, and the page draws it as it is (ui.chart).
    figure: dict
    notes: CardNotes = CardNotes()  # the data behind it: freshness, staleness, gaps, staff commentary
    closed: bool = False            # its phase has ended: a final result, no forecast, no pace
    year_rows: tuple = ()           # YearRow per year of its period up to the as-of date
    kind: str = ""                  # its target's kind: count, growth, monitor
    # The figures behind the texts, for sentences written elsewhere (the report): the count and the count
    # that meets the target; the growth, and for a year to date the same period of the year before.
    actual: float | None = None
    required: float | None = None
    rate: float | None = None
    compared_year: int | None = None
    compared_value: float | None = None

    @property
    def actual_full(self) -> str:
        """The result with its year when it needs one: "131 giấy chứng nhận (2026, đến 26/11)"."""
        return f"{self.actual_text} {self.actual_note}".strip()


@dataclass(frozen=True)
class YearRow:
    """One year of a target's period: the year's value, and the running total (counts) or the growth on
    the year before and whether it met the floor (growth targets)."""
    year: int
    value: float | None
    cumulative: float | None = None
    growth: float | None = None
    met: bool | None = None


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def year_rows(result: IndicatorResult) -> tuple[YearRow, ...]:
    """The years of the target's period up to its as-of date, from the result's series."""
    s = result.series
    last = result.as_of.year if result.as_of else result.period.end.year
    rows = []
    for r in s.itertuples(index=False):
        year = int(r.year)
        if not result.period.start.year <= year <= min(last, result.period.end.year):
            continue
        growth = _number(getattr(r, "growth", None))
        met = getattr(r, "met", None)
        rows.append(YearRow(year, _number(r.value), _number(getattr(r, "cumulative", None)), growth,
                            None if met is None or pd.isna(met) else bool(met)))
    return tuple(rows)


def closed_note(phase: Period, as_of, lang: str) -> str | None:
    """The sentence every view shows above a phase that has ended; None while it is running."""
    if not progress.is_closed(phase, as_of):
        return None
    return t("closed_phase_note", lang, phase=phase.id, end=fmt_date(phase.end), as_of=fmt_date(as_of))


def target_text(result: IndicatorResult, lang: str) -> str:
    """The target in words: no number for a monitored indicator, the growth floor or band, or the
    count with its qualifier and, when they differ, the count that meets it ("over 200" is 201)."""
    return plan_target_text(result.target, result.target_value, result.period.id, lang)


def plan_target_text(target, value: float | None, period_id: str, lang: str) -> str:
    """A target in words for one period of the plan (target_text without a result: the next phase's)."""
    if target.kind == "monitor":
        return t("no_number", lang)
    if target.kind == "growth":
        if target.rate_max:
            return t("target_band", lang, low=fmt_percent(target.rate_min, lang, 0),
                     high=fmt_percent(target.rate_max, lang, 0))
        return t("target_growth", lang, rate=fmt_percent(target.rate_min, lang, 0))
    text = t("target_count", lang, qualifier=target.qualifier_word(lang), value=fmt_count(value, lang),
             unit=target.unit(lang), period=period_id).strip()
    required = target.required(value)
    if required is not None and required != value:  # "trên 200" is met at 201
        text += f" · {t('pass_mark', lang, required=fmt_count(required, lang))}"
    return text


def why_text(result: IndicatorResult, lang: str, as_of) -> str:
    """The sentence saying why the target has its status, from the assessment's reason and figures."""
    a, target = result.assessment, result.target
    unit = target.unit(lang)
    values = dict(
        actual=fmt_count(a.actual, lang), target=fmt_count(a.target, lang), unit=unit,
        progress=count_progress(a.actual, a.required, lang, unit),
        pct=fmt_percent(shown_share(a.actual / a.required) if a.actual is not None and a.required else None, lang, 0),
        elapsed=fmt_percent(a.elapsed, lang, 0), forecast=fmt_count(round(a.forecast or 0), lang),
        end=fmt_date(result.period.end), ratio=fmt_percent(a.ratio, lang, 0),
        rate=fmt_percent(a.rate, lang, signed=True), change=change_text(a.rate, lang, words=True),
        required=fmt_percent(target.rate_min, lang, 0),
        base_year=a.base_year, base=fmt_count(a.base_value, lang), latest_year=a.latest_year,
        day=as_of.strftime("%d/%m"),
    )
    if a.closed:
        return closed_why(result, lang, values)
    if a.reason == "monitor" and a.actual is None:
        return t("why_monitor_empty", lang)
    if a.reason == "count_pace" and not a.actual:  # nothing yet: no pace to keep
        return t("why_count_none", lang, unit=unit, elapsed=values["elapsed"], pass_mark=fmt_count(a.required, lang))
    return t(f"why_{a.reason}", lang, **values)


def _years(years) -> str:
    return ", ".join(str(y) for y in years)


def phase_years(result: IndicatorResult) -> int:
    return result.period.end.year - result.period.start.year + 1


def closed_why(result: IndicatorResult, lang: str, values: dict) -> str:
    """Why a target of a phase that has ended has its final status: met or not and by how much, every
    year's growth against the floor, or a programme target's count at the phase's end."""
    a, target = result.assessment, result.target
    values = dict(values, period=result.period.id, day=fmt_date(result.as_of),
                  pass_mark=fmt_count(a.required, lang), years=phase_years(result), met=a.years_met,
                  missed=_years(a.years_missed), unjudged=_years(a.years_unjudged),
                  short=fmt_count(a.still_needed, lang))
    if a.reason == "closed_monitor" and a.actual is None:
        return t("why_closed_monitor_empty", lang)
    text = t(f"why_{a.reason}", lang, **values)
    if target.kind == "growth" and a.rate is not None:
        text += " " + t("closed_average", lang, **values)
    return text


def shown_share(share: float | None) -> float | None:
    """A share rounded down to whole percent below 1, so a target not reached never reads 100 %."""
    if share is None or share >= 1:
        return share
    return math.floor(share * 100) / 100


def count_progress(actual: float | None, required: float | None, lang: str, unit: str = "") -> str:
    """A count against the count that meets the target, and the share of it: "186/201 lượt người (92%)".

    The one way every view (card, slide, deck, report, edition) writes a count target's progress: the
    pass mark, never the plan's number ("trên 200" is met at 201, "khoảng 10" at 9), so the share is
    the one the status applies (shown_share: below 100 % until the pass mark is reached)."""
    if actual is None:
        return "–"
    if not required:
        return f"{fmt_count(actual, lang)} {unit}".strip()
    return t("count_progress", lang, actual=fmt_count(actual, lang), required=fmt_count(required, lang),
             unit=f" {unit}" if unit else "", pct=fmt_percent(shown_share(actual / required), lang, 0))


def change_text(rate: float | None, lang: str, previous: float | None = None, previous_year: int | None = None,
                per_year: bool = False, words: bool = False) -> str:
    """A growth as a signed share, "+5,1%" ("+5,1%/năm" per_year), or in words, "giảm 42%" (words: for
    sentences). With the figure it is compared with, a year to date says what it is compared with:
    "+5,1% (cùng kỳ 2025: 97)", so a running year's bar below the last full year does not contradict it."""
    if rate is None or (isinstance(rate, float) and math.isnan(rate)):
        return "–"
    if words:
        key = "change_up" if rate > 0 else "change_down" if rate < 0 else "change_none"
        text = t(key, lang, pct=fmt_percent(abs(rate), lang))
    else:
        text = fmt_percent(rate, lang, signed=True)
    if per_year:
        text += t("per_year", lang)
    if previous is not None and previous_year is not None:
        text += f" ({t('same_period', lang, year=previous_year, value=fmt_count(previous, lang))})"
    return text


def remaining_text(start, end, lang: str) -> str:
    """Whole years and months from the day after `start` to `end`: "4 năm 1 tháng"."""
    months = (end.year - start.year) * 12 + (end.month - start.month) - (1 if end.day < start.day else 0)
    years, months = divmod(max(months, 0), 12)
    parts = []
    if years:
        parts.append(t("n_years", lang, n=years))
    if months or not years:
        parts.append(t("n_months", lang, n=months))
    return " ".join(parts)


def needed_text(result: IndicatorResult, lang: str) -> str | None:
    """"Cần thêm 9 chuyên gia trong 4 năm 1 tháng còn lại, ≈ 2,2/năm" while a count target is open."""
    a, target = result.assessment, result.target
    if target.kind != "count" or a.closed or a.status in (st.ACHIEVED, st.NOT_ACHIEVED, st.INSUFFICIENT):
        return None
    needed = a.still_needed
    as_of, end = result.as_of, result.period.end
    if not needed or as_of is None or as_of >= end:
        return None
    years_left = ((end - as_of).days) / 365.25
    return t("needed", lang, n=fmt_count(needed, lang), unit=target.unit(lang, needed),
             remaining=remaining_text(as_of, end, lang),
             rate=fmt_number(needed / years_left, lang, 1) if years_left > 0 else "–")


def years_text(result: IndicatorResult, lang: str) -> str | None:
    """"4/5 năm đạt mức tăng ≥ 10%; chưa đạt: 2023; 2024 tăng trên 15%: nên kiểm tra lại số liệu"."""
    a, target = result.assessment, result.target
    if target.kind != "growth":
        return None
    if a.closed:
        return closed_years_text(result, lang)
    if not a.years_judged:
        return t("no_complete_year", lang)
    floor = fmt_percent(target.rate_min, lang, 0)
    parts = [t("years_met", lang, met=a.years_met, judged=len(a.years_judged), floor=floor)]
    if a.years_missed:
        parts.append(t("years_missed", lang, years=", ".join(str(y) for y in a.years_missed)))
    if a.years_above:
        parts.append(t("years_above", lang, years=", ".join(str(y) for y in a.years_above),
                       ceiling=fmt_percent(target.rate_max, lang, 0)))
    return "; ".join(parts)


def closed_years_text(result: IndicatorResult, lang: str) -> str:
    """"4/5 năm đạt mức tăng ≥ 10%; không đạt: 2023; không tính được: 2021" over a phase that has ended."""
    a, target = result.assessment, result.target
    parts = [t("closed_years_met", lang, met=a.years_met, years=phase_years(result),
               floor=fmt_percent(target.rate_min, lang, 0))]
    if a.years_missed:
        parts.append(t("closed_years_missed", lang, years=_years(a.years_missed)))
    if a.years_unjudged:
        parts.append(t("closed_years_unjudged", lang, years=_years(a.years_unjudged)))
    if a.years_above:
        parts.append(t("years_above", lang, years=_years(a.years_above),
                       ceiling=fmt_percent(target.rate_max, lang, 0)))
    return "; ".join(parts)


def rule_text(result: IndicatorResult, lang: str) -> str:
    """The rule the status applies; over a phase that has ended, the final review's rule."""
    target, a = result.target, result.assessment
    if target.kind == "count":
        rule = registry.qualifier_rule(target, lang, result.target_value)
        if a.closed and a.reason.startswith("closed_programme"):
            return f"{rule} {t('closed_rule_programme', lang, period=result.period.id)}".strip()
        return f"{rule} {t('closed_rule_count', lang)}".strip() if a.closed else rule
    if target.kind == "growth" and a.closed:
        text = t("closed_rule_growth", lang, floor=fmt_percent(target.rate_min, lang, 0))
        if target.rate_max:
            text += " " + t("rule_ceiling", lang, ceiling=fmt_percent(target.rate_max, lang, 0))
        return text
    return registry.growth_rule(target, lang)


def growth_against_required(ratio: float | None, rate: float | None, rate_min: float | None, lang: str) -> str:
    """The growth as a share of the rate the plan requires ("58%"); a fall is said as a fall with
    the rate required, never as a negative share of it ("-42%" reads as nonsense)."""
    if ratio is None:
        return ""
    if ratio < 0 and rate is not None and rate_min is not None:
        said = t("growth_vs_required_falling", lang, rate=fmt_percent(abs(rate), lang),
                 required=fmt_percent(rate_min, lang, 0))
    else:
        said = fmt_percent(ratio, lang, 0)
    return f"{t('growth_vs_required', lang)}: {said}"


def build_card(result: IndicatorResult, lang: str, as_of, place: str, notes: CardNotes | None = None) -> Card:
    """Everything one overview card says and draws for a target: result, target, status, forecast,
    why, completion or growth, what is still needed, its trend chart and the data notes."""
    a, target = result.assessment, result.target
    name = target.name(lang)
    if target.kind == "count":
        actual_text = f"{fmt_count(a.actual, lang)} {target.unit(lang, a.actual)}"
        title = chart_text(t("trend_title_count", lang, period=result.period.id, place=place))
        figure = trend.figure(result, title, lang)
        completion = a.completion  # of the required count, so "over 200" at 200 is not 100 %
        completion_text = (f"{t('completion', lang)}: {count_progress(a.actual, a.required, lang)}"
                           if completion is not None else "")
    else:
        year_note = f" ({a.latest_year})" if a.latest_year else ""
        if a.latest_year and result.as_of and a.latest_year == result.as_of.year and result.as_of.month * 100 + \
                result.as_of.day < 1231:
            year_note = f" ({a.latest_year}, {t('to_date', lang, date=result.as_of.strftime('%d/%m'))})"
        actual_text = (f"{fmt_count(a.actual, lang)} {target.unit(lang, a.actual)}" if a.actual is not None
                       else t("actual_none", lang))
        first, last = (result.series["year"].min(), result.series["year"].max()) if len(result.series) else ("", "")
        title = chart_text(t("trend_title_growth", lang, first=first, last=last, place=place))
        figure = trend.figure(result, title, lang)
        completion = a.completion if target.kind == "growth" else None
        completion_text = growth_against_required(a.ratio, a.rate, target.rate_min, lang)
        if a.closed and target.kind == "growth":  # the final result: the years that met the floor
            years = phase_years(result)
            completion = a.years_met / years
            completion_text = f"{t('closed_completion_years', lang)}: {a.years_met}/{years}"
        if a.closed and a.latest_year:
            year_note = f" ({a.latest_year})"
        if a.actual is None:  # no year has a figure to name
            year_note = ""
    rate_text = None
    if a.rate is not None and a.provisional:  # the year to date against the same days of the year before
        rate_text = change_text(a.rate, lang, a.base_value, a.base_year)
    elif a.rate is not None:
        rate_text = change_text(a.rate, lang, per_year=True)
    forecast_text = None
    # No forecast of nothing: a count without any record yet has no pace to carry forward.
    if a.forecast is not None and not a.closed and a.status not in (st.NOT_ACHIEVED,) and target.kind != "monitor" \
            and (target.kind != "count" or a.actual):
        key = "forecast_programme_end" if target.scope == "programme" else "forecast_phase_end"
        forecast = round(a.forecast)  # people, enterprises and certificates come whole
        forecast_text = (f"{t(key, lang, period=result.period.id)}: {t('about', lang)} {fmt_count(forecast, lang)} "
                         f"{target.unit(lang, forecast)} ({fmt_date(result.period.end)})")
    label = a.status.label(lang)
    return Card(
        target_id=target.id, name=name, status=a.status,
        status_label=label + (f" ({t('provisional', lang)})" if a.provisional else ""),
        provisional=a.provisional, actual_text=actual_text, rate_text=rate_text,
        actual_note=year_note.strip() if target.kind != "count" else "",
        target_text=target_text(result, lang), completion=completion,
        completion_text=completion_text,
        forecast_text=forecast_text, needed_text=needed_text(result, lang), why=why_text(result, lang, as_of),
        years_text=years_text(result, lang), rule=rule_text(result, lang),
        definition=registry.definition(target, lang), source=target.source_vi, figure=figure.to_dict(),
        notes=notes or CardNotes(), closed=a.closed, year_rows=year_rows(result),
        kind=target.kind, actual=a.actual, required=a.required, rate=a.rate,
        compared_year=a.base_year if a.provisional else None, compared_value=a.base_value if a.provisional else None,
    )


def progress_text(card: Card, lang: str) -> str:
    """A target's progress in one short text, as a table cell or after a label: a count against the count
    that meets it, "186/201 (92%)"; a growth in words, "giảm 4,2%/năm" or, for a year to date, "tăng 5,1%
    (cùng kỳ 2025: 97)"; over a phase that has ended, the years that met the floor, "3/5"; "–" otherwise."""
    if card.kind == "count" and card.completion is not None:
        return count_progress(card.actual, card.required, lang)
    if card.kind == "growth" and card.closed:
        return card.completion_text.split(": ", 1)[-1] if card.completion_text else "–"
    if card.kind == "growth" and card.rate is not None:
        return change_text(card.rate, lang, card.compared_value, card.compared_year,
                           per_year=card.compared_year is None, words=True)
    return "–"
