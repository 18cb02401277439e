"""Each template, downloaded as it is and uploaded back, is read without a single problem but the
one that keeps its example row out of the data; with the example's code replaced by a real one, it
is written as it stands. Its places are the province's real units by their full names, a former
district for a date before 1/7/2025 and a new commune after."""
import datetime as dt

import pytest

from nscl.datasets import DATASETS
from nscl.i18n import t
from nscl.ingest.commit import commit
from nscl.ingest.pipeline import check_file
from nscl.ingest.templates import template_csv, template_xlsx
from tests.conftest import insert

TODAY = dt.date(2026, 11, 26)
REAL_KEY = {"enterprises": "3100000016", "courses": "KH-2024-017", "participants": "NV0017", "experts": "CG-2025-003",
            "certificates": "QC-2024-0042", "support": "HT-2024-118", "pilots": "MD-2024-05", "cabs": "TC-007"}
# the place each template's example names, as it is stored (the province's own codes)
PLACES = {"enterprises": ("Thành phố Đồng Hới", "450"), "courses": ("Huyện Lệ Thủy", "457"),
          "experts": ("Phường Đồng Hới", "18880"), "cabs": ("Thành phố Đồng Hới", "450")}


@pytest.fixture
def referenced(con):
    """The records the examples refer to (the example enterprise and course), as a database that
    already holds them would."""
    insert(con, "enterprises", [{"tax_code": "0000000017", "name": "Công ty TNHH Thủy sản Nhật Lệ", "sector_code": "C",
                                 "place_code": "450", "size": "small", "ownership": "non_state"}])
    insert(con, "courses", [{"id": "VD-KH-2024-001", "kind": "in_depth", "title": "Lean",
                             "start_date": dt.date(2024, 5, 6), "end_date": dt.date(2024, 5, 10)}])
    return con


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("form", ["csv", "xlsx"])
@pytest.mark.parametrize("name", list(DATASETS))
def test_a_template_as_downloaded_is_read_without_any_other_problem(referenced, name, form, lang):
    dataset = DATASETS[name]
    data = template_csv(dataset, lang) if form == "csv" else template_xlsx(dataset, lang)
    raw, checked = check_file(referenced, dataset, f"mau.{form}", data, today=TODAY, lang=lang)
    key = dataset.column(dataset.key[-1])
    assert raw.missing == [] and len(raw.rows) == 1
    assert [(p.column, p.value, p.message) for p in checked.problems] == [
        (key.header(lang), key.example, t("check_example_row", lang, value=key.example))]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", list(DATASETS))
def test_a_template_with_a_real_code_is_written_as_it_stands(referenced, name, lang):
    dataset = DATASETS[name]
    key = dataset.column(dataset.key[-1])
    text = template_csv(dataset, lang).decode("utf-8-sig")
    header, example = text.rstrip("\r\n").split("\r\n")[-2:]
    cells = example.split(",") if '"' not in example else None
    assert cells is None or cells[dataset.names.index(key.name)] == key.example
    data = (text.rsplit(example, 1)[0] + example.replace(key.example, REAL_KEY[name], 1) + "\r\n").encode("utf-8-sig")
    _, checked = check_file(referenced, dataset, "mau.csv", data, today=TODAY, lang=lang)
    assert checked.problems == [] and len(checked.valid) == 1, [p.message for p in checked.problems]
    done = commit(referenced, checked, "mau.csv", data, "lan")
    assert (done.added, done.rejected) == (1, 0)
    if name in PLACES:
        written, code = PLACES[name]
        assert (written in example) == (lang == "vi")  # the English template names it in English
        stored = referenced.execute("SELECT place_code FROM " + dataset.table + " WHERE " + key.name + " = $k",
                                    {"k": REAL_KEY[name]}).fetchall()
        assert stored == [(code,)]


def test_the_templates_name_places_not_codes():
    for name, (written, _) in PLACES.items():
        column = DATASETS[name].column("place_code")
        assert column.example_text("vi") == written
        lines = template_csv(DATASETS[name]).decode("utf-8-sig").rstrip("\r\n").split("\r\n")
        assert written in lines[-1] and ",450," not in lines[-1] + ","
