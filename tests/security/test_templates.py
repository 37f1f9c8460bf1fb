"""No inline scripts, handlers or styles in templates (the CSP forbids them), autoescaping on
every template, and markup marked safe only where a reason is written down."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from matchmaker import PROJECT_ROOT
from matchmaker.exports.qr import qr_svg

TEMPLATES = sorted((PROJECT_ROOT / "templates").rglob("*.html"))
CODE = sorted((PROJECT_ROOT / "matchmaker").rglob("*.py"))

# (what, pattern): each would need 'unsafe-inline' in the CSP or run code from a string
FORBIDDEN = [
    ("inline <script> (without src)", re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I)),
    ("on* event handler attribute", re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I | re.S)),
    ("style= attribute", re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I | re.S)),
    ("<style> block", re.compile(r"<style\b", re.I)),
    ("javascript: URL", re.compile(r"javascript\s*:", re.I)),
    ("|safe filter", re.compile(r"\|\s*safe\b")),
    ("autoescape off", re.compile(r"autoescape\s+(false|off)", re.I)),
]
# Markup() marks a string as safe HTML; each use is listed here with its reason
MARKUP_ALLOWED = {
    # segno writes the QR code's SVG itself and escapes the title; it holds only paths
    "matchmaker/exports/qr.py",
}


def _relative(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT))


def test_templates_are_found():
    assert len(TEMPLATES) > 40


@pytest.mark.parametrize("path", TEMPLATES, ids=_relative)
def test_template_has_no_inline_code_or_style(path: Path):
    text = path.read_text(encoding="utf-8")
    found = [f"{what}: {m.group(0)[:80]!r}" for what, rx in FORBIDDEN for m in rx.finditer(text)]
    assert found == []


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<button onclick="go()">',
        '<svg><rect style="fill:red"/></svg>',
        '<span class="bar"\n  style="--share: 5%">',
        "<style>p{}</style>",
        '<a href="JavaScript:void(0)">',
        "{{ text | safe }}",
        "{% autoescape false %}",
    ],
)
def test_scan_catches_each_pattern(snippet: str):
    assert any(rx.search(snippet) for _what, rx in FORBIDDEN)


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="/static/js/run.js" defer></script>',
        '<rect x="1" width="20" class="chart-bar"/>',
        '<p class="online">one=1</p>',
    ],
)
def test_scan_lets_allowed_markup_pass(snippet: str):
    assert not any(rx.search(snippet) for _what, rx in FORBIDDEN)


def test_every_template_is_autoescaped(app):
    for path in TEMPLATES:
        name = str(path.relative_to(PROJECT_ROOT / "templates"))
        assert app.jinja_env.autoescape(name) is True, name


def test_markup_is_built_only_where_reasoned():
    users = {_relative(p) for p in CODE if re.search(r"\bMarkup\(", p.read_text("utf-8"))}
    assert users == MARKUP_ALLOWED


def test_qr_code_svg_has_no_script_or_style_and_escapes_the_title():
    svg = str(qr_svg("https://example.org/x", title='<script>alert(1)</script>"'))
    assert "<script" not in svg and "style=" not in svg and " on" not in svg
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_scripts_never_write_html_or_run_strings():
    scripts = sorted((PROJECT_ROOT / "matchmaker" / "static").rglob("*.js"))
    assert scripts
    sink = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|Function\(")
    for path in scripts:
        assert not sink.search(path.read_text("utf-8")), _relative(path)
