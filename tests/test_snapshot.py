"""Read-only replicas: a snapshot the writer publishes serves the same overview in read-only mode."""
import datetime as dt

import duckdb
import pytest

from nscl import analytics
from nscl.cli import main
from nscl.indicators import compute_all
from nscl.snapshot import open_snapshot, publish
from tests.apptest import open_page, page_ok
from tests.conftest import build_demo_file


@pytest.fixture
def writer_and_snapshot(tmp_path, plan):
    db = build_demo_file(tmp_path / "writer.duckdb", plan)
    con = duckdb.connect(str(db))
    publish(con, tmp_path / "snapshot")
    con.close()
    return db, tmp_path / "snapshot"


def test_snapshot_holds_the_same_data_and_current_analytics(writer_and_snapshot, plan):
    db, folder = writer_and_snapshot
    writer = duckdb.connect(str(db), read_only=True)
    replica = open_snapshot(folder)
    assert analytics.is_current(replica)
    as_of = dt.date(2026, 11, 26)
    for phase in plan.phases:
        a = compute_all(writer, plan, phase, as_of)
        b = compute_all(replica, plan, phase, as_of)
        assert [r.assessment for r in a] == [r.assessment for r in b]
    writer.close()


def test_a_replica_in_read_only_mode_shows_the_same_overview_as_the_writer(writer_and_snapshot, monkeypatch):
    db, folder = writer_and_snapshot
    monkeypatch.setenv("NSCL_DB", str(db))
    writer = open_page("pages/overview.py", as_of="2026-11-26")
    monkeypatch.setenv("NSCL_SNAPSHOT", str(folder))
    monkeypatch.setenv("NSCL_DB", str(folder / "not-used.duckdb"))
    replica = open_page("pages/overview.py", as_of="2026-11-26")
    assert page_ok(writer) and page_ok(replica)
    assert [(m.label, m.value) for m in replica.metric] == [(m.label, m.value) for m in writer.metric]
    assert any("Bản sao chỉ đọc" in i.value for i in replica.info)
    assert not (folder / "not-used.duckdb").exists()
    upload = open_page("pages/upload.py", as_of="2026-11-26")
    assert any("Bản sao chỉ đọc" in i.value for i in upload.info) and not upload.get("file_uploader")


def test_publishing_again_replaces_the_snapshot_whole(writer_and_snapshot):
    db, folder = writer_and_snapshot
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM cabs")
    publish(con, folder)
    con.close()
    assert open_snapshot(folder).execute("SELECT count(*) FROM cabs").fetchall() == [(0,)]
    assert sorted(p.name for p in folder.parent.iterdir() if p.name.startswith("snapshot")) == ["snapshot"]


def test_snapshot_command(tmp_path, writer_and_snapshot, monkeypatch, capsys):
    db, _ = writer_and_snapshot
    monkeypatch.setenv("NSCL_DB", str(db))
    assert main(["snapshot", "-o", str(tmp_path / "published")]) == 0
    assert (tmp_path / "published" / "schema.sql").exists()
    assert "enterprises" in open_snapshot(tmp_path / "published").execute("SHOW TABLES").df()["name"].tolist()
