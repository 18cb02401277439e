"""The indicator registry: one declarative record per indicator the product can compute.

A plan's targets name an indicator from here (`indicator = "certificates"`) with the options
that indicator takes (`standard = "ISO 22000"`). Everything that depends on what an indicator
is — its SQL, the target kinds it can be judged as, the page that shows it, the report's task
group, the chart, the definition shown to users — is read from its record, never keyed by a
target id. Adding an indicator means: its SQL file in queries/indicators, one record here, its
texts in i18n.
"""
from __future__ import annotations

from dataclasses import dataclass

from .i18n import fmt_percent, t

# Task groups of the official report, in the order the report lists them (Decision 1322's
# groups of tasks); a group without indicators is left for staff to write.
REPORT_GROUPS = ("communication", "training", "support")
# The trend chart of a target, by its kind: cumulative against the target line, yearly values
# coloured by whether growth met the floor, or plain yearly values.
CHARTS = {"count": "count_trend", "growth": "growth_trend", "monitor": "monitor_trend"}


@dataclass(frozen=True)
class Option:
    """A setting a plan target gives its indicator, e.g. which standard or which event counts."""
    name: str
    choices: tuple[str, ...] = ()  # empty: free text (checked by the plan loader's catalogue)
    default: str | None = None      # None: the target must set it


@dataclass(frozen=True)
class Indicator:
    id: str
    query: str                      # named query in queries/indicators
    kinds: tuple[str, ...]          # target kinds it can be judged as (the chart follows the kind: CHARTS)
    grain: str                      # what one counted unit is
    unit: str                       # i18n key of the unit ("unit_<x>"); a plan may name it its own way
    page: str                       # url_path of the page that shows its details
    report_group: str               # one of REPORT_GROUPS
    filters: bool = True            # enterprise filters narrow it
    breakdowns: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    measures: tuple[str, ...] = ()  # "years" queries returning several measures: column prefixes
    sector_breakdown: tuple[str, str] | None = None  # (query, value column) for phase × sector views
    analytics: tuple[str, ...] = ()  # analytics tables its query reads
    dataset: str = ""                # the uploaded dataset its numbers rest on (freshness, gaps)

    def option(self, name: str) -> Option:
        return next(o for o in self.options if o.name == name)


_ENTERPRISE = ("sector", "place", "size", "ownership")

INDICATORS: tuple[Indicator, ...] = (
    Indicator("experts", "experts_per_year", ("count",), "person, at their first certification", "unit_experts",
              "training", "training", filters=False, dataset="experts"),
    Indicator("managers", "managers_per_year", ("count",), "seat of an enterprise's leader or manager in an "
              "in-depth course", "unit_person_times", "training", "training",
              breakdowns=("kind", "role", *_ENTERPRISE), analytics=("analytics_manager_seats",),
              dataset="participants"),
    Indicator("supported", "supported_per_year", ("growth", "monitor"), "enterprise and calendar year",
              "unit_enterprises", "supported", "support", breakdowns=(*_ENTERPRISE, "solution_type", "detail"),
              sector_breakdown=("supported_by_dimension", "enterprises"),
              analytics=("analytics_support_firm_year",), dataset="support"),
    Indicator("certificates", "certificates_per_year", ("growth", "monitor"), "certificate of one standard",
              "unit_certificates", "certification", "support", breakdowns=(*_ENTERPRISE, "standard"),
              options=(Option("standard"), Option("measure", ("valid", "issued"), "valid")),
              measures=("valid", "issued"), analytics=("analytics_certificates",),
              dataset="certificates"),
    Indicator("pilots", "pilots_per_year", ("count",), "enterprise, at its first model's counted event",
              "unit_enterprises", "pilots", "support", breakdowns=_ENTERPRISE,
              options=(Option("event", ("recognised", "started"), "recognised"),), dataset="pilots"),
    Indicator("cabs", "cabs_per_year", ("monitor",), "conformity-assessment body", "unit_bodies", "conformity",
              "support", filters=False, dataset="cabs"),
)
BY_ID = {i.id: i for i in INDICATORS}


class UnknownIndicator(KeyError):
    pass


def get(indicator_id: str) -> Indicator:
    try:
        return BY_ID[indicator_id]
    except KeyError:
        raise UnknownIndicator(indicator_id) from None


def page_of(target) -> str:
    """The url_path of the page showing a target's details."""
    return get(target.indicator).page


def targets_on(plan, page: str) -> list:
    """The plan's targets whose details are on a page, in plan order."""
    return [tg for tg in plan.targets if get(tg.indicator).page == page]


# ---------------------------------------------------------------- what the numbers mean

def definition(target, lang: str) -> str:
    """What is counted, word for word what the indicator's SQL does, with the target's options."""
    ind = get(target.indicator)
    key = f"def_{ind.id}"
    values = dict(target.options)
    if ind.id == "certificates":
        key += "_" + values["measure"]
    elif ind.id == "pilots":
        key += "_" + values["event"]
    return t(key, lang, **values)


def qualifier_rule(target, lang: str, value: float | None = None) -> str:
    """How the plan's qualifier ("trên", "ít nhất", "khoảng") turns a number into a pass mark."""
    if target.kind != "count":
        return ""
    from .i18n import fmt_count

    number = value if value is not None else next(iter(target.values.values()), None)
    if number is None:
        return ""
    return t(f"rule_{target.qualifier}", lang, value=fmt_count(number, lang),
             required=fmt_count(target.required(number), lang),
             tolerance=fmt_percent(target.tolerance, lang, 0))


def growth_rule(target, lang: str) -> str:
    """How yearly growth is judged, and what the band's ceiling means."""
    if target.kind != "growth":
        return ""
    text = t("rule_growth", lang, floor=fmt_percent(target.rate_min, lang, 0))
    if target.rate_max:
        text += " " + t("rule_ceiling", lang, ceiling=fmt_percent(target.rate_max, lang, 0))
    return text
