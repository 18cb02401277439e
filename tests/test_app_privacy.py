"""Personal data only for those who may see it (Decree 13/2023/NĐ-CP): every page and every
download, opened by a viewer who is not signed in, carries no person's name, identity number,
expert's certificate number, household business's name or tax code, uploader or file name; a
signed-in staff member finds them; the operator's setting widens it for an intranet."""
from __future__ import annotations

import io
import json
import zipfile

import pytest
from google.protobuf import text_format
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from nscl.auth import User
from nscl.i18n import t
from nscl.settings import ROOT
from nscl.ui.pages import PAGES
from tests import privacy_data as data
from tests.apptest import figure, page_ok, shown, sign_in

SHOWN = [spec for spec in PAGES if spec.url_path != "upload"]  # the upload page asks for a login first


@pytest.fixture(scope="module")
def privacy_db(tmp_path_factory, plan):
    return data.build(tmp_path_factory.mktemp("privacy") / "privacy.duckdb", plan)


@pytest.fixture
def app_db(privacy_db, monkeypatch):
    monkeypatch.setenv("NSCL_DB", str(privacy_db))
    monkeypatch.delenv("NSCL_PUBLIC_PERSONAL_DATA", raising=False)
    return privacy_db


@pytest.fixture
def downloads(monkeypatch):
    """Every file a download button of the run offers: (file name, bytes). Deferred ones (built
    when clicked) are built here, as a click would."""
    offered: list[tuple[str, object]] = []
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def spy_add(self, data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if is_for_static_download:
            offered.append((file_name or "", data))
        return add(self, data, mimetype, coordinates, file_name=file_name, is_for_static_download=is_for_static_download)

    def spy_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        offered.append((file_name or "", data_callable))
        return add_deferred(self, data_callable, mimetype, coordinates, file_name=file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add", spy_add)
    monkeypatch.setattr(MediaFileManager, "add_deferred", spy_deferred)

    def files() -> list[tuple[str, bytes]]:
        return [(name, data() if callable(data) else data) for name, data in offered]
    return files


def open_as(page: str, user: User | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["as_of"], at.query_params["phase"] = data.AS_OF, data.PHASE
    if user is not None:
        sign_in(at, user)
    at.switch_page(page).run()
    # Tables behind charts offer their files only while open: open every one, as a reader would.
    for key in [k for k in at.session_state.keys() if isinstance(k, str) and k.endswith("_open")]:
        at.session_state[key] = True
    return at.run()


STAFF = User("lan", data.AUTHOR, "staff")


def file_text(name: str, raw: bytes) -> str:
    """What a downloaded file says: a CSV's text, every XML part of an XLSX, PPTX or DOCX."""
    if raw[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                             if n.endswith((".xml", ".rels")))
    return raw.decode("utf-8-sig")


def _elements(node):
    children = getattr(node, "children", None)
    if children:
        for child in children.values():
            yield from _elements(child)
    else:
        yield node


def page_text(at: AppTest) -> str:
    """Everything the run sent to the browser: every element's message (as UTF-8 text), tables as
    CSV, charts as their JSON."""
    out = []
    for root in (at.main, at.sidebar):
        for el in _elements(root):
            if el.type == "dataframe":
                out += [el.value.to_csv(), shown(el).to_csv()]  # the values and the texts over them
            elif el.type == "plotly_chart":
                out.append(json.dumps(json.loads(el.proto.spec), ensure_ascii=False))
            elif getattr(el, "proto", None) is not None:
                out.append(text_format.MessageToString(el.proto, as_utf8=True))
    for i in range(len(at.get("plotly_chart"))):
        out.append(json.dumps(figure(at, i), ensure_ascii=False))
    return "\n".join(out)


def found(text: str, values) -> list[str]:
    return sorted(v for v in values if v in text)


@pytest.mark.parametrize("spec", SHOWN, ids=lambda s: s.url_path)
def test_a_viewer_not_signed_in_finds_no_personal_data_on_the_page_or_in_its_downloads(app_db, downloads, spec):
    at = open_as(spec.path)
    assert page_ok(at), [e.value for e in at.error]
    if spec.url_path == "report":  # the deck is built on request
        at.button(key="build_deck").click().run()
        assert page_ok(at)
    assert found(page_text(at), data.PERSONAL) == []
    files = downloads()
    assert files or spec.url_path in ("overview", "catalogue", "present", "province")
    for name, raw in files:
        assert found(file_text(name, raw), data.PERSONAL) == [], name
    public = [v for v, pages in data.PUBLIC.items() if spec.url_path in pages]
    assert found(page_text(at), public) == sorted(public)  # enterprises stay named


@pytest.mark.parametrize("spec", [s for s in SHOWN if any(s.url_path in p for p in data.PERSONAL.values())],
                         ids=lambda s: s.url_path)
def test_signed_in_staff_find_them_on_the_page_and_in_its_downloads(app_db, downloads, spec):
    at = open_as(spec.path, STAFF)
    assert page_ok(at), [e.value for e in at.error]
    expected = sorted(v for v, pages in data.PERSONAL.items() if spec.url_path in pages)
    assert found(page_text(at), expected) == expected
    files = downloads()
    in_files = "\n".join(file_text(name, raw) for name, raw in files)
    # The comment's author is under a card, the uploader and file in the last-update table: no download.
    shown_in_lists = [v for v in expected if v not in (data.AUTHOR, data.UPLOADER, data.UPLOAD_FILE)]
    assert found(in_files, shown_in_lists) == sorted(shown_in_lists)


def test_the_lists_say_that_staff_see_more_after_signing_in(app_db):
    at = open_as("pages/supported.py")
    notes = [c.value for c in at.caption if t("privacy_note") in c.value]
    assert len(notes) == 1
    records = next(shown(d) for d in at.dataframe if t("col_tax_code") in d.value.columns
                   and t("col_funding") in d.value.columns)
    names = dict(zip(records[t("col_tax_code")], records[t("col_enterprise")]))
    assert names == {data.COMPANY_TAX: data.COMPANY, t("privacy_hidden"): t("privacy_household_name")}
    assert len(records) == 3  # the households' records stay counted and listed, without who they are
    staff = open_as("pages/supported.py", STAFF)
    assert not [c.value for c in staff.caption if t("privacy_note") in c.value]


def test_the_experts_list_keeps_organisation_and_date_without_the_person(app_db):
    at = open_as("pages/training.py")
    experts = next(shown(d) for d in at.dataframe if t("col_organiser") in d.value.columns
                   and t("col_date") in d.value.columns)
    assert list(experts.columns) == [t("col_organiser"), t("col_date")]
    assert list(experts[t("col_organiser")]) == ["Sở Khoa học và Công nghệ"]


def test_the_operator_may_open_personal_data_to_every_viewer_of_an_intranet(app_db, monkeypatch):
    monkeypatch.setenv("NSCL_PUBLIC_PERSONAL_DATA", "1")
    at = open_as("pages/quality.py")
    assert page_ok(at)
    text = page_text(at)
    assert found(text, [data.UPLOADER, data.UPLOAD_FILE, data.PARTICIPANT, data.PARTICIPANT_ID]) == sorted(
        [data.UPLOADER, data.UPLOAD_FILE, data.PARTICIPANT, data.PARTICIPANT_ID])
