"""Reading one cell's value exactly: dates (with the reason a date is refused), whole numbers and
amounts without floating point, invisible characters, and codes (look-alike letters)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..i18n import Message

# ------------------------------------------------------------------ invisible characters

# Unicode's format characters (category Cf as of Unicode 14: zero-width space and joiners, BOM,
# bidi controls, soft hyphen, word joiner; a test compares with unicodedata) and the blank
# "letters" that render as nothing. Other spaces than U+0020 become one plain space.
INVISIBLE_CLASS = ("\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
                   "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
                   "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
                   "\u034f\u115f\u1160\u3164\uffa0\u2800")
_INVISIBLE = re.compile("[" + INVISIBLE_CLASS + "]")
ODD_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile("[" + ODD_SPACES + "]")
# Both kinds in one character class of literal characters, which pyarrow's regular expressions
# (RE2, used by pandas' str.contains on Arrow strings) read as Python's do.
HIDDEN_PATTERN = "[" + INVISIBLE_CLASS + ODD_SPACES + "]"


def has_invisible(joined: str) -> bool:
    return _INVISIBLE.search(joined) is not None or _SPACES.search(joined) is not None


def visible(text: str) -> str:
    """The text without invisible characters, odd spaces as plain ones, trimmed."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


# ------------------------------------------------------------------ dates

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_MY = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_WHOLE = re.compile(r"^(\d+)(?:\.0+)?$")
EXCEL_EPOCH = dt.date(1899, 12, 30)
# Two-digit years as Excel reads them when typed: 00-29 are 2000-2029, 30-99 are 1930-1999.
TWO_DIGIT_PIVOT = 30
# An Excel serial is a plausible date only with five digits (18/05/1927 to 13/10/2173): a smaller
# number in a date column is a year ("2012"), a count or a typing slip, never a date staff meant.
SERIAL_RANGE = (10_000, 99_999)
YEAR_RANGE = (1900, 2100)


@dataclass(frozen=True)
class DateReading:
    value: dt.date | None
    problem: Message | None = None   # why the text is not a date
    expanded: bool = False            # a two-digit year or an Excel serial, shown in full in the preview


def full_year(two_digits: int) -> int:
    return (2000 if two_digits < TWO_DIGIT_PIVOT else 1900) + two_digits


def read_date(text: str) -> DateReading:
    """dd/mm/yyyy, d/m/yy, yyyy-mm-dd or a five-digit Excel serial."""
    if m := _DMY.match(text):
        year = int(m[3]) if len(m[3]) == 4 else full_year(int(m[3]))
        return _built(year, int(m[2]), int(m[1]), expanded=len(m[3]) == 2)
    if m := _YMD.match(text):
        return _built(int(m[1]), int(m[2]), int(m[3]))
    if m := _MY.match(text):
        return DateReading(None, Message("check_date_month_only", {"value": text}))
    if m := _WHOLE.match(text):
        number = int(m[1])
        if len(m[1]) == 4 and YEAR_RANGE[0] <= number <= YEAR_RANGE[1]:
            return DateReading(None, Message("check_date_year_only", {"year": m[1]}))
        if SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
            return DateReading(EXCEL_EPOCH + dt.timedelta(days=number), expanded=True)
        return DateReading(None, Message("check_date_number", {"value": text}))
    return DateReading(None, Message("check_bad_date"))


def _built(year: int, month: int, day: int, expanded: bool = False) -> DateReading:
    if not 1 <= month <= 12:
        return DateReading(None, Message("check_date_no_month", {"month": str(month)}))
    try:
        return DateReading(dt.date(year, month, day), expanded=expanded)
    except ValueError:
        return DateReading(None, Message("check_date_no_day", {"day": str(day), "month": str(month),
                                                              "year": str(year)}))


def parse_date(text: str) -> dt.date | None:
    return read_date(text).value


# ------------------------------------------------------------------ numbers

# Input forms (data, not interface text): words after an amount ("50.000.000 đồng", "50.000.000đ";
# longest first).
CURRENCY_WORDS = ("đồng", "vnđ", "vnd", "đ")


def parse_number(text: str) -> Decimal | None:
    """Vietnamese style 1.234.567 and 12,5; also 1,234,567 and 1234.5 as Excel writes them. Exact:
    a Decimal, never a float, so 9007199254740993 stays itself."""
    t = text.replace(" ", "").replace("\u00a0", "").lower()
    for word in CURRENCY_WORDS:
        if t.endswith(word):
            t = t.removesuffix(word)
            break
    if not t:
        return None
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", t):
        t = t.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", t):
        t = t.replace(",", "")
    elif re.fullmatch(r"-?\d+,\d+", t):
        t = t.replace(",", ".")
    elif not re.fullmatch(r"-?\d+(\.\d+)?", t):
        return None
    if len(t) > 60:
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def grouped(number: int, lang: str) -> str:
    """An exact whole number with thousands marks (fmt_number goes through float)."""
    text = f"{number:,}"
    return text if lang == "en" else text.replace(",", ".")


# ------------------------------------------------------------------ codes

def code_form(text: str) -> str:
    """A code as compared and stored: compatibility forms folded (full-width letters and digits)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKC", text))


def foreign_letter(text: str) -> tuple[str, str] | None:
    """The first letter of a code that is not Latin, and its script (CYRILLIC, GREEK, ...): such a
    letter looks like a Latin one ("К") but makes another code."""
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if not name.startswith("LATIN"):
                return ch, (name.split(" ", 1)[0] or "UNKNOWN")
    return None


def reveal(text: str) -> str:
    """The text with each invisible character written as its code point, so a message can show it."""
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m[0]):04X}>", text)


_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """The text with invisible and control characters as code points: safe to print on a terminal."""
    return _CONTROLS.sub(lambda m: f"<U+{ord(m[0]):04X}>", reveal(str(text)))
