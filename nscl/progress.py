"""Progress maths: status, pace ratio and forecast of a target as of a date.

Pure functions over plain values; no database, no Streamlit.

- Count targets (a number to reach within a period): achieved when actual reaches the
  required count (the plan's number under its qualifier: "trên 200" requires 201, "khoảng 10"
  requires 9 with a 10 % tolerance); not achieved when the period has ended short of it;
  otherwise the observed pace (actual / elapsed share of the period) is compared with it.
- Growth targets (a yearly rate): the Open SDG / Statistics Canada progress method.
  Compound annual growth from the base year (the year before the phase, or the first
  year with data) to the latest complete year, divided by the required rate. Before
  the phase has a complete year, the year to date is compared with the same days of
  the previous year and the result is provisional. Because the plan asks for growth every
  year, the assessment also counts the complete years of the phase that met the floor and
  names those that did not, and those above the band's ceiling (flagged for a data check).

A period is running up to and including its last day and closed from the day after (`is_closed`).
A closed period has a final result and no forecast, pace or "on track" (`closed=True`):

- a count target is met ("đạt") when the count over the whole period reaches the required count,
  else not met ("không đạt");
- a growth target is met when EVERY year of the phase grew at least the floor over the year before:
  the plan's wording asks for growth each year ("hàng năm tăng từ 10 - 15%", "tăng ít nhất 10%/năm"),
  so an average that hides a bad year does not meet it. Any year below the floor (a fall included)
  makes it not met; when no year falls short but some year's growth cannot be computed (no data for
  it or the year before) the result stays "insufficient data" and names those years; the average
  yearly growth over the phase is given for information only;
- a programme target (its period runs past the phase) is reported at the phase's end: met if it was
  already reached, else "continuing" (judged when its own period ends).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import status as st
from .plan import Period, Thresholds


@dataclass(frozen=True)
class YearValue:
    year: int
    value: float
    value_ytd: float | None = None  # the same days of that year as the as-of date


@dataclass(frozen=True)
class YearGrowth:
    year: int
    value: float
    growth: float | None  # None when the previous year has no data
    met: bool | None


@dataclass(frozen=True)
class Assessment:
    status: st.Status
    actual: float | None = None
    target: float | None = None
    ratio: float | None = None
    forecast: float | None = None
    provisional: bool = False
    elapsed: float | None = None
    rate: float | None = None  # observed yearly growth (CAGR or year to date)
    base_year: int | None = None
    latest_year: int | None = None
    base_value: float | None = None
    reason: str = ""  # key of the explanation sentence
    yearly: tuple[YearGrowth, ...] = field(default_factory=tuple)
    required: float | None = None  # count targets: the smallest count that meets the plan's number
    years_judged: tuple[int, ...] = ()  # growth targets: complete years of the phase with a growth
    years_missed: tuple[int, ...] = ()  # ... whose growth was below the floor
    years_above: tuple[int, ...] = ()   # ... whose growth was above the band's ceiling
    closed: bool = False  # the period (or, for a programme target, the phase viewed) has ended: final result
    years_unjudged: tuple[int, ...] = ()  # closed growth targets: years of the phase without a growth

    @property
    def years_met(self) -> int:
        return len(self.years_judged) - len(self.years_missed)

    @property
    def still_needed(self) -> float | None:
        """Count targets: how many more units reach the required count."""
        if self.required is None or self.actual is None:
            return None
        return max(0.0, self.required - self.actual)

    @property
    def completion(self) -> float | None:
        """Share of the target reached (count) or of the required rate (growth), 0..1."""
        if self.status == st.ACHIEVED:
            return 1.0
        if self.required and self.actual is not None and self.rate is None:
            return max(0.0, min(1.0, self.actual / self.required))
        if self.ratio is not None:
            return max(0.0, min(1.0, self.ratio))
        return None


def elapsed_share(period: Period, as_of: dt.date) -> float:
    """Share of the period's days that have passed by the end of as_of, in [0, 1]."""
    total = (period.end - period.start).days + 1
    done = (min(as_of, period.end) - period.start).days + 1
    return max(0.0, min(1.0, done / total))


def is_closed(period: Period, as_of: dt.date) -> bool:
    """A period is running on its last day and closed from the next day on."""
    return as_of > period.end


def pace_status(ratio: float, thresholds: Thresholds) -> st.Status:
    # Rounded so that a rate shown as exactly 9,5% against 10% is 0.95, not 0.9499999.
    """The status of a pace or growth ratio against the plan's thresholds; rounded first so a ratio
    shown as exactly the threshold meets it."""
    ratio = round(ratio, 9)
    if ratio >= thresholds.on_track:
        return st.ON_TRACK
    if ratio >= thresholds.accelerate:
        return st.ACCELERATE
    if ratio >= 0:
        return st.OFF_TRACK
    return st.DETERIORATING


def assess_count(actual: float, target: float, period: Period, as_of: dt.date,
                 thresholds: Thresholds, required: float | None = None, closed: bool = False) -> Assessment:
    """target: the plan's number; required: the count that meets it (default: the number).
    closed: the period has ended (also when as_of is after its end): the final result, met or not."""
    required = target if required is None else required
    common = dict(actual=actual, target=target, required=required)
    if closed or is_closed(period, as_of):
        met = round(actual - required, 9) >= 0
        return Assessment(st.ACHIEVED if met else st.NOT_ACHIEVED, elapsed=1.0, closed=True,
                          reason="closed_count_met" if met else "closed_count_not_met", **common)
    if as_of < period.start:
        return Assessment(st.INSUFFICIENT, elapsed=0.0, reason="not_started", **common)
    share = elapsed_share(period, as_of)
    forecast = actual / share
    if round(actual - required, 9) >= 0:
        return Assessment(st.ACHIEVED, ratio=forecast / required if required else None,
                          forecast=forecast, elapsed=share, reason="count_achieved", **common)
    ratio = forecast / required
    return Assessment(pace_status(ratio, thresholds), ratio=ratio, forecast=forecast, elapsed=share,
                      reason="count_pace", **common)


def yearly_growth(series: list[YearValue], rate_min: float,
                  as_of: dt.date | None = None) -> tuple[YearGrowth, ...]:
    """Each year's growth against the previous year, marked met when >= rate_min.

    A year not complete on as_of is compared on the same days of the previous year.
    """
    by_year = {p.year: p for p in series}
    out = []
    for p in sorted(series, key=lambda p: p.year):
        prev = by_year.get(p.year - 1)
        partial = as_of is not None and as_of < dt.date(p.year, 12, 31)
        now, before = (p.value_ytd, prev.value_ytd) if partial and prev else (p.value, prev and prev.value)
        if prev is None or not before or before <= 0 or now is None:
            out.append(YearGrowth(p.year, p.value, None, None))
            continue
        growth = now / before - 1
        out.append(YearGrowth(p.year, p.value, growth, round(growth - rate_min, 9) >= 0))
    return tuple(out)


def years_against_band(yearly: tuple[YearGrowth, ...], first: int, last: int,
                       rate_max: float | None) -> dict:
    """The complete years first..last with a growth: judged, missed (below the floor) and
    above the ceiling; the plan asks for growth every year, not only on average."""
    judged = [g for g in yearly if first <= g.year <= last and g.growth is not None]
    return dict(
        years_judged=tuple(g.year for g in judged),
        years_missed=tuple(g.year for g in judged if not g.met),
        years_above=tuple(g.year for g in judged
                          if rate_max is not None and round(g.growth - rate_max, 9) > 0),
    )


def assess_growth(series: list[YearValue], rate_min: float, phase: Period, as_of: dt.date,
                  thresholds: Thresholds, rate_max: float | None = None, closed: bool = False) -> Assessment:
    """Judge a yearly growth floor over a phase. series: one entry per calendar year.

    The value of the year containing as_of covers 1/1 to as_of only. closed: the phase has ended
    (also when as_of is after its end): every year of it judged, met or not (module docstring).
    """
    if closed or is_closed(phase, as_of):
        return assess_closed_growth(series, rate_min, phase, rate_max)
    values = {p.year: p.value for p in series}
    ytd = {p.year: p.value_ytd for p in series}
    yearly = yearly_growth(series, rate_min, as_of)
    if as_of < phase.start:
        return Assessment(st.INSUFFICIENT, target=rate_min, reason="not_started", yearly=yearly)
    last_complete = min(as_of.year - (0 if as_of >= dt.date(as_of.year, 12, 31) else 1),
                        phase.end.year)
    band = years_against_band(yearly, phase.start.year, last_complete, rate_max)
    if last_complete < phase.start.year:
        return _provisional(values, ytd, rate_min, phase, as_of, thresholds, yearly)

    base_year = phase.start.year - 1
    if not values.get(base_year, 0) > 0:
        later = [y for y in range(phase.start.year, last_complete) if values.get(y, 0) > 0]
        if not later:
            return Assessment(st.INSUFFICIENT, actual=values.get(last_complete), target=rate_min,
                              latest_year=last_complete, reason="no_base", yearly=yearly, **band)
        base_year = later[0]
    base, latest = values[base_year], values.get(last_complete, 0.0)
    years = last_complete - base_year
    rate = (latest / base) ** (1 / years) - 1
    ratio = rate / rate_min
    forecast = latest * (1 + rate) ** (phase.end.year - last_complete)
    common = dict(actual=latest, target=rate_min, ratio=ratio, forecast=forecast, rate=rate,
                  base_year=base_year, latest_year=last_complete, base_value=base, yearly=yearly, **band)
    return Assessment(pace_status(ratio, thresholds), reason="growth_pace", **common)


def assess_closed_growth(series: list[YearValue], rate_min: float, phase: Period,
                         rate_max: float | None = None) -> Assessment:
    """The final result of a yearly growth target over a phase that has ended: met when every year of
    the phase met the floor (module docstring); the average growth from the year before the phase (or
    the first year with data) to the last year is given for information, never judged."""
    values = {p.year: p.value for p in series}
    yearly = yearly_growth(series, rate_min)  # every year of a closed phase is complete
    first, last = phase.start.year, phase.end.year
    band = years_against_band(yearly, first, last, rate_max)
    judged = set(band["years_judged"])
    unjudged = tuple(y for y in range(first, last + 1) if y not in judged)
    latest = values.get(last)
    info: dict = {}
    bases = [y for y in range(first - 1, last) if values.get(y, 0) > 0]
    if bases and latest is not None and latest > 0:
        info = dict(rate=(latest / values[bases[0]]) ** (1 / (last - bases[0])) - 1, base_year=bases[0],
                    base_value=values[bases[0]])
    common = dict(actual=latest, target=rate_min, latest_year=last, yearly=yearly, closed=True,
                  years_unjudged=unjudged, **band, **info)
    if band["years_missed"]:
        return Assessment(st.NOT_ACHIEVED, reason="closed_growth_not_met", **common)
    if not judged:
        return Assessment(st.INSUFFICIENT, reason="closed_growth_no_data", **common)
    if unjudged:
        return Assessment(st.INSUFFICIENT, reason="closed_growth_gaps", **common)
    return Assessment(st.ACHIEVED, reason="closed_growth_met", **common)


def assess_programme_at_phase_end(actual: float, target: float, required: float | None = None) -> Assessment:
    """A programme target (its period runs past the phase) seen in a phase that has ended: the count at
    the phase's end; met if already reached, else continuing until its own period ends (no forecast)."""
    required = target if required is None else required
    met = round(actual - required, 9) >= 0
    return Assessment(st.ACHIEVED if met else st.CONTINUING, actual=actual, target=target, required=required,
                      closed=True, reason="closed_programme_met" if met else "closed_programme_continues")


def _provisional(values, ytd, rate_min, phase, as_of, thresholds, yearly) -> Assessment:
    year = as_of.year
    current, previous = ytd.get(year), ytd.get(year - 1)
    if current is None or not previous or previous <= 0:
        return Assessment(st.INSUFFICIENT, actual=current, target=rate_min, latest_year=year,
                          provisional=True, reason="no_ytd_base", yearly=yearly)
    rate = current / previous - 1
    ratio = rate / rate_min
    full_previous = values.get(year - 1) or previous
    forecast = full_previous * (1 + rate) ** (phase.end.year - (year - 1))
    return Assessment(pace_status(ratio, thresholds), actual=current, target=rate_min,
                      ratio=ratio, forecast=forecast, rate=rate, provisional=True,
                      base_year=year - 1, latest_year=year, base_value=previous,
                      reason="growth_ytd", yearly=yearly)


def assess_monitor(latest: float | None, latest_year: int | None, closed: bool = False) -> Assessment:
    """A target without a number: its latest value, never judged (also when its period has ended)."""
    return Assessment(st.MONITORED, actual=latest, latest_year=latest_year, closed=closed,
                      reason="closed_monitor" if closed else "monitor")
