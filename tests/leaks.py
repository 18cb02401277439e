"""What a viewer must never read on a page: a traceback, a server path or file name, a process
id, an exception's English name. Every text of every element AppTest received is searched."""
from __future__ import annotations

import re

from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from nscl.settings import ROOT

FORBIDDEN = [
    ("traceback", re.compile(r"Traceback|File \"")),
    ("exception name", re.compile(r"\b\w+(?:Error|Exception)\b|IO Error")),
    ("process id", re.compile(r"\bPID\b|\(pid ", re.IGNORECASE)),
    ("server path", re.compile(r"(?<![\w.:/])/(?:tmp|root|home|usr|work|srv|var|opt|etc|proc)/")),
    ("file name", re.compile(r"\w\.(?:py|duckdb|sql|toml|parquet)\b")),
    ("errno", re.compile(r"\[Errno")),
]


def shown_texts(at: AppTest) -> list[str]:
    """The protobuf text of every element on the page (main, sidebar, toasts)."""
    return [text_format.MessageToString(node.proto, as_utf8=True)
            for node in at._tree if getattr(node, "proto", None) is not None]


# The indicator catalogue names each indicator's query by its place in the repository, on purpose
# (an analyst can read how a figure is computed): that is not the server's file system.
REPOSITORY_QUERY = re.compile(r"\bqueries/[a-z_]+/[a-z0-9_]+\.sql\b")


def leaks(at: AppTest, *secrets: str) -> list[str]:
    """What the page shows that it must not: (what, excerpt) for each find; `secrets` are
    strings (a temporary folder, a database path) that must not appear either."""
    found = []
    secrets = tuple(s for s in (*secrets, str(ROOT)) if s)
    for text in shown_texts(at):
        text = REPOSITORY_QUERY.sub("(query)", text)
        for what, pattern in FORBIDDEN:
            for match in pattern.finditer(text):
                found.append(f"{what}: {text[max(0, match.start() - 60):match.end() + 60]!r}")
        found += [f"secret: {s}" for s in secrets if s in text]
    return found
