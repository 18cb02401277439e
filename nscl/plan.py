"""Plan configuration: identity, phases, thresholds and targets read from data/plans/*.toml."""
from __future__ import annotations

import csv
import datetime as dt
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .settings import CATALOGUES_DIR

KINDS = ("count", "growth", "monitor")
SCOPES = ("phase", "programme")
# How a plan's qualifier turns its number into a pass mark; the Vietnamese words of plans map here.
QUALIFIERS = ("at_least", "more_than", "about")
QUALIFIER_WORDS = {"ít nhất": "at_least", "tối thiểu": "at_least", "trên": "more_than", "hơn": "more_than",
                   "khoảng": "about", "": "at_least"}


class PlanError(ValueError):
    """The plan file is incomplete or inconsistent."""


@dataclass(frozen=True)
class Period:
    id: str
    start: dt.date
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Thresholds:
    on_track: float = 0.95
    accelerate: float = 0.60
    expiring_months: int = 6
    # "khoảng N" (about N) is met at N less this share, rounded up to a whole unit.
    about_tolerance: float = 0.10


@dataclass(frozen=True)
class DataQuality:
    """How old a dataset may be before its cards are flagged, and when a place counts as missing.

    max_age_months: dataset (its upload name) -> months; a dataset not named is never flagged.
    A place "usually reports" a dataset when it has records in at least `usual_months` of the
    `lookback_months` before a month; the `checked_months` complete months before the as-of date
    are checked for such places without records."""
    max_age_months: tuple[tuple[str, int], ...] = ()
    lookback_months: int = 12
    usual_months: int = 9
    checked_months: int = 6

    def max_age(self, dataset: str) -> int | None:
        return dict(self.max_age_months).get(dataset)


@dataclass(frozen=True)
class Target:
    id: str
    indicator: str
    kind: str
    scope: str
    names: dict[str, str]
    units: dict[str, str]
    source_vi: str
    qualifier: str = "at_least"
    tolerance: float = 0.10
    values: dict[str, float] = field(default_factory=dict)
    rate_min: float | None = None
    rate_max: float | None = None
    options: tuple[tuple[str, str], ...] = ()  # the indicator's settings, e.g. (("standard", "ISO 9001"),)

    def name(self, lang: str) -> str:
        return self.names[lang]

    def unit(self, lang: str, count: float | None = None) -> str:
        """The plan's own word for the unit, else the indicator's; in English, singular for one."""
        from .i18n import singular, t

        if lang in self.units:
            word = self.units[lang]
        else:
            from . import registry

            word = t(registry.get(self.indicator).unit, lang)
        return singular(word) if lang == "en" and count is not None and abs(count) == 1 else word

    def option(self, name: str) -> str | None:
        return dict(self.options).get(name)

    @property
    def standard(self) -> str | None:
        return self.option("standard")

    @property
    def measure(self) -> str | None:
        return self.option("measure")

    def qualifier_word(self, lang: str) -> str:
        from .i18n import t

        return t(f"qualifier_{self.qualifier}", lang)

    def required(self, value: float | None) -> float | None:
        """The smallest whole count that meets the plan's number under its qualifier."""
        if value is None:
            return None
        if self.qualifier == "more_than":
            return float(math.floor(value) + 1)
        if self.qualifier == "about":
            return float(math.ceil(round(value * (1 - self.tolerance), 9)))
        return float(math.ceil(value))


@dataclass(frozen=True)
class Plan:
    id: str
    number: str
    issued: dt.date
    issuer: dict[str, str]
    province: dict[str, str]
    title: dict[str, str]
    implements: str
    phases: tuple[Period, ...]
    thresholds: Thresholds
    targets: tuple[Target, ...]
    outline: str = ""  # the province whose outline the maps draw (name or GSO code)
    quality: DataQuality = DataQuality()

    @property
    def programme(self) -> Period:
        first, last = self.phases[0], self.phases[-1]
        return Period(f"{first.start.year}-{last.end.year}", first.start, last.end)

    def phase(self, phase_id: str) -> Period:
        for p in self.phases:
            if p.id == phase_id:
                return p
        raise PlanError(f"plan {self.id} has no phase {phase_id!r}")

    def phase_for(self, day: dt.date) -> Period:
        """The phase containing the day, else the nearest one."""
        for p in self.phases:
            if p.contains(day):
                return p
        return self.phases[0] if day < self.phases[0].start else self.phases[-1]

    def period_for(self, target: Target, phase: Period) -> Period:
        """The period a target is judged over: its phase, or the whole programme."""
        return self.programme if target.scope == "programme" else phase

    def target_value(self, target: Target, phase: Period) -> float | None:
        return target.values.get(self.period_for(target, phase).id)

    def target(self, target_id: str) -> Target:
        for t in self.targets:
            if t.id == target_id:
                return t
        raise PlanError(f"plan {self.id} has no target {target_id!r}")


def _bilingual(section: dict, key: str, where: str, required: bool = True) -> dict[str, str]:
    vi, en = section.get(f"{key}_vi"), section.get(f"{key}_en")
    if required and (not vi or not en):
        raise PlanError(f"{where}: needs both {key}_vi and {key}_en")
    return {k: v for k, v in (("vi", vi), ("en", en)) if v}


def _standards() -> set[str]:
    with (CATALOGUES_DIR / "standards.csv").open(encoding="utf-8", newline="") as fh:
        return {row["code"] for row in csv.DictReader(fh)}


def _options(raw: dict, indicator, where: str) -> tuple[tuple[str, str], ...]:
    """The indicator's settings from the target, checked against the registry and catalogues."""
    values = {}
    if "primary_measure" in raw and "measure" not in raw:  # the name used before the registry
        raw = {**raw, "measure": raw["primary_measure"]}
    for option in indicator.options:
        value = raw.get(option.name, option.default)
        if value is None:
            raise PlanError(f"{where}: indicator {indicator.id!r} needs {option.name}")
        value = str(value)
        if option.choices and value not in option.choices:
            raise PlanError(f"{where}: {option.name} must be one of {option.choices}, not {value!r}")
        if option.name == "standard" and value not in _standards():
            raise PlanError(f"{where}: standard {value!r} is not in data/catalogues/standards.csv")
        values[option.name] = value
    return tuple(values.items())


def _target(raw: dict, plan_periods: set[str], tolerance: float) -> Target:
    from . import registry

    tid = raw.get("id")
    where = f"target {tid!r}"
    if not tid:
        raise PlanError("a target has no id")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise PlanError(f"{where}: kind must be one of {KINDS}, not {kind!r}")
    try:
        indicator = registry.get(raw.get("indicator", ""))
    except registry.UnknownIndicator:
        raise PlanError(f"{where}: indicator must be one of {tuple(registry.BY_ID)}, "
                        f"not {raw.get('indicator')!r}") from None
    if kind not in indicator.kinds:
        raise PlanError(f"{where}: indicator {indicator.id!r} can be judged as {indicator.kinds}, not {kind!r}")
    scope = raw.get("scope", "phase")
    if scope not in SCOPES:
        raise PlanError(f"{where}: scope must be one of {SCOPES}")
    values = {str(k): float(v) for k, v in raw.get("values", {}).items()}
    unknown = set(values) - plan_periods
    if unknown:
        raise PlanError(f"{where}: values for unknown periods {sorted(unknown)}")
    if kind == "count" and not values:
        raise PlanError(f"{where}: a count target needs values per period")
    if kind == "growth" and raw.get("rate_min") is None:
        raise PlanError(f"{where}: a growth target needs rate_min")
    if raw.get("rate_max") is not None and raw.get("rate_min") is not None and raw["rate_max"] < raw["rate_min"]:
        raise PlanError(f"{where}: rate_max is below rate_min")
    qualifier = str(raw.get("qualifier", raw.get("qualifier_vi", "")))
    qualifier = QUALIFIER_WORDS.get(qualifier.strip().lower(), qualifier)
    if qualifier not in QUALIFIERS:
        raise PlanError(f"{where}: qualifier must be one of {QUALIFIERS} or {tuple(QUALIFIER_WORDS)}")
    return Target(
        id=str(tid),
        indicator=indicator.id,
        kind=kind,
        scope=scope,
        names=_bilingual(raw, "name", where),
        units=_bilingual(raw, "unit", where, required=False),
        source_vi=raw.get("source_vi", ""),
        qualifier=qualifier,
        tolerance=tolerance,
        values=values,
        rate_min=raw.get("rate_min"),
        rate_max=raw.get("rate_max"),
        options=_options(raw, indicator, where),
    )


def _quality(raw: dict, where: str) -> DataQuality:
    from .ingest.datasets import DATASETS

    q = raw.get("data_quality", {})
    ages = q.get("max_age_months", {})
    if not isinstance(ages, dict):
        raise PlanError(f"{where}: data_quality.max_age_months must be a table of dataset = months")
    for name, months in ages.items():
        if name not in DATASETS:
            raise PlanError(f"{where}: data_quality.max_age_months: unknown dataset {name!r}")
        if not isinstance(months, int) or months < 1:
            raise PlanError(f"{where}: data_quality.max_age_months.{name} must be a whole number of months >= 1")
    try:
        quality = DataQuality(tuple(sorted(ages.items())), int(q.get("lookback_months", 12)),
                              int(q.get("usual_months", 9)), int(q.get("checked_months", 6)))
    except (TypeError, ValueError):
        raise PlanError(f"{where}: data_quality needs whole numbers of months") from None
    if not 1 <= quality.usual_months <= quality.lookback_months or quality.checked_months < 1:
        raise PlanError(f"{where}: data_quality needs 1 <= usual_months <= lookback_months and checked_months >= 1")
    return quality


def parse_plan(raw: dict, where: str = "plan") -> Plan:
    try:
        head = raw["plan"]
        phases = tuple(
            Period(str(p["id"]), p["start"], p["end"]) for p in raw["phases"]
        )
    except (KeyError, TypeError) as exc:
        raise PlanError(f"{where}: missing {exc}") from None
    if not phases:
        raise PlanError(f"{where}: no phases")
    for p in phases:  # indicators and breakdowns count calendar years (and the analytics tables rely on it)
        if (p.start.month, p.start.day, p.end.month, p.end.day) != (1, 1, 12, 31):
            raise PlanError(f"{where}: phase {p.id} must run from 1 January to 31 December")
    for a, b in zip(phases, phases[1:]):
        if not a.end < b.start:
            raise PlanError(f"{where}: phases {a.id} and {b.id} overlap or are out of order")
    programme_id = f"{phases[0].start.year}-{phases[-1].end.year}"
    periods = {p.id for p in phases} | {programme_id}
    a = raw.get("assessment", {})
    thresholds = Thresholds(on_track=float(a.get("on_track", 0.95)),
                            accelerate=float(a.get("accelerate", 0.60)),
                            expiring_months=int(a.get("expiring_months", 6)),
                            about_tolerance=float(a.get("about_tolerance", 0.10)))
    if not 0 <= thresholds.accelerate <= thresholds.on_track:
        raise PlanError(f"{where}: assessment needs 0 <= accelerate <= on_track")
    targets = tuple(_target(t, periods, thresholds.about_tolerance) for t in raw.get("targets", []))
    if not targets:
        raise PlanError(f"{where}: no targets")
    ids = [t.id for t in targets]
    if len(set(ids)) != len(ids):
        raise PlanError(f"{where}: duplicate target ids")
    outline = str(head.get("outline", "")) or head.get("province_vi", "")
    from . import geo

    try:
        geo.province(outline)
    except geo.OutlineError as exc:
        raise PlanError(f"{where}: outline: {exc}") from None
    return Plan(
        id=head["id"],
        number=head["number"],
        issued=head.get("issued"),
        issuer=_bilingual(head, "issuer", where),
        province=_bilingual(head, "province", where),
        title=_bilingual(head, "title", where),
        implements=head.get("implements", ""),
        phases=phases,
        thresholds=thresholds,
        targets=targets,
        outline=outline,
        quality=_quality(raw, where),
    )


def load_plan(path: str | Path) -> Plan:
    path = Path(path)
    with path.open("rb") as fh:
        return parse_plan(tomllib.load(fh), where=str(path))


def load_plan_by_id(plan_id: str, plans_dir: str | Path) -> Plan:
    for path in sorted(Path(plans_dir).glob("*.toml")):
        plan = load_plan(path)
        if plan.id == plan_id:
            return plan
    raise PlanError(f"no plan with id {plan_id!r} in {plans_dir}")
