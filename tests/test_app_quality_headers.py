"""AppTest of the data-quality page's headers: each dataset is counted in its own measure (support
given, enterprises, certificates, people trained …), never in generic "records"."""
import pytest

from nscl.i18n import t
from tests.apptest import figure, open_page, page_ok, shown
from tests.conftest import build_demo_file


@pytest.fixture
def quality_app(tmp_path, monkeypatch, plan):
    monkeypatch.setenv("NSCL_DB", str(build_demo_file(tmp_path / "headers.duckdb", plan)))


def held(at, lang="vi"):
    table = next(shown(d) for d in at.dataframe if d.value.columns[0] == t("col_dataset", lang))
    return table.set_index(t("col_dataset", lang))


def heat_map(at):
    spec = figure(at, 0)
    title = " ".join(spec["layout"]["title"]["text"].split("<span")[0].replace("<br>", " ").split())
    return title, spec["data"][0]["colorbar"]["title"]["text"]


def test_each_dataset_is_counted_in_its_own_measure(quality_app):
    at = open_page("pages/quality.py", as_of="2026-11-26")
    assert page_ok(at)
    table = held(at)
    assert "Số bản ghi" not in table.columns and "Số liệu hiện có" in table.columns
    counts = table["Số liệu hiện có"]
    assert counts["Hỗ trợ doanh nghiệp"] == "1.290 lượt hỗ trợ"
    assert counts["Doanh nghiệp"].endswith(" doanh nghiệp") and counts["Học viên"].endswith(" lượt người được đào tạo")
    assert counts["Giấy chứng nhận"].endswith(" giấy chứng nhận") and counts["Chuyên gia"].endswith(" chuyên gia")
    assert heat_map(at) == ("Hỗ trợ doanh nghiệp: số lượt hỗ trợ theo tháng và địa bàn", "Số lượt hỗ trợ")
    for dataset, measure in (("certificates", "Số giấy chứng nhận"), ("participants", "Số lượt người được đào tạo"),
                             ("enterprises", "Số doanh nghiệp")):
        at.selectbox(key="quality_dataset").set_value(dataset).run()
        assert page_ok(at) and heat_map(at)[1] == measure
    assert not [s.value for s in at.subheader if "bản ghi" in s.value]


def test_the_english_page_names_the_measures_in_english(quality_app):
    at = open_page("pages/quality.py", as_of="2026-11-26", lang="en")
    assert page_ok(at)
    counts = held(at, "en")["Held now"]
    assert counts["Support records"] == "1,290 support records"
    assert heat_map(at)[1] == "Support given"
