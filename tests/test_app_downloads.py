"""Every download a page offers holds its file's bytes, never a callable run on click.

Streamlit stores the file a deferred download (a callable as data) makes without a reference to
the session, and deletes it after any two script runs end elsewhere in the process: under load
(other viewers' page runs, closed tabs) the browser's request then found nothing and the click
downloaded nothing (the browser test's download timed out). Tables behind charts build their
files only while their expander is open."""
import pytest

from nscl.ui import PAGES
from tests.apptest import open_page, page_ok
from tests.test_app_upload import signed_in, staff_app  # noqa: F401  (staff_app is a fixture)

AS_OF = "2026-11-26"


def _open_every_table(at):
    keys = [k for k in at.session_state.keys() if isinstance(k, str) and k.endswith("_open")]
    for key in keys:
        at.session_state[key] = True
    return keys


@pytest.mark.parametrize("spec", [s for s in PAGES if s.url_path != "upload"], ids=lambda s: s.url_path)
def test_downloads_hold_their_bytes(app_env, spec):
    at = open_page(spec.path, as_of=AS_OF)
    assert page_ok(at)
    opened = _open_every_table(at)
    at.run()
    assert page_ok(at)
    buttons = at.get("download_button")
    if opened:
        assert buttons, "an open table offers its downloads"
    for button in buttons:
        assert not button.proto.deferred_file_id, button.proto.label
        assert button.proto.url, button.proto.label


def test_a_closed_table_builds_no_file(app_env):
    at = open_page("pages/supported.py", as_of=AS_OF)
    assert page_ok(at)
    assert [e.label for e in at.get("expander")].count("Xem dữ liệu") >= 1
    assert at.get("download_button") == [] or all(b.proto.url for b in at.get("download_button"))
    before = len(at.get("download_button"))
    opened = _open_every_table(at)
    at.run()
    assert opened and len(at.get("download_button")) == before + 2 * len(opened)


def test_upload_templates_hold_their_bytes(staff_app):  # noqa: F811

    at = signed_in()
    assert page_ok(at)
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert set(buttons) >= {"Tải mẫu CSV", "Tải mẫu Excel"}, sorted(buttons)
    for proto in buttons.values():
        assert not proto.deferred_file_id and proto.url
