"""The plan file's schema: what each table and field of data/plans/*.toml may hold, checked strictly
(an unknown or misspelt field is refused, a count is a whole number, a date a date, a phase whole
calendar years), every mistake at once, each named by its file, field path and line; and the plan
file's reference (docs/plan-file.md, `python -m nscl plan docs`) generated from the same models.

Three stages: TOML syntax (tomllib; its line and column), the shape (the pydantic models below,
strict and closed), then what needs the whole file or the registry and catalogues (periods a value
names, the indicator's kinds and options, the outline's province). plan.py turns the checked model
into its Plan.
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import json
import re
import tomllib
import types
import typing
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator
from pydantic_core import PydanticCustomError

from . import registry
from .datasets import DATASETS
from .plan import KINDS, QUALIFIER_WORDS, QUALIFIERS, SCOPES, PlanFileError, PlanProblem
from .settings import CATALOGUES_DIR

Text = Annotated[str, Field(min_length=1)]


class _Closed(BaseModel):
    """A table of the plan file: no field but those named, each of exactly its type."""
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class TerritoryUnit(_Closed):
    """One unit of a plan's territory (`territory` of `[plan]`): an official code and a day on which
    that code names the unit meant. A code alone is ambiguous across the 2025 reform (44 is Quang Binh
    until 30/6/2025 and the merged Quang Tri from 1/7/2025)."""
    code: Text = Field(description="The unit's official code as the statistics office writes it (province 2 digits, "
                                   "district 3, commune 5), e.g. \"44\".")
    on: dt.date = Field(description="A day on which the code names the unit meant (e.g. 2025-06-30 for the "
                                    "former province 44, 2025-07-01 for the merged province 44).")


class PlanSection(_Closed):
    """`[plan]`: which plan this is, who issued it, and the province it covers."""
    id: Text = Field(description="The plan's identifier; the setting NSCL_PLAN chooses a plan by it "
                                 "(e.g. \"quang-binh-676\").")
    number: Text = Field(description="The plan's document number as printed (e.g. \"676/KH-UBND\").")
    issued: dt.date | None = Field(None, description="The day the plan was signed.")
    issuer_vi: Text = Field(description="Who issued the plan, in Vietnamese.")
    issuer_en: Text = Field(description="Who issued the plan, in English.")
    province_vi: Text = Field(description="The province's name in Vietnamese.")
    province_en: Text = Field(description="The province's name in English.")
    title_vi: Text = Field(description="The plan's title in Vietnamese.")
    title_en: Text = Field(description="The plan's title in English.")
    implements: str = Field("", description="The national decision the plan implements, as the plan writes it.")
    outline: str = Field("", description="The province whose outline the maps draw: a name or GSO code (as text, "
                                         "e.g. \"42\") of the 63 provinces before the 2025 merger (from "
                                         "1/7/2025 the maps draw the province it joined), or a province of the "
                                         "34 in force from 1/7/2025 as code or name and day, e.g. "
                                         "\"44 @ 2025-07-01\" (before that day the maps draw the provinces "
                                         "that formed it); default: province_vi.")
    territory: list[TerritoryUnit] = Field(
        default_factory=list, description="The units the plan covers, each `{ code = \"44\", on = 2025-06-30 }` "
        "(see [plan.territory]); old units, new units or both. A record counts for the plan when its place lies "
        "in them, following the links across 1/7/2025. Absent: the whole deployment (NSCL_PROVINCES), and "
        "only then do records without a place count.")
    illustrative: bool = Field(False, description="true: an example plan, not an official one; every card, slide, "
                                                  "deck, report and edition page says its numbers are not an "
                                                  "official plan's.")


class Phase(_Closed):
    """`[[phases]]`, one table per phase, in order: whole calendar years that do not overlap (the
    indicators count calendar years). The programme runs from the first phase's start to the last
    one's end; its id is "first year-last year"."""
    id: Text = Field(description="The phase's id, shown in the period selector (e.g. \"2021-2025\").")
    start: dt.date = Field(description="The phase's first day: a 1 January.")
    end: dt.date = Field(description="The phase's last day: a 31 December.")

    @field_validator("start")
    @classmethod
    def _first_of_january(cls, value: dt.date) -> dt.date:
        if (value.month, value.day) != (1, 1):
            raise PydanticCustomError("plan_phase_start", "phase must start on 1 January", {"value": value.isoformat()})
        return value

    @field_validator("end")
    @classmethod
    def _end_of_december(cls, value: dt.date) -> dt.date:
        if (value.month, value.day) != (12, 31):
            raise PydanticCustomError("plan_phase_end", "phase must end on 31 December", {"value": value.isoformat()})
        return value


class Assessment(_Closed):
    """`[assessment]` (optional): how a target's pace is judged."""
    on_track: float = Field(0.95, ge=0, le=1, description="Pace ratio from which a target is on track.")
    accelerate: float = Field(0.60, ge=0, le=1, description="Pace ratio from which a target needs acceleration "
                                                            "(below it: at risk); at most on_track.")
    expiring_months: int = Field(6, ge=0, description="Certificates expiring within this many months of the "
                                                      "as-of date are listed for follow-up.")
    about_tolerance: float = Field(0.10, ge=0, lt=1, description="A target \"about N\" (qualifier about) is met at N "
                                                                 "less this share, rounded up to a whole unit.")


MaxAgeMonths = create_model(
    "MaxAgeMonths", __base__=_Closed, __doc__=(
        "`[data_quality.max_age_months]` (optional), often written inline (`max_age_months = { certificates = 3 }`): "
        "months since a dataset's last upload after which every card resting on it is flagged; a dataset not "
        "named is never flagged."),
    **{name: (int | None, Field(None, ge=1, description=f"Months for the {name} dataset."))
       for name in DATASETS})


class DataQuality(_Closed):
    """`[data_quality]` (optional): when data counts as old or missing."""
    max_age_months: MaxAgeMonths = Field(default_factory=MaxAgeMonths,
                                         description="Months per dataset; see its own table below.")
    lookback_months: int = Field(12, ge=1, description="A place \"usually reports\" a dataset when it has records "
                                                       "in at least usual_months of the lookback_months before a month.")
    usual_months: int = Field(9, ge=1, description="See lookback_months; at most lookback_months.")
    checked_months: int = Field(6, ge=1, description="The complete months before the as-of date checked for "
                                                     "places that usually report but have no records.")


class Target(_Closed):
    """`[[targets]]`, one table per target, in the order the dashboard shows them. What the number
    counts is the indicator's (nscl/registry.py); the target chooses the indicator and its options."""
    id: Text = Field(description="The target's id, unique in the plan (e.g. \"experts\").")
    indicator: Literal[tuple(registry.BY_ID)] = Field(description="The indicator that measures it.")
    kind: Literal[KINDS] = Field(description="count: a number to reach per period (needs values); growth: a "
                                             "yearly rate (needs rate_min); monitor: followed without a number. "
                                             "The indicator must allow the kind.")
    scope: Literal[SCOPES] = Field("phase", description="The period the target is judged over: each phase, "
                                                        "or the whole programme.")
    name_vi: Text = Field(description="The target's name in Vietnamese.")
    name_en: Text = Field(description="The target's name in English.")
    unit_vi: Text | None = Field(None, description="The unit in Vietnamese; default: the indicator's.")
    unit_en: Text | None = Field(None, description="The unit in English; default: the indicator's.")
    source_vi: str = Field("", description="The plan's own sentence, quoted.")
    qualifier: str | None = Field(None, description="How the number is met: at_least, more_than or about, or the "
                                                    "plan's words (" + ", ".join(
                                                        f'"{w}" ({q})' for w, q in QUALIFIER_WORDS.items() if w)
                                                    + "); default: at_least.")
    qualifier_vi: str | None = Field(None, description="Older name of qualifier (used when qualifier is absent).")
    values: dict[str, Annotated[float, Field(ge=0)]] = Field(
        default_factory=dict, description="The number per period, as a table of period id = number "
                                          "(`{ \"2021-2025\" = 5 }`); a period is a phase's id or the "
                                          "programme's (\"first year-last year\").")
    rate_min: float | None = Field(None, ge=-1, le=1, description="A growth target's yearly floor, as a share "
                                                                  "(0.10 is 10 %).")
    rate_max: float | None = Field(None, ge=-1, le=1, description="A growth target's ceiling, as a share: a year "
                                                                  "above it still meets the target and is flagged "
                                                                  "for a data check; at least rate_min.")
    standard: str | None = Field(None, description="certificates: the standard, a code of "
                                                   "data/catalogues/standards.csv (e.g. \"ISO 9001\").")
    measure: str | None = Field(None, description="certificates: valid (held) or issued (newly issued); "
                                                  "default: valid.")
    primary_measure: str | None = Field(None, description="Older name of measure (used when measure is absent).")
    event: str | None = Field(None, description="pilots: which event puts an enterprise in the count, "
                                                "recognised or started; default: recognised.")

    @field_validator("qualifier", "qualifier_vi")
    @classmethod
    def _known_qualifier(cls, value: str | None) -> str | None:
        if value is not None and QUALIFIER_WORDS.get(value.strip().lower(), value) not in QUALIFIERS:
            choices = ", ".join(list(QUALIFIERS) + [w for w in QUALIFIER_WORDS if w])
            raise PydanticCustomError("plan_qualifier", "unknown qualifier", {"choices": choices, "value": _shown(value)})
        return value

    def qualifier_code(self) -> str:
        word = self.qualifier if self.qualifier is not None else self.qualifier_vi or ""
        return QUALIFIER_WORDS.get(word.strip().lower(), word)

    def options(self) -> dict[str, str | None]:
        """The indicator options as written (the older primary_measure read as measure)."""
        return {"standard": self.standard, "measure": self.measure if self.measure is not None else
                self.primary_measure, "event": self.event}


class PlanFile(_Closed):
    """A plan file: data/plans/<id>.toml, one province's plan. Tables in any order."""
    plan: PlanSection = Field(description="Which plan this is (a table).")
    phases: list[Phase] = Field(min_length=1, description="The phases, in order (an array of tables).")
    assessment: Assessment = Field(default_factory=Assessment, description="How pace is judged (a table).")
    data_quality: DataQuality = Field(default_factory=DataQuality, description="When data counts as old or "
                                                                                "missing (a table).")
    targets: list[Target] = Field(min_length=1, description="The targets (an array of tables).")

    def period_ids(self) -> list[str]:
        ids = [p.id for p in self.phases] + [f"{self.phases[0].start.year}-{self.phases[-1].end.year}"]
        return list(dict.fromkeys(ids))


# ---------------------------------------------------------------------------------------------
# Checking

def read(data: bytes, file: str) -> PlanFile:
    """The checked plan file from its bytes; PlanFileError naming every mistake otherwise."""
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanFileError(file, [PlanProblem((), "plan_not_utf8", (("position", exc.start + 1),))]) from None
    try:
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise PlanFileError(file, [_syntax_problem(exc)]) from None
    return check(raw, file, source)


def check(raw: dict, file: str = "plan", source: str | None = None) -> PlanFile:
    """The checked plan file from parsed TOML; the shape first, then (once the shape is right)
    what needs the whole file, the registry or the catalogues."""
    lines = _key_lines(source) if source else {}
    try:
        model = PlanFile.model_validate(raw)
    except ValidationError as exc:
        problems = [_translated(error, raw) for error in exc.errors()]
        raise PlanFileError(file, [_placed(p, raw, lines) for p in problems]) from None
    problems = _cross_checks(model)
    if problems:
        raise PlanFileError(file, [_placed(p, raw, lines) for p in problems])
    return model


_SYNTAX_AT = re.compile(r"^(?P<reason>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$", re.S)


def _syntax_problem(exc: tomllib.TOMLDecodeError) -> PlanProblem:
    """tomllib's own words for the fault, with its line and column (read from the message in
    Python 3.11; later versions also have lineno and colno)."""
    found = _SYNTAX_AT.match(str(exc))
    if found is None:
        return PlanProblem((), "plan_toml_syntax_no_line", (("reason", str(exc)),))
    return PlanProblem((), "plan_toml_syntax", (("reason", found["reason"]), ("column", int(found["column"]))),
                       line=int(found["line"]))


_TYPES = {"string_type": "plan_type_text", "int_type": "plan_type_int", "float_type": "plan_type_float",
          "bool_type": "plan_type_bool", "date_type": "plan_type_date", "dict_type": "plan_type_table",
          "model_type": "plan_type_table", "list_type": "plan_type_array"}
_LIMITS = {"greater_than_equal": ("plan_ge", "ge"), "greater_than": ("plan_gt", "gt"),
           "less_than_equal": ("plan_le", "le"), "less_than": ("plan_lt", "lt")}


def _translated(error: dict, raw: dict) -> PlanProblem:
    """One pydantic error in plain words (a text key and its values)."""
    kind, loc, ctx = error["type"], tuple(error["loc"]), error.get("ctx") or {}
    value = error.get("input")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        guess = difflib.get_close_matches(name, _fields_at(loc[:-1]), n=1, cutoff=0.75)
        if guess:
            return PlanProblem(loc, "plan_unknown_field_hint", (("field", name), ("guess", guess[0])))
        return PlanProblem(loc, "plan_unknown_field", (("field", name),))
    if kind == "missing":
        return PlanProblem(loc, "plan_missing")
    if kind in _TYPES:
        given = _given(value)
        if isinstance(value, (dict, list)):
            return PlanProblem(loc, "plan_wrong_type", terms=(("expected", _TYPES[kind]), ("given", given)))
        expected = "plan_type_list" if kind == "list_type" and not _is_table_array(loc) else _TYPES[kind]
        return PlanProblem(loc, "plan_wrong_type_value", (("value", _shown(value)),),
                           terms=(("expected", expected), ("given", given)))
    if kind in _LIMITS:
        key, bound = _LIMITS[kind]
        limit = ctx[bound]
        limit = int(limit) if isinstance(limit, float) and limit.is_integer() else limit
        return PlanProblem(loc, key, (("limit", _shown(limit)), ("value", _shown(value))))
    if kind == "literal_error":
        choices = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return PlanProblem(loc, "plan_choice", (("choices", choices), ("value", _shown(value))))
    if kind == "string_too_short":
        return PlanProblem(loc, "plan_empty_text")
    if kind == "too_short":
        return PlanProblem(loc, "plan_empty_list")
    if kind.startswith("plan_"):  # our own validators: the type is the text key, the context its values
        return PlanProblem(loc, kind, tuple(ctx.items()))
    return PlanProblem(loc, "plan_invalid")


def _is_table_array(loc: tuple) -> bool:
    return loc in (("phases",), ("targets",))


def _given(value) -> str:
    for kind, key in ((bool, "bool"), (int, "int"), (float, "float"), (str, "text"), (dt.datetime, "datetime"),
                      (dt.date, "date"), (dt.time, "time"), (dict, "table"), (list, "list")):
        if isinstance(value, kind):
            return f"plan_given_{key}"
    return "plan_given_text"


def _shown(value) -> str:
    """A value as TOML writes it: text in double quotes, numbers and dates bare."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model of the table at a location (list indices skipped), None when it is not a table."""
    model: type[BaseModel] | None = PlanFile
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        model = _inner_model(model.model_fields[part].annotation)
    return model


def _inner_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _fields_at(loc: tuple) -> list[str]:
    model = _model_at(loc)
    return list(model.model_fields) if model is not None else []


def _standards() -> list[str]:
    with (CATALOGUES_DIR / "standards.csv").open(encoding="utf-8", newline="") as fh:
        return [row["code"] for row in csv.DictReader(fh)]


def _cross_checks(model: PlanFile) -> list[PlanProblem]:
    """What the shape cannot say: phases in order, thresholds in order, the outline's province, and
    each target against the plan's periods and its indicator's kinds and options. Every problem."""
    from . import geo

    problems: list[PlanProblem] = []
    for i, (a, b) in enumerate(zip(model.phases, model.phases[1:]), start=1):
        if not a.end < b.start:
            problems.append(PlanProblem(("phases", i), "plan_phases_overlap", (("first", a.id), ("second", b.id))))
    for i, p in enumerate(model.phases):
        if p.end < p.start:
            problems.append(PlanProblem(("phases", i, "end"), "plan_phase_backwards",
                                        (("start", p.start.isoformat()), ("end", p.end.isoformat()))))
    a = model.assessment
    if a.accelerate > a.on_track:
        problems.append(PlanProblem(("assessment", "accelerate"), "plan_accelerate_above",
                                    (("on_track", _shown(a.on_track)), ("value", _shown(a.accelerate)))))
    q = model.data_quality
    if q.usual_months > q.lookback_months:
        problems.append(PlanProblem(("data_quality", "usual_months"), "plan_usual_above",
                                    (("lookback", q.lookback_months), ("value", q.usual_months))))
    outline = model.plan.outline or model.plan.province_vi
    try:
        geo.area(outline)
    except geo.OutlineError:
        names = [p.name_vi for p in geo.provinces()]
        guess = difflib.get_close_matches(outline, names, n=1, cutoff=0.5)
        where = ("plan", "outline" if model.plan.outline else "province_vi")
        problems.append(PlanProblem(where, "plan_outline_unknown_hint", (("value", _shown(outline)),
                                                                         ("guess", _shown(guess[0]))))
                        if guess else PlanProblem(where, "plan_outline_unknown", (("value", _shown(outline)),)))
    problems += _territory_problems(model.plan.territory)
    periods = model.period_ids()
    ids = [target.id for target in model.targets]
    standards = _standards()
    for i, target in enumerate(model.targets):
        at = ("targets", i)
        if ids.index(target.id) != i:
            problems.append(PlanProblem(at + ("id",), "plan_duplicate_id", (("value", _shown(target.id)),)))
        indicator = registry.get(target.indicator)
        if target.kind not in indicator.kinds:
            problems.append(PlanProblem(at + ("kind",), "plan_kind_not_for_indicator", (
                ("indicator", indicator.id), ("kinds", ", ".join(indicator.kinds)), ("value", _shown(target.kind)))))
        for period in target.values:
            if period not in periods:
                problems.append(PlanProblem(at + ("values", period), "plan_unknown_period",
                                            (("value", _shown(period)), ("periods", ", ".join(periods)))))
        if target.kind == "count" and not target.values:
            problems.append(PlanProblem(at + ("values",), "plan_count_needs_values"))
        if target.kind == "growth" and target.rate_min is None:
            problems.append(PlanProblem(at + ("rate_min",), "plan_growth_needs_rate_min"))
        if target.rate_min is not None and target.rate_max is not None and target.rate_max < target.rate_min:
            problems.append(PlanProblem(at + ("rate_max",), "plan_rate_max_below",
                                        (("rate_min", _shown(target.rate_min)), ("value", _shown(target.rate_max)))))
        problems += _option_problems(target, indicator, at, standards)
    return problems


def _territory_problems(units: list[TerritoryUnit]) -> list[PlanProblem]:
    """Each unit's code must name a unit of the places catalogue on its day."""
    from . import territory

    problems = []
    for i, unit in enumerate(units):
        if territory.unit_key(unit.code, unit.on) is None:
            problems.append(PlanProblem(("plan", "territory", i, "code"), "plan_territory_unknown",
                                        (("value", _shown(unit.code)), ("day", unit.on.strftime("%d/%m/%Y")))))
    return problems


def _option_problems(target: Target, indicator, at: tuple, standards: list[str]) -> list[PlanProblem]:
    problems = []
    written = target.options()
    takes = {option.name: option for option in indicator.options}
    for name, value in written.items():
        field = name if name != "measure" or target.measure is not None else "primary_measure"
        if value is not None and name not in takes:
            problems.append(PlanProblem(at + (field,), "plan_option_unused", (("indicator", indicator.id),)))
    for name, option in takes.items():
        value = written.get(name)
        field = name if name != "measure" or target.measure is not None or target.primary_measure is None \
            else "primary_measure"
        if value is None:
            if option.default is None:
                problems.append(PlanProblem(at + (name,), "plan_option_missing", (("indicator", indicator.id),)))
        elif option.choices and value not in option.choices:
            problems.append(PlanProblem(at + (field,), "plan_choice", (("choices", ", ".join(option.choices)),
                                                                        ("value", _shown(value)))))
        elif name == "standard" and value not in standards:
            guess = difflib.get_close_matches(value, standards, n=1, cutoff=0.6)
            problems.append(PlanProblem(at + (field,), "plan_standard_unknown_hint",
                                        (("value", _shown(value)), ("guess", _shown(guess[0]))))
                            if guess else PlanProblem(at + (field,), "plan_standard_unknown",
                                                      (("value", _shown(value)),)))
    return problems


# ---------------------------------------------------------------------------------------------
# Where a problem is: its field path (targets.experts.rate_mx) and, when the file's text is known,
# the line of that field (else of the nearest table or field above it that the file writes).

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _key(name) -> str:
    name = str(name)
    return name if _BARE.fullmatch(name) else json.dumps(name, ensure_ascii=False)


def field_path(loc: tuple, raw: dict) -> str:
    """targets.experts.rate_mx: an entry of an array of tables by its id when it has a unique one,
    else by its number counting from 1 (targets[3])."""
    parts: list[str] = []
    node = raw
    for part in loc:
        if isinstance(part, int):
            entries = node if isinstance(node, list) else []
            entry = entries[part] if part < len(entries) else None
            ident = entry.get("id") if isinstance(entry, dict) else None
            same = [e.get("id") for e in entries if isinstance(e, dict)].count(ident)
            if isinstance(ident, str) and ident and same == 1:
                parts.append("." + _key(ident))
            else:
                parts.append(f"[{part + 1}]")
            node = entry
        else:
            parts.append(("." if parts else "") + _key(part))
            node = node.get(part) if isinstance(node, dict) else None
    return "".join(parts)


_TABLE_ARRAY = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
_ASSIGN = re.compile(r'^\s*([A-Za-z0-9_-]+|"[^"]*")\s*=')


def _key_lines(source: str) -> dict[tuple, int]:
    """The line of each table and key the file writes, by location (arrays of tables by index).
    Plain reading of the usual layout: a key inside a multi-line string may be taken for one."""
    where: dict[tuple, int] = {}
    table: tuple = ()
    counts: dict[str, int] = {}
    for number, line in enumerate(source.splitlines(), start=1):
        if found := _TABLE_ARRAY.match(line):
            name = found[1]
            counts[name] = counts.get(name, -1) + 1
            table = (*name.split("."), counts[name])
        elif found := _TABLE.match(line):
            table = tuple(found[1].split("."))
        elif found := _ASSIGN.match(line):
            where.setdefault((*table, found[1].strip('"')), number)
            continue
        else:
            continue
        where.setdefault(table, number)
    return where


def _placed(problem: PlanProblem, raw: dict, lines: dict[tuple, int]) -> PlanProblem:
    loc = problem.loc
    line = next((lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), None)
    return PlanProblem(loc, problem.key, problem.values, problem.terms, line=line,
                       path=field_path(loc, raw) if loc else "")


# ---------------------------------------------------------------------------------------------
# The reference (docs/plan-file.md)

SECTIONS = ((("plan",), PlanSection, "[plan]"), (("plan", "territory"), TerritoryUnit, "[plan.territory]"),
            (("phases",), Phase, "[[phases]]"),
            (("assessment",), Assessment, "[assessment]"), (("data_quality",), DataQuality, "[data_quality]"),
            (("data_quality", "max_age_months"), MaxAgeMonths, "[data_quality.max_age_months]"),
            (("targets",), Target, "[[targets]]"))


def _type_words(annotation) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        return _type_words(args[0])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_words(a) for a in args if a is not type(None))
    if origin is Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin is dict:
        return f"table of text = {_type_words(args[1])}"
    if origin is list:
        return f"array of tables ({_type_words(args[0])})"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        name = next(title for _, model, title in SECTIONS if model is annotation)
        return f"table `{name}`"
    return {str: "text", int: "whole number", float: "number", dt.date: "date (YYYY-MM-DD)",
            bool: "true or false"}[annotation]


def _limits(info) -> str:
    words = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<", "min_length": "length ≥"}
    found = []
    for item in info.metadata:
        for name, sign in words.items():
            if getattr(item, name, None) is not None:
                found.append(f"{sign} {getattr(item, name)}")
    args = typing.get_args(info.annotation)
    for arg in args:  # dict[str, Annotated[float, Field(ge=0)]]: the values' limits
        for item in getattr(arg, "__metadata__", ()):
            found += [f"{sign} {getattr(item, name)}" for name, sign in words.items()
                      if getattr(item, name, None) is not None]
    return ", ".join(found)


def _default(info) -> str:
    if info.is_required():
        return "**required**"
    if info.default_factory is not None:
        return "optional"
    if info.default is None or info.default == "":
        return "optional"
    return f"optional, default `{_shown(info.default)}`"


def reference() -> str:
    """docs/plan-file.md: every table and field a plan file may hold, generated from the models."""
    out = ["# The plan file", "",
           "<!-- Generated by `python -m nscl plan docs > docs/plan-file.md` from nscl/plan_schema.py;",
           "     do not edit: tests/test_plan_schema.py compares this file with the models. -->", "",
           "A plan is one TOML file in `data/plans/` (the setting `NSCL_PLAN` chooses it by its `[plan]` id).",
           "`python -m nscl plan check FILE` checks one and lists every mistake with its line; the dashboard and",
           "every command refuse a plan with a mistake, naming the file, the field and the line.",
           "",
           "Every table is closed: a field not listed here (a misspelling such as `rate_mx`) is refused, with the",
           "closest allowed name suggested. Types are strict: a whole number is written without decimals (`6`, not",
           "`6.0`), text in double quotes, a date bare (`2021-01-01`). A field path names an entry of an array of",
           "tables by its id (`targets.experts.rate_max`), or by its number counting from 1 when it has no unique",
           "id (`targets[3].rate_max`).", ""]
    for _, model, title in SECTIONS:
        out += [f"## `{title}`", "", " ".join((model.__doc__ or "").split()), "",
                "| field | type | required | limits | description |", "|---|---|---|---|---|"]
        for name, info in model.model_fields.items():
            description = (info.description or "").replace("|", "\\|")
            out.append(f"| `{name}` | {_type_words(info.annotation)} | {_default(info)} | {_limits(info)} "
                       f"| {description} |")
        out.append("")
    indicators = ", ".join(f"`{i.id}` ({'/'.join(i.kinds)})" for i in registry.INDICATORS)
    out += ["## Indicators and their kinds", "", f"A target's indicator and the kinds it can be judged as: "
            f"{indicators}. Options: " + "; ".join(
                f"`{i.id}`: " + ", ".join(f"`{o.name}`" + (f" ({' or '.join(o.choices)})" if o.choices else "")
                                          for o in i.options) for i in registry.INDICATORS if i.options) + ".", ""]
    return "\n".join(out)
