"""What the app writes is readable by the app's own account only: the database, its WAL (which
DuckDB creates again after every checkpoint), the sign-in attempts and published snapshots; and a
snapshot carries nothing about sign-ins."""
import subprocess
import sys
import textwrap

from nscl.settings import ROOT

WRITER = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    os.umask(0o022)  # the usual umask: files 0644, folders 0755 unless the code says otherwise
    from nscl.attempts import AttemptStore
    from nscl.connect import open_database
    from nscl.plan import load_plan_by_id
    from nscl.settings import PLANS_DIR
    from nscl.snapshot import publish
    state = Path(sys.argv[1])
    con = open_database(str(state / "db" / "nscl.duckdb"), load_plan_by_id("quang-binh-676", PLANS_DIR))
    con.execute("INSERT INTO meta VALUES ('a', '1')")
    con.execute("CHECKPOINT")  # DuckDB drops the WAL here ...
    con.execute("INSERT INTO meta VALUES ('b', '2')")  # ... and writes a new one here
    print(oct((state / "db" / "nscl.duckdb.wal").stat().st_mode & 0o777))  # gone once closed
    publish(con, state / "published" / "snapshot")
    store = AttemptStore(state / "attempts.sqlite3")
    import datetime as dt
    from nscl.attempts import Throttle
    store.begin("lan", "ip:203.0.113.7", dt.datetime(2026, 11, 26, 9), Throttle())
    con.close()
""")


def modes(folder):
    return {str(p.relative_to(folder)): oct(p.stat().st_mode & 0o777) for p in sorted(folder.rglob("*"))}


def test_database_wal_attempts_and_snapshots_are_private_from_the_first_byte(tmp_path):
    done = subprocess.run([sys.executable, "-c", WRITER, str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0o600"]  # the WAL written after the checkpoint
    found = modes(tmp_path)
    assert found["db"] == "0o700" and found["db/nscl.duckdb"] == "0o600"
    assert found["published"] == found["published/snapshot"] == "0o700"
    assert found["attempts.sqlite3"] == "0o600"
    others = {name: mode for name, mode in found.items() if mode not in ("0o600", "0o700")}
    assert others == {}, others  # the snapshot's every file, the attempts' WAL and shared memory too
    snapshot = tmp_path / "published" / "snapshot"
    assert len(list(snapshot.glob("*.parquet"))) > 10


def test_a_snapshot_holds_nothing_about_sign_ins(tmp_path, plan):
    from nscl.connect import open_database
    from nscl.snapshot import open_snapshot, publish

    con = open_database(str(tmp_path / "w.duckdb"), plan)
    folder = publish(con, tmp_path / "snapshot")
    con.close()
    tables = {row[0] for row in open_snapshot(folder).execute("SELECT table_name FROM information_schema.tables")
              .fetchall()}
    assert "uploads" in tables and not {t for t in tables if "login" in t or "attempt" in t}
    assert "login" not in (folder / "schema.sql").read_text() and not list(folder.glob("*login*"))
