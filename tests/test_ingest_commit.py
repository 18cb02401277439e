"""Commit and undo: all-or-nothing, exact undo, concurrent commits, a killed process."""
import datetime as dt
import hashlib
import os
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import duckdb
import pytest

from nscl.connect import open_database
from nscl.datasets import DATASETS
from nscl.ingest.commit import CommitRefused, commit, history, preview, sweep_archive, undo
from nscl.ingest.limits import Limits
from nscl.ingest.pipeline import check_file
from nscl.settings import PLANS_DIR, ROOT
from tests.conftest import insert
from tests.ingest_helpers import DATA_TABLES, TAX, csv_text, snapshot
from tests.ingest_helpers import ENTERPRISE_HEADER as EH

ENT = DATASETS["enterprises"]
EXISTING = [dict(tax_code=TAX[0], name="Công ty A", sector_code="C", place_code="450", size="small",
                 ownership="non_state"),
            dict(tax_code=TAX[1], name="Công ty B", sector_code="G", place_code="452", size="micro",
                 ownership="non_state")]
FILE = csv_text([EH,
                 [TAX[0], "Công ty A", "C", "450", "nhỏ", "ngoài Nhà nước"],        # unchanged
                 [TAX[1], "Công ty B đổi tên", "G", "452", "vừa", "ngoài Nhà nước"],  # changed
                 [TAX[2], "Công ty C", "F", "18880", "nhỏ", "FDI"],                 # new
                 [TAX[3], "Công ty D", "A", "19249", "lớn", "Nhà nước"]]).encode()  # new
DIGEST = hashlib.sha256(FILE).hexdigest()


def check(con, data, name="f.csv"):
    return check_file(con, ENT, name, data, limits=Limits(archive_dir=""), today=dt.date(2026, 11, 26))[1]


def data_tables(con):
    snap = snapshot(con)
    return {t: snap[t] for t in DATA_TABLES}


@pytest.fixture
def db(con):
    insert(con, "enterprises", EXISTING)
    return con


def test_preview_counts_new_changed_unchanged_with_before_and_after(db):
    summary = preview(db, check(db, FILE), FILE)
    assert (summary.new, summary.changed, summary.unchanged, summary.rejected) == (2, 1, 1, 0)
    assert summary.changes.to_dict("records") == [
        {"key": TAX[1], "column": "Tên doanh nghiệp", "before": "Công ty B", "after": "Công ty B đổi tên"},
        {"key": TAX[1], "column": "Quy mô", "before": "micro", "after": "medium"}]
    assert summary.duplicate_of is None


def test_commit_then_undo_restores_the_database_exactly(db, tmp_path):
    before = data_tables(db)
    result = commit(db, check(db, FILE), "../../etc/dn 2025.csv", FILE, "lan", archive_dir=tmp_path)
    assert (result.added, result.changed, result.unchanged) == (2, 1, 1)
    rows = dict(db.execute("SELECT tax_code, name FROM enterprises").fetchall())
    assert rows[TAX[1]] == "Công ty B đổi tên" and rows[TAX[3]] == "Công ty D"
    log = history(db).iloc[0]
    assert (log["file_name"], log["uploaded_by"], log["rows_added"], log["rows_changed"]) == ("dn 2025.csv", "lan", 2, 1)
    archived = list(tmp_path.rglob("*.csv"))
    assert len(archived) == 1 and archived[0].read_bytes() == FILE
    assert preview(db, check(db, FILE), FILE).duplicate_of == result.upload_id

    undo_id = undo(db, result.upload_id, "lan")
    assert data_tables(db) == before
    log = history(db)
    assert log.iloc[0]["kind"] == "undo" and log.iloc[0]["undo_of"] == result.upload_id
    assert log.set_index("id").at[result.upload_id, "status"] == "undone" and undo_id == log.iloc[0]["id"]
    with pytest.raises(CommitRefused, match="đã được hoàn tác"):
        undo(db, result.upload_id, "lan")


def test_nothing_is_written_while_a_file_has_errors_unless_valid_rows_are_chosen(db, tmp_path):
    bad = csv_text([EH, [TAX[2], "Công ty C", "C", "450", "nhỏ", "FDI"],
                    [TAX[3], "Công ty D", "ZZ", "450", "nhỏ", "FDI"]]).encode()
    checked = check(db, bad)
    before = snapshot(db)
    with pytest.raises(CommitRefused, match="Tệp còn 1 lỗi nên chưa ghi gì"):
        commit(db, checked, "bad.csv", bad, "lan", archive_dir=tmp_path)
    assert snapshot(db) == before
    result = commit(db, checked, "bad.csv", bad, "lan", only_valid=True, archive_dir=tmp_path)
    assert (result.added, result.rejected) == (1, 1)
    assert db.execute("SELECT count(*) FROM enterprises WHERE tax_code = $t", {"t": TAX[3]}).fetchall() == [(0,)]


def test_undo_is_refused_while_a_later_upload_changed_the_same_rows(db):
    first = commit(db, check(db, FILE), "1.csv", FILE, "lan")
    second_file = FILE.replace("Công ty C".encode(), "Công ty C mới".encode())
    second = commit(db, check(db, second_file), "2.csv", second_file, "lan")
    with pytest.raises(CommitRefused, match=f"Lần cập nhật số {second.upload_id} sau đó đã sửa"):
        undo(db, first.upload_id, "lan")
    undo(db, second.upload_id, "lan")
    undo(db, first.upload_id, "lan")
    assert sorted(r[0] for r in db.execute("SELECT name FROM enterprises").fetchall()) == ["Công ty A", "Công ty B"]


def test_two_uploads_committed_at_once_from_two_threads_lose_nothing(tmp_path, plan):
    con = open_database(str(tmp_path / "c.duckdb"), plan)
    files = [csv_text([EH] + [[code, f"DN {code}", "C", "450", "nhỏ", "FDI"] for code in TAX[i::2]]).encode()
             for i in (0, 1)]
    checked = [check(con, f) for f in files]
    start = threading.Barrier(2)
    errors = []

    def run(i):
        start.wait()
        try:
            commit(con, checked[i], f"{i}.csv", files[i], f"user{i}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(r[0] for r in con.execute("SELECT tax_code FROM enterprises").fetchall()) == sorted(TAX)
    assert con.execute("SELECT count(*) FROM uploads").fetchall() == [(2,)]
    con.close()


def _killed_commit(tmp_path, plan):
    """A database with two enterprises, and a process killed inside its commit of FILE, after the
    original was archived and the rows written, before COMMIT. Returns (database path, archive
    folder, the database's snapshot before the commit)."""
    path, folder = tmp_path / "k.duckdb", tmp_path / "a"
    con = open_database(str(path), plan)
    insert(con, "enterprises", EXISTING)
    before = snapshot(con)
    con.close()
    (tmp_path / "f.csv").write_bytes(FILE)
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        import duckdb
        from nscl.ingest.commit import commit
        from nscl.datasets import DATASETS
        from nscl.ingest.pipeline import check_file

        def pause():  # the rows are written inside the open transaction: the test kills us here
            print("PAUSED", flush=True)
            time.sleep(60)

        con = duckdb.connect({str(path)!r})
        data = open({str(tmp_path / "f.csv")!r}, "rb").read()
        _, checked = check_file(con, DATASETS["enterprises"], "f.csv", data)
        commit(con, checked, "f.csv", data, "test", archive_dir={str(folder)!r}, before_commit=pause)
    """)
    env = dict(os.environ)
    proc = subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "PAUSED"  # rows already written inside the transaction
    finally:
        proc.kill()
        proc.wait()
    return path, folder, before


def archived_files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_a_process_killed_in_the_middle_of_a_commit_leaves_the_database_as_it_was(tmp_path, plan):
    path, folder, before = _killed_commit(tmp_path, plan)
    con = duckdb.connect(str(path))
    assert snapshot(con) == before
    con.close()
    # What it archived is only a temporary file, which no upload names.
    [left] = archived_files(folder)
    assert left.endswith(".part") and left.startswith(DIGEST[:2] + "/" + DIGEST + ".csv.")


@pytest.mark.parametrize("next_step", ["commit", "start"])
def test_after_a_killed_commit_the_next_commit_or_start_leaves_no_unrecorded_original(tmp_path, plan, next_step):
    from nscl.settings import Settings
    from nscl.ui.data import _connection, _swept_on_start, database

    path, folder, _ = _killed_commit(tmp_path, plan)
    other = csv_text([EH, [TAX[2], "Công ty C", "F", "18880", "nhỏ", "FDI"]]).encode()
    if next_step == "commit":
        con = open_database(str(path), plan)
        commit(con, check(con, other), "khac.csv", other, "lan", archive_dir=folder)
    else:  # the app's first page opening the database
        _connection.clear()
        _swept_on_start.clear()
        con, _ = database(Settings(db_path=str(path), plans_dir=str(PLANS_DIR), archive_dir=str(folder)))
    named = sorted(Path(p).relative_to(folder).as_posix()
                   for (p,) in con.execute("SELECT archive_path FROM uploads").fetchall())
    assert archived_files(folder) == named
    assert named == ([f"{hashlib.sha256(other).hexdigest()[:2]}/{hashlib.sha256(other).hexdigest()}.csv"]
                     if next_step == "commit" else [])
    if next_step == "start":
        _connection.clear()
        _swept_on_start.clear()
    con.close()


def test_originals_are_readable_by_the_app_only(db, tmp_path):
    folder = tmp_path / "a"
    commit(db, check(db, FILE), "dn.csv", FILE, "lan", archive_dir=folder)
    [original] = [p for p in folder.rglob("*") if p.is_file()]
    assert original.name == f"{DIGEST}.csv" and original.read_bytes() == FILE
    assert stat.S_IMODE(original.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(original.parent.stat().st_mode) == 0o700
    assert db.execute("SELECT archive_path FROM uploads").fetchall() == [(str(original),)]


def test_the_sweep_finishes_a_rename_a_kill_interrupted_and_fixes_older_originals(db, tmp_path):
    """A kill between COMMIT and the rename leaves the original under its temporary name while the
    history names its final path: it is put in place. Originals archived by an older version
    (0644) are made private; one no upload names (an older version's killed commit, or a database
    restored from an older copy) is set aside in unreferenced/, never deleted; a live process's
    temporary file and files that are not originals are left alone."""
    folder = tmp_path / "a"
    commit(db, check(db, FILE), "dn.csv", FILE, "lan", archive_dir=folder)
    final = folder / DIGEST[:2] / f"{DIGEST}.csv"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)
    interrupted = final.with_name(f"{final.name}.{dead}-{'0' * 32}.part")
    final.rename(interrupted)
    os.chmod(interrupted, 0o644)
    stray = folder / "ab" / ("ab" + "1" * 62 + ".xlsx")
    stray.parent.mkdir()
    stray.write_bytes(b"old")
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = folder / "ab" / f"{'ab' + '2' * 62}.csv.{running.pid}-{'1' * 32}.part"
        live.write_bytes(b"in flight")
        (folder / "README.txt").write_text("not an original")
        assert sweep_archive(db, folder) == [stray]
        assert archived_files(folder) == sorted(["README.txt", f"{DIGEST[:2]}/{DIGEST}.csv", live.relative_to(
            folder).as_posix(), f"unreferenced/{stray.name}"])
        assert (folder / "unreferenced" / stray.name).read_bytes() == b"old"
        assert stat.S_IMODE((folder / "unreferenced").stat().st_mode) == 0o700
        assert final.read_bytes() == FILE and stat.S_IMODE(final.stat().st_mode) == 0o600
    finally:
        running.kill()
        running.wait()
    assert sweep_archive(db, folder) == [live]  # its process is gone now


def test_an_archive_folder_that_cannot_be_written_refuses_the_commit_and_writes_nothing(db, tmp_path):
    blocked = tmp_path / "a"
    blocked.write_text("a file where the folder should be")
    before = snapshot(db)
    with pytest.raises(CommitRefused, match="Không lưu được bản gốc của tệp vào thư mục lưu trữ"):
        commit(db, check(db, FILE), "dn.csv", FILE, "lan", archive_dir=blocked)
    assert snapshot(db) == before


def test_commit_and_undo_rebuild_the_analytics_tables_in_the_same_transaction(db):
    from nscl import analytics

    analytics.refresh(db)
    result = commit(db, check(db, FILE), "f.csv", FILE, "lan")
    assert analytics.is_current(db)
    assert db.execute("SELECT count(*) FROM analytics_support_firm_year").fetchall() == [(0,)]
    undo(db, result.upload_id, "lan")
    assert analytics.is_current(db)


def test_staff_undo_only_their_own_uploads_and_administrators_anyones(db):
    result = commit(db, check(db, FILE), "dn.csv", FILE, "lan")
    before = data_tables(db)
    with pytest.raises(CommitRefused) as refused:
        undo(db, result.upload_id, "hoa")  # another member of staff
    assert str(refused.value) == (f"Lần cập nhật #{result.upload_id} do lan thực hiện. Nhân viên chỉ hoàn tác được "
                                  "lần cập nhật của chính mình; hãy nhờ quản trị viên.")
    assert refused.value.text("en") == (f"Upload #{result.upload_id} was made by lan. Staff can undo only their own "
                                        "uploads; ask an administrator.")
    assert data_tables(db) == before and history(db).iloc[0]["status"] == "committed"
    undo_id = undo(db, result.upload_id, "an", admin=True)
    log = history(db).set_index("id")
    # The history says who undid what, and when.
    assert (log.at[result.upload_id, "status"], log.at[result.upload_id, "undone_by"]) == ("undone", "an")
    assert log.at[result.upload_id, "undone_at"] is not None
    assert (log.at[undo_id, "kind"], log.at[undo_id, "uploaded_by"], log.at[undo_id, "undo_of"]) == (
        "undo", "an", result.upload_id)
