"""Plan configuration: identity, phases, thresholds and targets read from data/plans/*.toml."""
from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("count", "growth", "monitor")
SCOPES = ("phase", "programme")
MEASURES = ("valid", "issued")


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


@dataclass(frozen=True)
class Target:
    id: str
    indicator: str
    kind: str
    scope: str
    names: dict[str, str]
    units: dict[str, str]
    definitions: dict[str, str]
    source_vi: str
    qualifiers: dict[str, str] = field(default_factory=dict)
    values: dict[str, float] = field(default_factory=dict)
    rate_min: float | None = None
    rate_max: float | None = None
    standard: str | None = None
    primary_measure: str = "valid"

    def name(self, lang: str) -> str:
        return self.names[lang]

    def unit(self, lang: str) -> str:
        return self.units.get(lang, "")

    def definition(self, lang: str) -> str:
        return self.definitions.get(lang, "")

    def qualifier(self, lang: str) -> str:
        return self.qualifiers.get(lang, "")


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


def _target(raw: dict, plan_periods: set[str]) -> Target:
    tid = raw.get("id")
    where = f"target {tid!r}"
    if not tid:
        raise PlanError("a target has no id")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise PlanError(f"{where}: kind must be one of {KINDS}, not {kind!r}")
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
    measure = raw.get("primary_measure", "valid")
    if measure not in MEASURES:
        raise PlanError(f"{where}: primary_measure must be one of {MEASURES}")
    return Target(
        id=tid,
        indicator=raw.get("indicator", tid),
        kind=kind,
        scope=scope,
        names=_bilingual(raw, "name", where),
        units=_bilingual(raw, "unit", where),
        definitions=_bilingual(raw, "definition", where),
        source_vi=raw.get("source_vi", ""),
        qualifiers=_bilingual(raw, "qualifier", where, required=False),
        values=values,
        rate_min=raw.get("rate_min"),
        rate_max=raw.get("rate_max"),
        standard=raw.get("standard"),
        primary_measure=measure,
    )


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
    for a, b in zip(phases, phases[1:]):
        if not a.end < b.start:
            raise PlanError(f"{where}: phases {a.id} and {b.id} overlap or are out of order")
    programme_id = f"{phases[0].start.year}-{phases[-1].end.year}"
    periods = {p.id for p in phases} | {programme_id}
    targets = tuple(_target(t, periods) for t in raw.get("targets", []))
    ids = [t.id for t in targets]
    if len(set(ids)) != len(ids):
        raise PlanError(f"{where}: duplicate target ids")
    a = raw.get("assessment", {})
    thresholds = Thresholds(on_track=float(a.get("on_track", 0.95)),
                            accelerate=float(a.get("accelerate", 0.60)),
                            expiring_months=int(a.get("expiring_months", 6)))
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
