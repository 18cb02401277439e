"""Reading the published edition back: each card's text, a page's build id (tests only)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path


class _Cards(HTMLParser):
    """Text of every <article data-target=…> (tags dropped, entities decoded), and the whole
    page's text, and every tag that could run or fetch something."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cards: dict[str, str] = {}
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._card: str | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "article":
            if self._card is None:
                self._card, self._depth = attrs.get("data-target"), 0
                self.cards[self._card] = ""
            self._depth += 1

    def handle_endtag(self, tag):
        if tag == "article" and self._card is not None:
            self._depth -= 1
            if self._depth == 0:
                self._card = None

    def handle_data(self, data):
        self.text.append(data)
        if self._card is not None:
            self.cards[self._card] += data


class _Visible(HTMLParser):
    """A page's words as a reader reads them: no script, style or code."""

    HIDDEN = {"script", "style", "code", "pre", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in self.HIDDEN

    def handle_endtag(self, tag):
        self._hidden -= tag in self.HIDDEN and self._hidden > 0

    def handle_data(self, data):
        if not self._hidden:
            self.words.append(data)


def visible_text(path: Path) -> str:
    parser = _Visible()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return squash(" ".join(parser.words))


def read(path: Path) -> _Cards:
    parser = _Cards()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def cards(path: Path) -> dict[str, str]:
    """target id -> its card's text with runs of white space as one space."""
    return {k: squash(v) for k, v in read(path).cards.items()}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


BUILD = re.compile(r'<meta name="nscl-build" content="([^"]+)">')


def build_id(html: str) -> str | None:
    """The build a complete page belongs to (None when the page is cut short)."""
    match = BUILD.search(html)
    return match.group(1) if match and html.rstrip().endswith("</html>") else None


def private_copy(db: Path, folder: Path) -> Path:
    """A copy of the session's demo database for a publisher: the app (AppTest, in the same
    process) may hold the original with another configuration."""
    import shutil

    return Path(shutil.copyfile(db, folder / "demo-copy.duckdb"))
