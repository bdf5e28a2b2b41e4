"""HTML export whose math is MathML, typeset by the browser itself: no MathJax, no script, no network.

nbconvert's HTML leaves ``$...$`` for MathJax, loaded from a CDN (or, before, from Debian's
``file:///usr/share/javascript/...``): opened on another computer offline, the math shows as raw TeX.
Here each formula of the Markdown cells and of Markdown outputs is converted at export time with
latex2mathml; every current browser renders MathML Core.  A formula latex2mathml cannot convert is
left as TeX in a ``<code>`` element and named in a warning (the export test fails on it).

Used by scripts/export.sh: ``--to mathml_html.MathMLHTMLExporter`` with this folder on PYTHONPATH.
"""
import html
import logging
import re

from latex2mathml.converter import convert
from nbconvert.exporters import HTMLExporter
from nbconvert.exporters.html import contextfilter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

log = logging.getLogger(__name__)

# TeX that latex2mathml does not know, rewritten to what it does (same meaning).
_REWRITES = [
    (re.compile(r"\\tfrac"), r"\\frac"),
    (re.compile(r"\\mathbb\{1\}|\\mathbf\s*1(?![0-9])"), r"\\mathbf{1}"),
    (re.compile(r"\\lVert"), r"\\|"),
    (re.compile(r"\\rVert"), r"\\|"),
]


_ALIGNED = re.compile(r"\\begin\{aligned\}(.*?)\\end\{aligned\}", re.S)


def _aligned_as_array(m):
    """``aligned`` (which latex2mathml sets as one line with visible ``&``) as the array it lays out:
    columns alternately right- and left-aligned."""
    body = m.group(1)
    columns = 1 + max(row.count("&") for row in body.split("\\\\"))
    return "\\begin{array}{" + ("rl" * columns)[:columns] + "}" + body + "\\end{array}"


def tex_to_mathml(tex, display=False):
    """MathML for one formula (``display``: a block of its own), or None if it cannot be converted."""
    tex = html.unescape(tex).strip()
    for pattern, repl in _REWRITES:
        tex = pattern.sub(repl, tex)
    tex = _ALIGNED.sub(_aligned_as_array, tex)
    try:
        out = convert(tex, display="block" if display else "inline")
    except Exception as e:  # noqa: BLE001 -- any parser error: keep the TeX visible, say so
        log.warning("mathml_html: cannot convert %r (%s)", tex, e)
        return None
    if "<merror" in out:
        log.warning("mathml_html: cannot convert %r", tex)
        return None
    return out


class MathMLRenderer(IPythonRenderer):
    """nbconvert's Markdown renderer with the math turned into MathML."""

    def _math(self, body, display):
        mathml = tex_to_mathml(body, display)
        if mathml is None:
            delim = "$$" if display else "$"
            return f'<code class="tex-math">{delim}{self.escape_html(body)}{delim}</code>'
        return f'<div class="math-display">{mathml}</div>' if display else mathml

    def block_math(self, body):
        return self._math(body, True)

    def inline_math(self, body):
        return self._math(body, False)

    def latex_environment(self, name, body):
        return self._math(f"\\begin{{{name}}}{body}\\end{{{name}}}", True)


class MathMLHTMLExporter(HTMLExporter):
    """HTMLExporter with MathML math and the no-script template ``html_submission.html.j2``."""

    export_from_notebook = "HTML (MathML)"

    @contextfilter
    def markdown2html(self, context, source):
        cell = context.get("cell", {})
        renderer = MathMLRenderer(
            escape=False,
            attachments=cell.get("attachments", {}),
            embed_images=self.embed_images,
            path=context.get("resources", {}).get("metadata", {}).get("path", ""),
            anchor_link_text=self.anchor_link_text,
            exclude_anchor_links=self.exclude_anchor_links,
            **self.lexer_options,
        )
        return MarkdownWithMath(renderer=renderer).render(source)
