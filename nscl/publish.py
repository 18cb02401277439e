"""The published edition: a static site of the plan's cards, target pages and downloads, in
Vietnamese at the root and English under en/, that any static server can serve to any number of
readers (`python -m nscl publish -o DIR`).

Content comes from nscl/present/edition.py (the app's cards, charts and texts); this module reads
the database, renders the Jinja2 templates in nscl/published/ (autoescaped: text from data stays
text) and writes files. The whole edition is built in a new folder beside DIR; DIR is a symbolic
link that is then replaced in one rename (os.replace), so a reader sees the old edition or the new
one, never half of one. The previous build stays until the next publication for readers still on it."""
from __future__ import annotations

import datetime as dt
import fcntl
import gzip
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import jinja2
import plotly

from . import quality
from .filters import Filters
from .i18n import LANGS, fmt_date, t
from .indicators import compute_all
from .meeting import notes_data
from .plan import Plan
from .present import edition
from .present.labels import Labeller
from .present.slides import card_notes
from .settings import DATA_DIR, Settings
from .spreadsheets import to_csv_bytes, to_xlsx_bytes
from .sql import library

TEMPLATES = Path(__file__).resolve().parent / "published"
PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
PREFIX = {"vi": "", "en": "en/"}  # each language's folder in the edition


class EditionError(Exception):
    """DIR cannot take an edition (it is a folder or file of something else); nothing was changed."""


@dataclass(frozen=True)
class Published:
    path: Path        # DIR (the link)
    build: Path       # the folder it now points to
    build_id: str
    pages: int


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["t"] = t
    return env


def data_date(states: dict[str, quality.DatasetState]) -> dt.datetime | None:
    """When the data last changed (UTC): the latest upload still in effect of any dataset."""
    days = [s.last_changed for s in states.values() if s.last_changed is not None]
    return max(days) if days else None


def build(con: duckdb.DuckDBPyConnection, plan: Plan, as_of: dt.date, folder: Path,
          generated: dt.datetime | None = None, build_id: str | None = None) -> int:
    """Write the edition's files into `folder` (which exists and is empty); the number of pages."""
    generated = generated or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    build_id = build_id or f"{generated:%Y%m%dT%H%M%S}-{secrets.token_hex(4)}"
    env = _environment()
    states = quality.states(con)
    updated = data_date(states)
    current = plan.phase_for(as_of).id
    results = {p.id: compute_all(con, plan, p, as_of) for p in plan.phases}
    rows = breakdown_rows(con, plan, as_of)
    queries = library()
    sectors = queries.df(con, "sector_labels")
    places = queries.df(con, "place_labels", provinces=list(Settings.from_env().provinces))
    (folder / "assets").mkdir()
    shutil.copyfile(PLOTLY_JS, folder / "assets" / "plotly.min.js")
    shutil.copyfile(DATA_DIR / "favicon.png", folder / "assets" / "favicon.png")  # the app's own icon
    for name in ("edition.css", "edition.js"):
        shutil.copyfile(TEMPLATES / name, folder / "assets" / name)
    # Text assets precompressed once, served as they are by nginx (gzip_static) or a CDN.
    for asset in [a for a in (folder / "assets").iterdir() if a.suffix != ".png"]:
        with open(asset, "rb") as raw, gzip.GzipFile(asset.with_name(asset.name + ".gz"), "wb", 6, mtime=0) as packed:
            shutil.copyfileobj(raw, packed)
    pages = 0
    notes = notes_data(con, plan, as_of)
    for lang in LANGS:
        phases = [edition.phase_view(plan, p.id, results[p.id], card_notes(plan, p.id, as_of, lang, notes), lang,
                                     as_of, n) for n, p in enumerate(plan.phases, start=1)]
        base = dict(plan=plan, lang=lang, as_of=as_of, build_id=build_id, phases=phases,
                    stamp=edition.stamp(updated, as_of, generated, lang), fmt_date=fmt_date)
        for view in phases:
            home = view.phase_id == current
            pages += _page(env, folder, lang, "overview.html", f"p/{view.slug}/index.html", base, phase=view,
                           home=False)
            if home:
                pages += _page(env, folder, lang, "overview.html", "index.html", base, phase=view, home=True)
            for target in view.targets:
                stem = f"p/{view.slug}/{target.slug}"
                title = [target.card.name, f"{plan.place(lang)} · {t('phase', lang)} {view.phase_id}",
                         f"{t('as_of', lang)} {fmt_date(as_of)}"]
                out = folder / PREFIX[lang] / stem
                out.with_suffix(".csv").write_bytes(to_csv_bytes(target.table, lang))
                out.with_suffix(".xlsx").write_bytes(to_xlsx_bytes(target.table, lang=lang, title=title))
                pages += _page(env, folder, lang, "target.html", f"{stem}.html", base, phase=view, target=target,
                               cells=edition.table_cells(target.table, lang))
            labeller = Labeller(sectors, places, lang)
            views = [edition.breakdown_view(source, dimension, frame, labeller, view.phase_id, plan.place(lang), lang)
                     for (source, dimension), frame in rows.items()]
            for b in views:
                out = folder / PREFIX[lang] / f"p/{view.slug}/{b.slug}"
                title = [b.title, f"{plan.place(lang)} · {t('phase', lang)} {view.phase_id}",
                         f"{t('as_of', lang)} {fmt_date(as_of)}"]
                out.with_suffix(".csv").write_bytes(to_csv_bytes(b.table, lang))
                out.with_suffix(".xlsx").write_bytes(to_xlsx_bytes(b.table, lang=lang, title=title))
            pages += _page(env, folder, lang, "breakdowns.html", f"p/{view.slug}/breakdowns.html", base, phase=view,
                           breakdowns=[(b, edition.table_cells(b.table, lang)) for b in views])
    return pages


def breakdown_rows(con: duckdb.DuckDBPyConnection, plan: Plan, as_of: dt.date) -> dict:
    """(source, dimension) -> the rows of its query from the first phase's start to the as-of date,
    with the app's parameters and no filter: the browse pages' phase × sector view, by place alike."""
    queries, out = library(), {}
    for source in edition.SOURCES:
        dates = (dict(date_from=plan.phases[0].start, date_to=as_of) if source.dates == "range" else dict(as_of=as_of))
        extra = {"standard": None} if "standard" in queries.get(source.query).params else {}
        for dimension in edition.DIMENSIONS:
            out[(source, dimension)] = queries.df(con, source.query, plan_id=plan.id, dimension=dimension,
                                                  **dates, **extra, **Filters(plan=plan.id).sql())
    return out


def _page(env: jinja2.Environment, folder: Path, lang: str, template: str, path: str, base: dict, **values) -> int:
    """Render one page at `path` (within the language's folder); links in it are relative."""
    depth = path.count("/") + (1 if PREFIX[lang] else 0)
    root = "../" * depth
    other = "en" if lang == "vi" else "vi"
    html = env.get_template(template).render(**base, **values, root=root, here=path,
                                             other_lang=other, other_url=f"{root}{PREFIX[other]}{path}")
    out = folder / PREFIX[lang] / path
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return 1


def publish(con: duckdb.DuckDBPyConnection, plan: Plan, as_of: dt.date, path: str | Path) -> Published:
    """Build the edition beside `path` and make `path` (a symbolic link) point to it in one step.
    `path` must be absent, an empty folder or a link made by an earlier publication. Two
    publications of the same folder at once (the app after a commit, staff by hand) take turns."""
    path = Path(path).absolute()
    parent = path.parent
    parent.mkdir(parents=True, exist_ok=True)
    with open(parent / f".{path.name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _publish_locked(con, plan, as_of, path)


def _publish_locked(con: duckdb.DuckDBPyConnection, plan: Plan, as_of: dt.date, path: Path) -> Published:
    parent = path.parent
    if path.is_symlink():
        previous = parent / os.readlink(path)
    elif path.exists():
        if not path.is_dir() or any(path.iterdir()):
            raise EditionError(str(path))
        path.rmdir()
        previous = None
    else:
        previous = None
    generated = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    build_id = f"{generated:%Y%m%dT%H%M%S}-{secrets.token_hex(4)}"
    work = Path(tempfile.mkdtemp(prefix=f".{path.name}.tmp-", dir=parent))
    try:
        pages = build(con, plan, as_of, work, generated, build_id)
        _readable(work)
        final = parent / f".{path.name}.{build_id}"
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    link = parent / f".{path.name}.link-{build_id}"
    link.symlink_to(final.name)  # relative: the folder can be moved or copied whole
    os.replace(link, path)
    _remove_old(path, keep={final.name, previous.name if previous else ""})
    return Published(path, final, build_id, pages)


def _readable(folder: Path) -> None:
    """Folders 755 and files 644 whatever the umask: a web server under another user reads them
    (mkdtemp makes its folder private)."""
    folder.chmod(0o755)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(parent, name), 0o755)
        for name in files:
            os.chmod(os.path.join(parent, name), 0o644)


def _remove_old(path: Path, keep: set[str]) -> None:
    """Builds older than the current and the previous one (a reader may still be on that one),
    and folders of builds that failed half-way."""
    for entry in path.parent.iterdir():
        if not entry.name.startswith(f".{path.name}.") or entry.name in keep:
            continue
        if entry.is_symlink():
            if entry.name.startswith(f".{path.name}.link-"):  # left by a publication stopped half-way
                entry.unlink(missing_ok=True)
        elif entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


# After each commit or undo (nscl.ui.clear_caches): publish again in the background unless staff
# have put the edition under embargo; the outcome is kept beside the edition for staff to read.

def _beside(path: str | Path, what: str) -> Path:
    path = Path(path).absolute()
    return path.parent / f".{path.name}.{what}"


def embargoed(path: str | Path) -> bool:
    """True when staff publish by hand: a commit or undo does not change the published edition."""
    return _beside(path, "embargo").exists()


def set_embargo(path: str | Path, on: bool) -> None:
    marker = _beside(path, "embargo")
    marker.parent.mkdir(parents=True, exist_ok=True)
    if on:
        marker.touch()
    else:
        marker.unlink(missing_ok=True)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    at: dt.datetime          # UTC
    build_id: str = ""
    incident: str = ""       # the code the server log gives the failure under (no detail to viewers)


def last_outcome(path: str | Path) -> Outcome | None:
    """What the last publication by the app did (None before the first)."""
    import json

    try:
        data = json.loads(_beside(path, "status.json").read_text(encoding="utf-8"))
        return Outcome(bool(data["ok"]), dt.datetime.fromisoformat(data["at"]), data.get("build_id", ""),
                       data.get("incident", ""))
    except (OSError, ValueError, KeyError):
        return None


def _record(path: str | Path, outcome: Outcome) -> None:
    import json

    status = _beside(path, "status.json")
    temporary = status.with_name(status.name + ".tmp")
    temporary.write_text(json.dumps({"ok": outcome.ok, "at": outcome.at.isoformat(), "build_id": outcome.build_id,
                                     "incident": outcome.incident}), encoding="utf-8")
    os.replace(temporary, status)


def publish_and_record(con: duckdb.DuckDBPyConnection, plan: Plan, as_of: dt.date, path: str | Path) -> Outcome:
    """Publish, and keep the outcome beside the edition; a failure is logged under an incident
    code and recorded, never raised (the commit that asked for it is done already)."""
    import logging

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    try:
        done = publish(con, plan, as_of, path)
        outcome = Outcome(True, now, done.build_id)
    except Exception:
        incident = secrets.token_hex(4)
        logging.getLogger("nscl.publish").exception("publishing the edition failed (incident %s)", incident)
        outcome = Outcome(False, now, incident=incident)
    finally:
        con.close()
    try:
        _record(path, outcome)
    except OSError:
        logging.getLogger("nscl.publish").exception("recording the edition's outcome failed")
    return outcome


def republish_in_background(con: duckdb.DuckDBPyConnection, plan: Plan, path: str | Path,
                            as_of: dt.date | None = None):
    """Start publishing on a thread of its own (con: a cursor of its own, closed when done) unless
    the edition is under embargo; the thread (to wait for in tests), or None when embargoed."""
    import threading

    if embargoed(path):
        con.close()
        return None
    thread = threading.Thread(target=publish_and_record, name="nscl-edition", daemon=True,
                              args=(con, plan, as_of or dt.date.today(), path))
    thread.start()
    return thread
