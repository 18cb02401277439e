"""Text from data shown as text. Names in uploaded files (enterprises, solutions, standards, bodies)
and the plan's own words reach charts and pages; neither Plotly nor Markdown may turn them into
links, bold type or line breaks. Every place that shows such text passes it through one of these."""
from __future__ import annotations

import re

# Plotly reads <a href>, <b>, <i>, <br>, <span style>, <sup> … in every label, legend, hover,
# title and annotation. It splits on tags first, then turns only &lt; &gt; &amp; (and a few
# others, never &quot;) back into characters inside the text between tags: so escaping these
# three shows the name exactly as written.
_CHART = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def chart_text(value) -> str:
    """`value` as plain text inside any Plotly string (Plotly also draws a newline as a break)."""
    return _LINE_BREAKS.sub(" ", str(value)).translate(_CHART)


def chart_texts(values) -> list[str]:
    return [chart_text(v) for v in values]


# Markdown (st.markdown, st.caption, st.subheader, st.write, st.error …). A backslash shows the
# characters that open links, images, HTML, emphasis, code, strikethrough, tables, LaTeX and
# entities as themselves, and so the first character of a line that would start a heading, list,
# quote or rule. Ordinary words, dates and codes ("676/KH-UBND", "2021-2025: 12") stay as they are.
# Streamlit's GitHub-flavoured Markdown also links bare URLs, www. names and e-mail addresses
# after escapes are resolved, and reads ":name" as a colour or icon directive or an emoji: a word
# joiner (U+2060: invisible, no break) goes where such a link or directive would start.
WORD_JOINER = "\u2060"
_MARKUP = str.maketrans({c: "\\" + c for c in "\\`*_[]<>~$&|#"})  # "#": a heading's closing marks
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//|[a-z])|(?<=www)(?=\.)|(?<=@)")
_BLOCK_START = re.compile(r"^(?=[-+])|^(\d+)(?=[.)])")  # "- x", "+ x", "1. x", "2) x" ("#", "*", ">" are escaped)


def markdown_text(value) -> str:
    """`value` shown as written inside Markdown, on one line."""
    text = _LINE_BREAKS.sub(" ", str(value)).strip()
    text = _AUTOLINK.sub(WORD_JOINER, text).translate(_MARKUP)
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" if m.group(1) else "\\", text, count=1)
