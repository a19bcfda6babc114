"""The markup maskers: what they hide, what they leave as prose, and the
invariants every rule relies on (same length, line breaks kept, sorted spans)."""

from __future__ import annotations

from pathlib import PurePath

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from mtlint.document import Span
from mtlint.markup import SUFFIXES, Masker, html, markdown, markup_for, plain
from mtlint.markup.inline import _markers, bare_links, merge

PLACEHOLDER = "[email protected]"


def masked(mask: Masker, text: str) -> tuple[str, list[tuple[str, str]]]:
    """Run `mask`, check the invariants, and return the prose view and the
    masked substrings with their kinds."""
    prose, spans = mask(text)
    assert len(prose) == len(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        previous_end = span.end
    expected = list(text)
    for span in spans:
        for i in range(span.start, span.end):
            if text[i] not in "\r\n":
                expected[i] = " "
    assert prose == "".join(expected)
    return prose, [(text[span.start : span.end], span.kind) for span in spans]


# -- plain -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Visit https://example.com/path?x=1&y=2#top.", "https://example.com/path?x=1&y=2#top"),
        ("(see http://en.wikipedia.org/wiki/Mercury_(planet)).", "http://en.wikipedia.org/wiki/Mercury_(planet)"),
        ("(see https://example.com/a)", "https://example.com/a"),
        ("Download ftp://files.example.org/a.zip!", "ftp://files.example.org/a.zip"),
        ("Is it www.example.org?", "www.example.org"),
        ("«https://example.fr/»", "https://example.fr/"),
        ("“https://example.com/”, he said", "https://example.com/"),
        ("at https://example.com/x’s end", "https://example.com/x"),
        ("Mehr: https://example.de/a;", "https://example.de/a"),
        ("参见https://example.cn/路径。下一句", "https://example.cn/路径"),
        ("联系me@example.cn。", "me@example.cn"),
    ],
)
def test_plain_link_without_trailing_punctuation(text: str, link: str) -> None:
    _, parts = masked(plain.mask, text)
    assert parts == [(link, "email" if "@" in link else "url")]


def test_plain_email_and_nothing_else() -> None:
    text = "Write to jane.doe+mt@mail.example.co.uk. Code `x` and <b>tags</b> stay."
    prose, parts = masked(plain.mask, text)
    assert parts == [("jane.doe+mt@mail.example.co.uk", "email")]
    assert prose.endswith(". Code `x` and <b>tags</b> stay.")


@pytest.mark.parametrize("placeholder", [PLACEHOLDER, "[email\u00a0protected]"])
def test_plain_cloudflare_placeholder_stays_visible(placeholder: str) -> None:
    text = f"Contact: {placeholder} or real@example.com"
    prose, parts = masked(plain.mask, text)
    assert placeholder in prose
    assert parts == [("real@example.com", "email")]


def test_plain_bare_scheme_is_not_a_url() -> None:
    assert masked(plain.mask, "Type http:// first.")[1] == []


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_plain_keeps_line_breaks(newline: str) -> None:
    text = newline.join(["See https://example.com/a", "and b@example.org", ""])
    prose, _ = masked(plain.mask, text)
    assert prose == newline.join(["See " + " " * 21, "and " + " " * 13, ""])


# -- markdown ----------------------------------------------------------------


def test_markdown_placeholder_visible_only_in_prose() -> None:
    text = f"Mail {PLACEHOLDER} today.\n\n```\nsend({PLACEHOLDER!r})\n```\n\nOr `{PLACEHOLDER}` in code.\n"
    prose, _ = masked(markdown.mask, text)
    assert prose.count(PLACEHOLDER) == 1
    assert prose.startswith(f"Mail {PLACEHOLDER} today.")


def test_markdown_code_blocks() -> None:
    text = "Intro.\n\n```python\nx = `1`\n```\n\n    indented code\n\nOutro `y` here.\n"
    prose, parts = masked(markdown.mask, text)
    assert parts == [
        ("```python\nx = `1`\n```", "code"),
        ("    indented code", "code"),
        ("`y`", "code"),
    ]
    assert prose.splitlines() == ["Intro.", "", " " * 9, " " * 7, " " * 3, "", " " * 17, "", "Outro     here."]


def test_markdown_backtick_in_fence_does_not_open_a_code_span() -> None:
    text = "```\nx = `\n```\nUse it ` here, then `y`.\n"
    prose, parts = masked(markdown.mask, text)
    assert parts[1:] == [("` here, then `", "code")]
    assert prose.endswith("Use it " + " " * 14 + "y`.\n")


def test_markdown_unclosed_fence_runs_to_the_end() -> None:
    _, parts = masked(markdown.mask, "Text.\n\n~~~\ncode\nmore")
    assert parts == [("~~~\ncode\nmore", "code")]


def test_markdown_html_block_and_suppression_comment() -> None:
    text = '<!-- mtlint-disable E001 -->\n\n<div class="note">\nraw\n</div>\n\nProse.\n'
    prose, parts = masked(markdown.mask, text)
    assert parts == [("<!-- mtlint-disable E001 -->", "html"), ('<div class="note">\nraw\n</div>', "html")]
    assert prose.endswith("\n\nProse.\n")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("---\ntitle: Hi\nlang: de\n---\nBody text.\n", "Body text.\n"),
        ("---\ntitle: Hi\n...\nBody text.\n", "Body text.\n"),
        ("+++\ntitle = 'Hi'\n+++\n# Body\n", "# Body\n"),
    ],
)
def test_markdown_front_matter(text: str, kept: str) -> None:
    prose, parts = masked(markdown.mask, text)
    assert parts == [(text[: len(text) - len(kept) - 1], "front-matter")]
    assert prose.endswith("\n" + kept)


def test_markdown_thematic_break_is_not_front_matter() -> None:
    text = "---\nJust a rule above.\n"
    prose, parts = masked(markdown.mask, text)
    assert parts == []
    assert prose == text


def test_markdown_link_reference_definitions() -> None:
    text = 'Read [the guide][g] and [faq].\n\n[g]: https://example.com/guide\n   "The guide"\n[faq]: <./faq.md>\n'
    prose, parts = masked(markdown.mask, text)
    assert parts == [
        ("[g]: https://example.com/guide", "link-definition"),
        ('"The guide"', "link-definition"),
        ("[faq]: <./faq.md>", "link-definition"),
    ]
    assert prose.startswith("Read [the guide][g] and [faq].\n")


def test_markdown_code_spans() -> None:
    text = "One `a`, two ``b ` c``, a lone ` tick,\nand `x\ny` across lines.\n\nBut `never\n\nacross` paragraphs.\n"
    prose, parts = masked(markdown.mask, text)
    assert parts == [("`a`", "code"), ("``b ` c``", "code"), ("` tick,\nand `", "code")]
    assert "x\ny` across lines." in prose
    assert "But `never\n\nacross` paragraphs." in prose


def test_markdown_escaped_backtick_is_literal() -> None:
    _, parts = masked(markdown.mask, "Not \\`code`, but `this`.\n")
    assert parts == [("`, but `", "code")]


def test_markdown_autolinks_inline_html_and_bare_links() -> None:
    text = (
        "See <https://example.com/a> or <me@example.com>, *or* https://example.org/b.\n"
        'Some <span class="x>y">styled</span> text<!-- note\nover lines --> and mail a@b.example.\n'
    )
    prose, parts = masked(markdown.mask, text)
    assert parts == [
        ("<https://example.com/a>", "url"),
        ("<me@example.com>", "email"),
        ("https://example.org/b", "url"),
        ('<span class="x>y">', "html"),
        ("</span>", "html"),
        ("<!-- note\nover lines -->", "html"),
        ("a@b.example", "email"),
    ]
    assert "*or*" in prose
    assert "styled" in prose


def test_markdown_lone_angle_bracket_is_prose() -> None:
    text = "If a < b and c > d, 2<3.\n"
    assert masked(markdown.mask, text) == (text, [])


def test_markdown_link_and_image_destinations() -> None:
    text = 'A [link text](https://example.com/a_(b) "Title") and ![alt text](img/cat.png).\n'
    prose, parts = masked(markdown.mask, text)
    assert parts == [('(https://example.com/a_(b) "Title")', "link"), ("(img/cat.png)", "link")]
    assert prose.startswith("A [link text] ")
    assert "![alt text]" in prose


def test_markdown_list_items_and_block_quotes() -> None:
    text = "- Item one\n  ```\n  code `here`\n  ```\n- Item `two`\n\n> Quote with `code` and [x](/y).\n> More.\n"
    prose, parts = masked(markdown.mask, text)
    assert parts == [
        ("  ```\n  code `here`\n  ```", "code"),
        ("`two`", "code"),
        ("`code`", "code"),
        ("(/y)", "link"),
    ]
    assert prose.startswith("- Item one\n")
    assert "> Quote with        and [x]    .\n> More.\n" in prose


def test_markdown_table_cells() -> None:
    text = "| Name | Value |\n|------|-------|\n| `k`  | text  |\n"
    prose, parts = masked(markdown.mask, text)
    assert parts == [("`k`", "code")]
    assert "| text  |" in prose


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_markdown_keeps_line_breaks(newline: str) -> None:
    lines = ["---", "title: x", "---", "Text `a`.", "", "```", "code", "```", "", "[r]: /u", "End."]
    text = newline.join(lines) + newline
    prose, parts = masked(markdown.mask, text)
    assert prose.split(newline) == [
        "   ",
        "        ",
        "   ",
        "Text    .",
        "",
        "   ",
        "    ",
        "   ",
        "",
        "       ",
        "End.",
        "",
    ]
    assert [kind for _, kind in parts] == ["front-matter", "code", "code", "link-definition"]


# -- html --------------------------------------------------------------------


def test_html_tags_and_text() -> None:
    text = "<!DOCTYPE html>\n<p class=\"a>b\" data-x='1'>Caf&eacute; &amp; more&nbsp;text</p>\n"
    prose, parts = masked(html.mask, text)
    assert parts == [("<!DOCTYPE html>", "tag"), ("<p class=\"a>b\" data-x='1'>", "tag"), ("</p>", "tag")]
    assert "Caf&eacute; &amp; more&nbsp;text" in prose


def test_html_comments_scripts_and_styles() -> None:
    text = (
        "<!-- mtlint-disable -->Hi<script type='text/javascript'>if (a < b) {}</script>"
        "<STYLE>p>a{}</STYLE><?xml version='1.0'?><![CDATA[x > y]]>there"
    )
    prose, parts = masked(html.mask, text)
    assert parts == [
        ("<!-- mtlint-disable -->", "comment"),
        ("<script type='text/javascript'>if (a < b) {}</script>", "code"),
        ("<STYLE>p>a{}</STYLE>", "code"),
        ("<?xml version='1.0'?>", "tag"),
        ("<![CDATA[x > y]]>", "tag"),
    ]
    assert prose.split() == ["Hi", "there"]


def test_html_lone_angle_bracket_is_text() -> None:
    text = "<b>a < b</b> and 3 <= 4"
    prose, parts = masked(html.mask, text)
    assert parts == [("<b>", "tag"), ("</b>", "tag")]
    assert prose == "   a < b     and 3 <= 4"


@pytest.mark.parametrize(
    ("text", "rest"),
    [("Text <!-- unclosed\ncomment", "<!-- unclosed\ncomment"), ("Text <script>var x = 1;", "<script>var x = 1;")],
)
def test_html_unclosed_comment_or_script_masks_to_the_end(text: str, rest: str) -> None:
    prose, parts = masked(html.mask, text)
    assert parts == [(rest, "comment" if "<!--" in rest else "code")]
    assert prose.startswith("Text ")


def test_html_bare_links_and_placeholder() -> None:
    text = f'<a href="https://example.com/">Site</a>: https://example.com/x, me@example.com, {PLACEHOLDER}'
    prose, parts = masked(html.mask, text)
    assert parts == [
        ('<a href="https://example.com/">', "tag"),
        ("</a>", "tag"),
        ("https://example.com/x", "url"),
        ("me@example.com", "email"),
    ]
    assert prose.endswith(f", {PLACEHOLDER}")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_html_keeps_line_breaks(newline: str) -> None:
    text = newline.join(["<div", '  class="x">', "Text", "<!--", "-->", "</div>"])
    prose, _ = masked(html.mask, text)
    assert prose.split(newline) == ["    ", " " * 12, "Text", "    ", "   ", "      "]


# -- shared ------------------------------------------------------------------


def test_merge_sorts_and_clips_overlaps() -> None:
    spans = [Span(10, 20, "url"), Span(0, 5, "code"), Span(3, 8, "code"), Span(12, 15, "email"), Span(18, 25, "html")]
    assert merge(spans) == (Span(0, 8, "code"), Span(10, 20, "url"), Span(20, 25, "html"))


@given(st.lists(st.sampled_from(["a", ".", "md", "MD", "html", "/", "x.y", " "]), max_size=8))
@example(["..", "md"])
@example(["a/", "..", "md"])
def test_markup_is_read_from_the_suffix_as_pathlib_reads_it(parts: list[str]) -> None:
    """markup_for reads the suffix as PurePath.suffix does
    (a leading dot is no suffix, a trailing one is none either), for any
    name a file can have: not one ending with a separator or "/.", which
    PurePath tidies away and which only a directory has."""
    name = "".join(parts)
    assume(not name.endswith(("/", "/.")))
    assert markup_for(name) == SUFFIXES.get(PurePath(name).suffix.lower(), "plain")


@given(st.text(alphabet="ab:/w.@ ", max_size=40))
def test_the_quick_look_for_links_sees_every_marker(text: str) -> None:
    """bare_links returns at once when none of "://", "www." and "@" is in
    the text: exactly when the markers would find none."""
    quick = "://" in text or "www." in text or "@" in text
    assert quick == any(True for _ in _markers(text))
    if not quick:
        assert bare_links(text) == []
