"""Staff commentary on a target for one period: results, causes of shortfalls, next steps.

Plain text, up to MAX_CHARS characters per part. Every save adds a version of each part that
changed (nothing is overwritten); the one shown for an as-of date is the latest version written
for that date or an earlier one. Shown as text everywhere (never as Markdown or HTML)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from .db import transaction
from .i18n import Message, MessageError
from .sql import QueryLibrary, library

PARTS = ("results", "causes", "solutions")
MAX_CHARS = 4000  # per part; documented in docs/data-quality.md
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class CommentRefused(MessageError):
    """Nothing was saved; `text(lang)` says why."""


@dataclass(frozen=True)
class Comment:
    parts: tuple[tuple[str, str], ...]  # (part, text) in PARTS order, parts never written left out
    author: str                         # who wrote the most recent part
    written_at: dt.datetime             # when the most recent part was written
    oldest_at: dt.datetime              # when the oldest part shown was written
    as_of: dt.date                      # the as-of date the most recent part was written for
    version: int                        # the highest version among the parts shown

    def text(self, part: str) -> str:
        return dict(self.parts).get(part, "")


def clean(text: str | None) -> str:
    """Plain text as typed, without control characters (line breaks and tabs kept) or outer spaces."""
    return _CONTROL.sub("", (text or "").replace("\r\n", "\n")).strip()


def latest(con: duckdb.DuckDBPyConnection, plan_id: str, as_of: dt.date,
           queries: QueryLibrary | None = None) -> dict[tuple[str, str], Comment]:
    """(target id, period id) -> the comment shown for the as-of date."""
    frame = (queries or library()).df(con, "comments_latest", plan_id=plan_id, as_of=as_of)
    out = {}
    for (target_id, period_id), rows in frame.groupby(["target_id", "period_id"], sort=False):
        by_part = {r.part: r for r in rows.itertuples(index=False)}
        newest = max(by_part.values(), key=lambda r: (r.created_at, r.version))
        out[(target_id, period_id)] = Comment(
            parts=tuple((p, by_part[p].body) for p in PARTS if p in by_part),
            author=newest.author, written_at=pd.Timestamp(newest.created_at).to_pydatetime(),
            oldest_at=pd.Timestamp(min(r.created_at for r in by_part.values())).to_pydatetime(),
            as_of=pd.Timestamp(newest.as_of).date(), version=int(max(r.version for r in by_part.values())))
    return out


def versions(con: duckdb.DuckDBPyConnection, plan_id: str, target_id: str, period_id: str,
             queries: QueryLibrary | None = None) -> pd.DataFrame:
    return (queries or library()).df(con, "comment_versions", plan_id=plan_id, target_id=target_id,
                                     period_id=period_id)


def save(con: duckdb.DuckDBPyConnection, plan_id: str, target_id: str, period_id: str, as_of: dt.date,
         texts: dict[str, str], author: str, now: dt.datetime | None = None) -> list[str]:
    """Add a version of every part whose text changed, all or nothing; returns the parts saved.
    Refused (nothing saved) when a changed part is empty or longer than MAX_CHARS, or nothing changed.
    `now` (when it was written) is UTC, like the upload log's times: compared with them and shown in
    Vietnam time."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    shown = latest(con, plan_id, as_of).get((target_id, period_id))
    changed = {}
    for part in PARTS:
        text = clean(texts.get(part))
        if text == (shown.text(part) if shown else ""):
            continue
        if not text:
            raise CommentRefused("comment_empty", part=Message(f"comment_part_{part}", {}))
        if len(text) > MAX_CHARS:
            raise CommentRefused("comment_too_long", part=Message(f"comment_part_{part}", {}), n=len(text),
                                 limit=MAX_CHARS)
        changed[part] = text
    if not changed:
        raise CommentRefused("comment_unchanged")
    cur = con.cursor()
    try:
        with transaction(cur):
            for part, text in changed.items():
                cur.execute(
                    "INSERT INTO target_comments (plan_id, target_id, period_id, as_of, part, body, author, created_at, version) "
                    "SELECT $plan, $target, $period, $as_of, $part, $body, $author, $now, coalesce(max(version), 0) + 1 "
                    "FROM target_comments WHERE plan_id = $plan AND target_id = $target AND period_id = $period AND part = $part",
                    {"plan": plan_id, "target": target_id, "period": period_id, "as_of": as_of, "part": part,
                     "body": text, "author": author, "now": now})
    finally:
        cur.close()
    return list(changed)
