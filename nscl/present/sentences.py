"""Sentences of an official text built one way: clauses joined, a clause inside a sentence starting in
lower case, exactly one full stop at the end (the Word report, nscl/present/report.py). Pure functions."""
from __future__ import annotations

ENDINGS = ("!", "?", "…")


def lower_first(text: str) -> str:
    """The text with its first letter in lower case when it starts a sentence-case word ("Không có" ->
    "không có"); an acronym or code ("ISO 9001", "QUACERT", "H2") is kept as written."""
    text = text.strip()
    quote = text[:1] if text[:1] in "«“\"(" else ""  # «Khoảng 10» -> «khoảng 10»
    word = text[len(quote):].split(" ", 1)[0].rstrip("»”\"),:;")
    if word[:1].isupper() and (len(word) == 1 or word[1:].replace("-", "").isalpha() and word[1:].islower()):
        return quote + text[len(quote)].lower() + text[len(quote) + 1:]
    return text


def upper_first(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def _bare(clause: str) -> str:
    """A clause without its closing full stops and spaces."""
    return clause.strip().rstrip(". ").rstrip()


def sentence(*clauses: str | None, sep: str = "; ") -> str:
    """One sentence of the clauses given (empty ones left out): joined by `sep`, the first capitalised,
    the others starting in lower case, ending with exactly one full stop; "" when no clause is left."""
    parts = [_bare(c) for c in clauses if c and _bare(c)]
    if not parts:
        return ""
    text = sep.join([upper_first(parts[0]), *(lower_first(p) for p in parts[1:])])
    return text if text.endswith(ENDINGS) else text + "."


def labelled(label: str, text: str | None) -> str:
    """"Đánh giá: không đạt": a label and the text it introduces, in lower case after the colon."""
    return f"{label}: {lower_first(text)}" if text and text.strip() else label


def paragraph(*sentences: str | None) -> str:
    """Sentences one after another (empty ones left out), each with exactly one full stop."""
    return " ".join(s for s in (sentence(x) for x in sentences) if s)


def inline(text: str) -> str:
    """A short text of a card (its parts joined by " · ") written inside a sentence: "trên 200 lượt người
    (2021-2025), đạt khi từ 201"."""
    return text.replace(" · ", ", ")
