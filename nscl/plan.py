"""Plan configuration: identity, phases, thresholds and targets read from data/plans/*.toml."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("count", "growth", "monitor")
SCOPES = ("phase", "programme")
# How a plan's qualifier turns its number into a pass mark; the Vietnamese words of plans map here.
QUALIFIERS = ("at_least", "more_than", "about")
QUALIFIER_WORDS = {"ít nhất": "at_least", "tối thiểu": "at_least", "trên": "more_than", "hơn": "more_than",
                   "khoảng": "about", "": "at_least"}


class PlanError(ValueError):
    """The plan file is incomplete or inconsistent."""


class PlanLookupError(PlanError):
    """A phase or target the plan does not have: said in the reader's language (`text`)."""

    def __init__(self, key: str, **values):
        self.key, self.values = key, values
        super().__init__(f"{key}: {values}")

    def text(self, lang: str) -> str:
        from .i18n import t
        return t(self.key, lang, **self.values)


class PlanNotFound(PlanError):
    """No plan file in the folder has the id asked for."""


@dataclass(frozen=True)
class PlanProblem:
    """One mistake of a plan file: where (pydantic's location, e.g. ("targets", 2, "rate_mx"), shown as
    `path`, e.g. targets.experts.rate_mx, and the line when known) and what (a text key, its values, and
    `terms`: values that are themselves text keys, translated too)."""
    loc: tuple = ()
    key: str = "plan_invalid"
    values: tuple[tuple[str, object], ...] = ()
    terms: tuple[tuple[str, str], ...] = ()
    line: int | None = None
    path: str = ""

    def message(self, lang: str) -> str:
        from .i18n import t

        return t(self.key, lang, **dict(self.values), **{k: t(v, lang) for k, v in self.terms})

    def text(self, file: str, lang: str) -> str:
        """The whole line: file, line, field path, message."""
        from .i18n import t

        if self.key.startswith("plan_toml_syntax") and self.line is not None:
            return t(self.key, lang, file=file, line=self.line, **dict(self.values))
        if not self.path:
            return t("plan_problem_file", lang, file=file, message=self.message(lang))
        if self.line is None:
            return t("plan_problem", lang, file=file, path=self.path, message=self.message(lang))
        return t("plan_problem_line", lang, file=file, line=self.line, path=self.path, message=self.message(lang))


class PlanFileError(PlanError):
    """A plan file with mistakes: its name (never its folder) and every problem found."""

    def __init__(self, file: str, problems: list[PlanProblem]):
        self.file = file
        self.problems = list(problems)
        super().__init__(self.text())

    def lines(self, lang: str = "vi", file: str | None = None) -> list[str]:
        """One line per problem; `file` in place of the file's name (the command line shows the path given)."""
        return [p.text(file or self.file, lang) for p in self.problems]

    def text(self, lang: str = "vi", file: str | None = None) -> str:
        return "\n".join(self.lines(lang, file))


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
    # The units the plan covers as (official code, day); empty: the whole deployment (NSCL_PROVINCES).
    territory: tuple[tuple[str, dt.date], ...] = ()
    illustrative: bool = False  # an example plan: every view says its numbers are not an official plan's

    @property
    def programme(self) -> Period:
        first, last = self.phases[0], self.phases[-1]
        return Period(f"{first.start.year}-{last.end.year}", first.start, last.end)

    def place(self, lang: str) -> str:
        """The plan's place as every view names it: an example plan says it is one."""
        from .i18n import t

        return t("plan_place_illustrative", lang, place=self.province[lang]) if self.illustrative else self.province[lang]

    def example_note(self, lang: str) -> str:
        """What every view of an example plan says about its numbers; empty for a real plan."""
        from .i18n import t

        return t("plan_illustrative_note", lang) if self.illustrative else ""

    def phase(self, phase_id: str) -> Period:
        for p in self.phases:
            if p.id == phase_id:
                return p
        raise PlanLookupError("plan_no_phase", plan=self.number, asked=phase_id,
                              known=", ".join(p.id for p in self.phases))

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
        raise PlanLookupError("plan_no_target", plan=self.number, asked=target_id,
                              known=", ".join(t.id for t in self.targets))


def _bilingual(section, key: str) -> dict[str, str]:
    pairs = (("vi", getattr(section, f"{key}_vi")), ("en", getattr(section, f"{key}_en")))
    return {lang: text for lang, text in pairs if text}


def _plan(model) -> Plan:
    """The Plan of a checked plan file (plan_schema.PlanFile)."""
    from . import registry

    phases = tuple(Period(p.id, p.start, p.end) for p in model.phases)
    a = model.assessment
    thresholds = Thresholds(on_track=float(a.on_track), accelerate=float(a.accelerate),
                            expiring_months=a.expiring_months, about_tolerance=float(a.about_tolerance))
    targets = []
    for raw in model.targets:
        indicator = registry.get(raw.indicator)
        written = raw.options()
        options = tuple((o.name, str(written.get(o.name) or o.default)) for o in indicator.options)
        targets.append(Target(
            id=raw.id, indicator=indicator.id, kind=raw.kind, scope=raw.scope, names=_bilingual(raw, "name"),
            units=_bilingual(raw, "unit"), source_vi=raw.source_vi, qualifier=raw.qualifier_code(),
            tolerance=thresholds.about_tolerance, values={k: float(v) for k, v in raw.values.items()},
            rate_min=None if raw.rate_min is None else float(raw.rate_min),
            rate_max=None if raw.rate_max is None else float(raw.rate_max), options=options))
    q = model.data_quality
    ages = tuple(sorted((name, months) for name, months in q.max_age_months.model_dump().items()
                        if months is not None))
    head = model.plan
    return Plan(
        id=head.id, number=head.number, issued=head.issued, issuer=_bilingual(head, "issuer"),
        province=_bilingual(head, "province"), title=_bilingual(head, "title"), implements=head.implements,
        phases=phases, thresholds=thresholds, targets=tuple(targets), outline=head.outline or head.province_vi,
        quality=DataQuality(ages, q.lookback_months, q.usual_months, q.checked_months),
        territory=tuple((u.code, u.on) for u in head.territory), illustrative=head.illustrative)


def parse_plan(raw: dict, where: str = "plan") -> Plan:
    """The plan of parsed TOML; PlanFileError naming every mistake, `where` as the file."""
    from . import plan_schema

    return _plan(plan_schema.check(raw, where))


def load_plan(path: str | Path) -> Plan:
    """The plan of a file; PlanFileError naming the file (its name, never the folder), every
    mistake's field and line."""
    from . import plan_schema

    path = Path(path)
    return _plan(plan_schema.read(path.read_bytes(), path.name))


def load_plans(plans_dir: str | Path) -> list[Plan]:
    """Every plan of the folder, in file-name order (one database holds them all)."""
    return [load_plan(path) for path in sorted(Path(plans_dir).glob("*.toml"))]


def with_plan(plans: list[Plan], plan: Plan | None) -> list[Plan]:
    """The plans with `plan` among them (in place of a plan of the same id)."""
    if plan is None:
        return list(plans)
    return [plan if p.id == plan.id else p for p in plans] + ([] if plan.id in {p.id for p in plans} else [plan])


def load_plan_by_id(plan_id: str, plans_dir: str | Path) -> Plan:
    for path in sorted(Path(plans_dir).glob("*.toml")):
        plan = load_plan(path)
        if plan.id == plan_id:
            return plan
    raise PlanNotFound(f"no plan with id {plan_id!r} in {plans_dir}")
