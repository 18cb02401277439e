"""Turning a CSV's bytes into text: by its byte-order mark, as UTF-8, or else by a guess.

The guess is Windows-1258, what Excel's plain "CSV" writes on Vietnamese Windows (base letters
followed by separate tone marks, put together by NFC). Any single-byte file decodes under it, so a
guessed text is checked: Latin-1 or TCVN3 bytes read as Windows-1258 give characters Vietnamese
never uses (a tone mark left on its own after a consonant, "Ḥ" for "Hò"), and such a file is
refused with the fix (save as CSV UTF-8) instead of being stored as mojibake. A guess that passes
is still said to the user with a sample line (reading.py), since a few Latin-1 letters (ã, õ, ý)
become other Vietnamese letters (ă, ơ, ư) that no check can tell from real ones.
"""
from __future__ import annotations

import re
import unicodedata

from ..i18n import Message
from .sandbox import ReadError

GUESSED = "Windows-1258"
# Vowels with the shapes they take in Vietnamese (breve, circumflex, horn) and the five tone marks,
# written as combining marks so that the letters are built, not typed.
_SHAPES = {"a": "\u0306\u0302", "e": "\u0302", "i": "", "o": "\u0302\u031b", "u": "\u031b", "y": ""}
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Punctuation that Vietnamese text in Excel really holds beyond ASCII: no-break space, dashes,
# curly quotes, ellipsis, bullet, degree, multiplication sign, euro, middle dot, numero.
_PUNCTUATION = "\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u00b0\u00d7\u20ac\u00b7\u2116"
SHOWN_CHARACTERS = 5
SAMPLE_CHARS = 120


def vietnamese_letters() -> frozenset[str]:
    """Every precomposed Vietnamese letter with a diacritic, both cases, and đ/Đ."""
    lower = {unicodedata.normalize("NFC", base + shape + tone)
             for base, shapes in _SHAPES.items() for shape in ("", *shapes) for tone in ("", *_TONES)}
    lower = (lower - set(_SHAPES)) | {chr(0x111)}  # d with stroke
    return frozenset(lower | {ch.upper() for ch in lower})


_FOREIGN = re.compile("[^\t\r\n\x20-\x7e" + re.escape("".join(sorted(vietnamese_letters())) + _PUNCTUATION) + "]")


def decode(data: bytes) -> tuple[str, str]:
    """NFC text and the encoding's name: UTF-8 (with or without BOM), UTF-16 (Excel "Unicode
    text"), or Windows-1258 (`GUESSED`, checked by `check_guess`)."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text, encoding = data[3:].decode("utf-8", errors="strict"), "UTF-8 BOM"
        except UnicodeDecodeError as exc:
            raise ReadError(bad_utf8("read_bad_utf8", data, exc.start + 3, exc.end + 3)) from None
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise ReadError("read_utf16_broken") from None
    elif b"\x00" in data[:65536]:
        raise ReadError("read_binary")
    else:
        try:
            text, encoding = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError as exc:
            if mostly_utf8(data):
                raise ReadError(bad_utf8("read_broken_utf8", data, exc.start, exc.end)) from None
            try:
                text, encoding = data.decode("cp1258"), GUESSED
            except UnicodeDecodeError:
                raise ReadError("read_unknown_encoding") from None
    if "\x00" in text:
        raise ReadError("read_binary")
    text = unicodedata.normalize("NFC", text)
    if encoding == GUESSED:
        check_guess(text)
    return text, encoding


def mostly_utf8(data: bytes) -> bool:
    """More valid UTF-8 letters beyond ASCII than invalid bytes: a UTF-8 file with a broken byte
    (cut, or two files joined), not a file in another encoding."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    beyond_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return beyond_ascii - invalid > invalid


def bad_utf8(key: str, data: bytes, start: int, end: int) -> Message:
    """Say which byte breaks UTF-8, where, and how to re-save."""
    line = data.count(b"\n", 0, start) + 1
    shown = " ".join(f"{b:02X}" for b in data[start:max(end, start + 1)])
    return Message(key, {"byte": start + 1, "line": line, "shown": shown, "fix": Message("read_resave_utf8")})


def check_guess(text: str) -> None:
    """Refuse a guessed text holding characters Vietnamese never uses, naming them and their line."""
    first = _FOREIGN.search(text)
    if first is None:
        return
    found: list[str] = []
    for match in _FOREIGN.finditer(text, first.start()):
        if match.group() not in found:
            found.append(match.group())
            if len(found) == SHOWN_CHARACTERS:
                break
    start = text.rfind("\n", 0, first.start()) + 1
    end = text.find("\n", first.start())
    line = text[start:end if end >= 0 else len(text)].rstrip("\r")
    raise ReadError("read_guess_foreign", encoding=GUESSED, line=text.count("\n", 0, first.start()) + 1,
                    characters=[describe(ch) for ch in found], sample=sample(line), fix=Message("read_resave_utf8"))


def describe(ch: str) -> str:
    """A character as a person can see it: a lone combining mark on a dotted circle, a control as
    its code alone."""
    code = f"U+{ord(ch):04X}"
    if unicodedata.combining(ch):
        return f"\u25cc{ch} ({code})"
    if unicodedata.category(ch)[0] in "CZ":
        return code
    return f"{ch} ({code})"


def sample(line: str) -> str:
    """A line short enough for a message, with controls and invisible characters shown as codes (a
    tab as a space)."""
    line = "".join(" " if ch == "\t" else describe(ch) if unicodedata.category(ch) in ("Cc", "Cf") else ch
                   for ch in line)
    return line if len(line) <= SAMPLE_CHARS else line[:SAMPLE_CHARS] + "\u2026"
