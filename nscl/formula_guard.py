"""The formula guard of every file a user downloads (CSV injection, OWASP): text that a spreadsheet
would run as a formula gets a leading apostrophe, so it shows as the text it is.

Only text goes through it; a number is written as a number by its writer and never reaches it.
A spreadsheet runs a cell that starts, after any leading spaces or control characters (which Excel
and LibreOffice skip), with =, +, - or @; and OWASP counts a leading tab or carriage return as a
start too. Text that is a plain number ("-3", "-2,5", "+84", "-5,0%") is read as that number, never
run, and is left as written. Imports nothing of the project: the ingest side and the downloads use it.
"""
from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@")
# Leading characters a spreadsheet skips before reading a formula: spaces, tabs, line breaks and
# the other C0 controls, no-break and other Unicode spaces.
_SKIPPED = re.compile(r"^[\x00-\x20\x7f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]*")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could run this text (see the module's note)."""
    if text.startswith(("\t", "\r")):
        return True
    rest = text[_SKIPPED.match(text).end():]
    return rest.startswith(TRIGGERS) and not _PLAIN_NUMBER.fullmatch(rest)


def neutralise(value):
    """Text that a spreadsheet would run, with a leading apostrophe; anything else as it is."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value
