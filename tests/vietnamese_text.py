"""What a Vietnamese reader must not meet, shared by the scans of pages (AppTest and Chromium),
slides, the deck and the report: numbers written the English way, a program's word for a missing
value, and English words.

English words are found without a list of them: a Vietnamese word is one syllable, and a syllable
written without its marks still has Vietnamese shape (an initial from a short list, one to three
vowels, a final from c, ch, m, n, ng, nh, p, t). "Upload", "Download", "of", "and", "files" have
no such shape. Short English words that do ("to", "in", "the") are missed; the interface's own
English is never that short. Acronyms (ISO, UBND, QĐ-TTg) and the names of methods and file
formats a Vietnamese text uses as they are (Kaizen, Lean, Excel) are not English words here."""
from __future__ import annotations

import re
import unicodedata

# What a Vietnamese text must not hold, each with why.
BAD = [
    (re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])"), "English thousands mark (4,500)"),
    (re.compile(r"(?<![\d.,/])\d+\.\d{1,2}(?![\d.])"), "English decimal mark (0.2, 9.17)"),
    (re.compile(r"\d+\.\d+ ?%"), "English percentage (9.17%)"),
    (re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?\s*(?:đồng|VND|₫)"), "money in raw đồng"),
    (re.compile(r"(?<![\w.])\d{7,}(?![\w])"), "a long raw number (money in đồng?)"),
    (re.compile(r"\b(?:None|nan|NaN|NaT|null|undefined|True|False)\b"), "a program's word for a missing value"),
    (re.compile(r"«\s*»"), "empty quotation marks"),
]

SYLLABLE = re.compile(r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")
# Words a Vietnamese text of this programme uses as they are: quality methods and tools (7 QC
# tools), file formats and the office programs that open them, the keys of a keyboard (Home,
# End), the language switch naming English in English, and proper names the demo's texts hold
# (Open SDG / Statistics Canada's method; Bureau Veritas, TÜV Rheinland, Vinacontrol).
KEPT_AS_THEY_ARE = {
    "kaizen", "lean", "six", "sigma", "tools", "excel", "word", "powerpoint", "xlsx", "csv", "docx", "pptx",
    "pdf", "png", "email", "online", "website", "vietgap", "globalgap", "iso", "smart", "home", "end", "english",
    "open", "canada", "bureau", "veritas", "rheinland", "vinacontrol", "parquet",
}


def _folded(word: str) -> str:
    plain = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if not unicodedata.combining(c))


def english_words(text: str) -> list[str]:
    """The words of `text` that cannot be Vietnamese syllables (each once, in order)."""
    found: list[str] = []
    for word in re.findall(r"[^\W\d_]+", text):
        if len(word) < 2 or sum(c.isupper() for c in word) >= 2:  # a letter, an acronym
            continue
        if _folded(word) != word.replace("đ", "d").replace("Đ", "D"):  # marked: Vietnamese
            continue
        if not word.isascii():
            continue
        lower = word.lower()
        if lower in KEPT_AS_THEY_ARE or SYLLABLE.fullmatch(lower):
            continue
        if word not in found:
            found.append(word)
    return found


def problems(text: str) -> list[str]:
    """The bad pieces of one Vietnamese text, each with what is wrong: numbers and missing values."""
    return [f"{m.group(0)!r}: {why}" for pattern, why in BAD for m in pattern.finditer(text)]


def vietnamese_problems(text: str) -> list[str]:
    """`problems` and the English words."""
    return problems(text) + [f"{word!r}: an English word" for word in english_words(text)]


MISSING = re.compile(r"\b(?:None|nan|NaN|NaT|null|undefined|True|False)\b")


def missing_words(text: str) -> list[str]:
    """A program's words for a missing value or a yes/no, in a text of either language."""
    return sorted(set(MISSING.findall(text)))
