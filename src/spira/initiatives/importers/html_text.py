"""Vinnova project pages saved as HTML, turned into the plain-text layout the page parser reads."""

from __future__ import annotations

from html.parser import HTMLParser

from .values import clean_inline


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """(text, first <h1>, canonical URL) of an HTML page.

    Blocks become lines (paragraphs separated by a blank line), table rows become "| a | b |" lines,
    links keep their address in brackets, and scripts, styles and the <head> are dropped.
    """
    converter = _HtmlToText()
    try:
        converter.feed(html)
        converter.close()
    except (AssertionError, ValueError, IndexError):
        pass  # html.parser gives up on some malformed markup; the text read so far is still useful
    converter.finish()
    return "\n".join(converter.lines), converter.heading, converter.canonical


class _HtmlToText(HTMLParser):
    _BLOCKS = frozenset(
        ("address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
         "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
         "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "ul")
    )  # fmt: skip
    _PARAGRAPHS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "section"))
    _SKIPPED = frozenset(("script", "style", "head", "template", "svg", "noscript", "iframe", "object"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.heading: str | None = None
        self.canonical: str | None = None
        self._buffer: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._heading_parts: list[str] | None = None
        self._links: list[tuple[str, list[str], int]] = []
        self._skip = 0

    @property
    def _target(self) -> list[str]:
        return self._cell if self._cell is not None else self._buffer

    def finish(self) -> None:
        """Emit whatever is still open at the end of the document."""
        self._end_row()
        self.flush()

    def flush(self) -> None:
        """Turn the collected inline text into a line."""
        text = clean_inline("".join(self._buffer))
        if text:
            self.lines.append(text)
        self._buffer.clear()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag in ("link", "meta"):
            self._note_canonical(tag, attributes)
        if tag == "body":
            self._skip = 0  # a <head> that was never closed must not hide the page
        if tag in self._SKIPPED:
            self._skip += 1
        if self._skip:
            return
        self._start_structure(tag)
        if tag == "a" and attributes.get("href", "").lower().startswith(("http://", "https://")):
            self._links.append((attributes["href"], self._target, len(self._target)))
        if tag == "h1" and self.heading is None:
            self._heading_parts = []

    def _note_canonical(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "link" and attributes.get("rel", "").lower() == "canonical":
            self.canonical = self.canonical or attributes.get("href") or None
        if tag == "meta" and attributes.get("property", "").lower() == "og:url":
            self.canonical = self.canonical or attributes.get("content") or None

    def _start_structure(self, tag: str) -> None:
        if tag == "tr":
            self._end_row()
            self.flush()
            self._row = []
        elif tag in ("td", "th"):
            if self._row is None:
                self.flush()
                self._row = []
            self._end_cell()
            self._cell = []
        elif tag == "br" or tag in self._BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag == "a" and self._links:
            self._end_link()
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "table"):
            self._end_row()
        if tag == "h1" and self._heading_parts is not None:
            self.heading = clean_inline("".join(self._heading_parts)) or None
            self._heading_parts = None
        if tag in self._BLOCKS:
            self._break()
            if tag in self._PARAGRAPHS and self._cell is None:
                self.lines.append("")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self._target.append(data)
        if self._heading_parts is not None:
            self._heading_parts.append(data)

    def _break(self) -> None:
        if self._cell is not None:
            self._cell.append(" ")
        else:
            self.flush()

    def _end_link(self) -> None:
        href, target, position = self._links.pop()
        if href not in "".join(target[position:]):
            target.append(f" ({href})")

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(clean_inline("".join(self._cell)))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row:
            self.lines.append("| " + " | ".join(self._row) + " |")
        self._row = None
