"""Vietnamese number and date formats, and the translation table."""
import datetime as dt

from nscl.i18n import TEXT, fmt_count, fmt_date, fmt_number, fmt_percent, t


def test_vietnamese_and_english_numbers():
    assert fmt_number(1234567) == "1.234.567"
    assert fmt_number(1234.5, decimals=1) == "1.234,5"
    assert fmt_number(1234.5, "en", 1) == "1,234.5"
    assert fmt_count(5.5) == "5,5" and fmt_count(6.0) == "6"
    assert fmt_percent(0.125) == "12,5%"
    assert fmt_percent(-0.051, signed=True) == "-5,1%"
    assert fmt_percent(None) == "–"


def test_dates_are_dd_mm_yyyy():
    assert fmt_date(dt.date(2026, 11, 26)) == "26/11/2026"


def test_every_text_has_both_languages_with_the_same_placeholders():
    import string
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
    for key, (vi, en) in TEXT.items():
        assert vi and en, key
        assert fields(vi) == fields(en), key
    assert t("overview") == "Tổng quan" and t("overview", "en") == "Overview"
