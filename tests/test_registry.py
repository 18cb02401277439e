"""The indicator registry is the one place that says what an indicator is: every record points
at a real query, page, report group and texts, and no code outside it is keyed by a target id."""
import ast
import itertools

import pytest

from nscl import registry
from nscl.i18n import TEXT, t
from nscl.plan import load_plan_by_id
from nscl.settings import PLANS_DIR, ROOT
from nscl.sql import library
from nscl.ui import PAGES

OFFERED = {"period_start", "period_end", "as_of", "from_year", "sectors", "places", "sizes", "ownerships",
           "geography", "plan"}  # plan: the plan whose territory counts (indicators.py)


@pytest.mark.parametrize("indicator", registry.INDICATORS, ids=lambda i: i.id)
def test_every_record_points_at_real_things(indicator):
    query = library().get(indicator.query)
    options = {o.name for o in indicator.options}
    assert set(query.params) <= OFFERED | options, "the query takes a parameter nobody gives"
    assert indicator.page in {spec.url_path for spec in PAGES}
    assert indicator.report_group in registry.REPORT_GROUPS
    assert set(indicator.kinds) <= set(registry.CHARTS)
    assert indicator.unit in TEXT
    assert indicator.filters == ("sectors" in query.params)
    for table in indicator.analytics:
        assert table in query.sql
    for option in indicator.options:
        assert option.default is None or option.default in option.choices


@pytest.mark.parametrize("indicator", registry.INDICATORS, ids=lambda i: i.id)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_option_combination_has_a_definition(indicator, lang):
    class FakeTarget:  # only what definition() reads
        def __init__(self, options):
            self.indicator, self.options = indicator.id, tuple(options.items())

    choices = [[(o.name, c) for c in (o.choices or ("ISO 22000",))] for o in indicator.options]
    for combination in itertools.product(*choices):
        text = registry.definition(FakeTarget(dict(combination)), lang)
        assert len(text) > 60
        if "standard" in dict(combination):
            assert "ISO 22000" in text


def test_report_groups_have_titles():
    for group in registry.REPORT_GROUPS:
        assert t(f"group_{group}", "vi") and t(f"group_{group}", "en")


def test_no_code_is_keyed_by_a_target_id():
    """Pages and logic find targets through the registry (by indicator and page), never by id."""
    plan = load_plan_by_id("quang-binh-676", PLANS_DIR)
    target_ids = {tg.id for tg in plan.targets}
    indicator_ids = set(registry.BY_ID)
    offenders = []
    files = [*(ROOT / "nscl").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]
    for path in files:
        if path.name == "registry.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            # plan.target("iso9001") and the like
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "target"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                offenders.append(f"{path.name}:{node.lineno} target({node.args[0].value!r})")
            # target ids that are not also indicator, page or dataset names
            if isinstance(node, ast.Constant) and node.value in target_ids - indicator_ids:
                offenders.append(f"{path.name}:{node.lineno} {node.value!r}")
            # comparisons of a target id with a literal
            if isinstance(node, ast.Compare) and any(isinstance(c, ast.Constant) and c.value in target_ids
                                                     for c in [node.left, *node.comparators]):
                names = ast.dump(node)
                if "target_id" in names or "'id'" in names:
                    offenders.append(f"{path.name}:{node.lineno} compares a target id")
    assert offenders == []
