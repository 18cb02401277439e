"""User-facing words in Vietnamese (default) and English, and number/date formats.

The translation table lives in `nscl/texts/*.toml`, one file per area of the product, each entry a
table with its Vietnamese and English text:

    [checked]
    vi = "Đã kiểm tra {rows} dòng."
    en = "Checked {rows} rows."

It is data, not code: a translator edits it without reading Python, and no Python file outside
the data allowlist of tests/test_i18n.py holds a Vietnamese literal. Keys are unique across files.
"""
from __future__ import annotations

import datetime as dt
import math
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
TEXTS_DIR = Path(__file__).resolve().parent / "texts"


def load_table(directory: Path = TEXTS_DIR) -> dict[str, tuple[str, str]]:
    """Every key of every file of the table, with its (Vietnamese, English) texts."""
    import tomllib

    table: dict[str, tuple[str, str]] = {}
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise FileNotFoundError(f"no translation files in {directory}")
    for path in files:
        with path.open("rb") as fh:
            entries = tomllib.load(fh)
        for key, entry in entries.items():
            if key in table:
                raise ValueError(f"{path.name}: key {key!r} is already in another file of the table")
            if not isinstance(entry, dict) or set(entry) != set(LANGS):
                raise ValueError(f"{path.name}: [{key}] must have exactly the keys vi and en")
            table[key] = (entry["vi"], entry["en"])
    return table


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, str]]:
    return load_table()


def __getattr__(name: str):
    # TEXT, the whole table, is read on first use: the process that reads spreadsheets for an upload
    # imports this module for `Message` only and never shows a text.
    if name == "TEXT":
        return _table()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    vi, en = _table()[key]
    text = en if lang == "en" else vi
    return _FORMATTER.format(text, **values) if values else text


class _PluralFormatter(string.Formatter):
    """English needs "1 row" but "2 rows": a field written `{rows:row|rows}` shows the number and
    the word that agrees with it (Vietnamese nouns do not change, so its texts never use this)."""

    def format_field(self, value, format_spec: str) -> str:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return f"{value} {one if str(value).strip() == '1' else many}"
        return super().format_field(value, format_spec)


_FORMATTER = _PluralFormatter()


def has(key: str) -> bool:
    return key in _table()


@dataclass(frozen=True)
class Num:
    """A number inside a message, written the reader's way when the message is shown."""
    value: float
    decimals: int = 0


@dataclass(frozen=True)
class Message:
    """A text of the table and its values, shown later in the reader's language. Values may be
    text, whole numbers, `Num`, other messages or lists of these; a message crosses a process
    boundary as JSON (`as_json` / `from_json`)."""
    key: str
    values: dict = field(default_factory=dict)  # a list value is shown as its items joined by commas

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return t(self.key, lang, **{name: _shown(value, lang) for name, value in self.values.items()})

    def __str__(self) -> str:
        return self.text()

    def as_json(self) -> dict:
        return {"key": self.key, "values": {k: _to_json(v) for k, v in self.values.items()}}

    @classmethod
    def from_json(cls, data: dict) -> Message:
        return cls(data["key"], {k: _from_json(v) for k, v in data.get("values", {}).items()})


def _shown(value, lang: str) -> str:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, Num):
        return fmt_number(value.value, lang, value.decimals)
    if isinstance(value, int) and not isinstance(value, bool):
        return fmt_number(value, lang)
    if isinstance(value, float):
        return fmt_count(value, lang)  # never Python's "0.2"
    if isinstance(value, list | tuple):
        return ", ".join(_shown(item, lang) for item in value)
    return str(value)


def _to_json(value):
    if isinstance(value, Message):
        return {"message": value.as_json()}
    if isinstance(value, Num):
        return {"num": value.value, "decimals": value.decimals}
    if isinstance(value, list | tuple):
        return [_to_json(item) for item in value]
    return value


def _from_json(value):
    if isinstance(value, dict) and "message" in value:
        return Message.from_json(value["message"])
    if isinstance(value, dict) and "num" in value:
        return Num(value["num"], value["decimals"])
    if isinstance(value, list):
        return [_from_json(item) for item in value]
    return value


class MessageError(ValueError):
    """An error for the user: its message is a text of the table, shown in the reader's language
    with `text(lang)`; `str()` gives the Vietnamese text."""

    def __init__(self, key: str | Message, **values):
        self.message = key if isinstance(key, Message) else Message(key, values)
        super().__init__(self.message.text())

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return self.message.text(lang)


def singular(word: str) -> str:
    """The English singular of a unit: "experts" -> "expert", "bodies" -> "body"."""
    head, _, last = word.rpartition(" ")
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return f"{head} {last}" if head else last


def fmt_number(x: float | None, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """1.234.567 / 12,5 in Vietnamese; 1,234,567 / 12.5 in English; '–' when missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = f"{x:,.{decimals}f}"
    if text.startswith("-") and not any(c in "123456789" for c in text):
        text = text[1:]  # -0.04 with one decimal is 0,0, not -0,0
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_count(x: float | None, lang: str = DEFAULT_LANG) -> str:
    """Whole numbers without decimals, others with one."""
    if x is not None and not (isinstance(x, float) and math.isnan(x)) and abs(x - round(x)) > 1e-9:
        return fmt_number(x, lang, 1)
    return fmt_number(x, lang, 0)


def fmt_percent(x: float | None, lang: str = DEFAULT_LANG, decimals: int = 1, signed: bool = False) -> str:
    """A share as a percentage: 0.125 -> '12,5%'."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = fmt_number(abs(x) * 100 if signed else x * 100, lang, decimals) + "%"
    if signed and any(c in "123456789" for c in text):
        # ASCII minus: st.metric reads the sign to colour its arrow, and Excel parses it.
        return ("+" if x >= 0 else "-") + text
    return text


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def fmt_money(vnd: float | None, lang: str = DEFAULT_LANG) -> str:
    """An amount of đồng as a reader says it: '10 tỷ đồng', '1,5 tỷ đồng', '250 triệu đồng', below a
    million '500.000 đồng' (English: '10 billion VND', '250 million VND'); '–' when missing. Millions
    and billions keep one decimal unless whole; 999,95 million rounds up to '1 tỷ đồng'."""
    if _missing(vnd):
        return "–"
    sign = "-" if vnd < 0 else ""
    amount = abs(float(vnd))
    millions = round(amount / 1e6, 1)
    if millions >= 1000:
        billions = round(amount / 1e9, 1)
        return sign + t("money_billion", lang, n=fmt_count(billions, lang))
    if millions >= 1:
        return sign + t("money_million", lang, n=fmt_count(millions, lang))
    if round(amount) == 0:
        sign = ""
    return sign + t("money_dong", lang, n=fmt_number(round(amount), lang))


def fmt_duration(seconds: float | None, lang: str = DEFAULT_LANG) -> str:
    """A time taken: '0,2 giây', '45 giây', '2 phút 5 giây' (English '0.2 s', '2 min 5 s'); tenths
    below ten seconds; '–' when missing or negative (a clock that went back measures nothing)."""
    if _missing(seconds) or seconds < 0:
        return "–"
    shown = round(seconds, 1) if seconds < 10 else round(seconds)
    if shown < 60:
        return t("duration_seconds", lang, n=fmt_count(shown, lang))
    minutes, rest = divmod(int(round(seconds)), 60)
    if rest == 0:
        return t("duration_whole_minutes", lang, m=fmt_number(minutes, lang))
    return t("duration_minutes", lang, m=fmt_number(minutes, lang), s=rest)


def fmt_date(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else "–"


# Vietnam time (Asia/Ho_Chi_Minh) is UTC+7 all year: no daylight saving since 1975, so a fixed
# offset is exact and needs no time-zone database on the server.
VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7), "ICT")


def local_time(at: dt.datetime | None) -> dt.datetime | None:
    """A moment stored in UTC (naive, as the database holds it, or aware) in Vietnam time, naive."""
    if at is None or (isinstance(at, float) and math.isnan(at)) or str(at) == "NaT":
        return None
    if hasattr(at, "to_pydatetime"):  # a pandas Timestamp
        at = at.to_pydatetime()
    aware = at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
    return aware.astimezone(VIETNAM_TIME).replace(tzinfo=None)


def fmt_datetime(at: dt.datetime | None) -> str:
    """A moment stored in UTC as the date and time of day in Vietnam: '26/11/2026 10:05'; '–' when
    missing."""
    local = local_time(at)
    return f"{fmt_date(local.date())} {local:%H:%M}" if local is not None else fmt_date(None)


def plotly_separators(lang: str) -> str:
    """Plotly's `separators`: decimal mark then thousands mark."""
    return ".," if lang == "en" else ",."
