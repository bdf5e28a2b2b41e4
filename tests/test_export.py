"""scripts/export.sh's PDFs read back with poppler, its HTML opened offline in headless chromium (math rendered)."""
import base64
import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import nbformat
import pytest
from matplotlib.figure import Figure

from conftest import NETID, ROOT

_MISSING = [t for t in ["pdftotext", "pdfimages", "chromium"] if shutil.which(t) is None]
pytestmark = pytest.mark.skipif(bool(_MISSING), reason=f"export tools missing: {', '.join(_MISSING)} "
                                "(how to get them: scripts/system-packages.sh advice)")
v4 = nbformat.v4

DOCUMENTS = {  # headings, (fewest, most) pages, fewest figures
    "minimal_neural_network": (["Problem 1 (b)", "Problem 1 (c)"], (2, 40), 2),
    "autoencoder": (["Shallow autoencoder", "Deep Autoencoder", "Denoising autoencoder", "Problem 2 (c)"], (4, 60), 4),
    "gradients": (["Problem 1(a)", "Problem 2(a)"], (1, 15), 0),
}
RAW_LATEX = ["\\frac", "$$", "\\begin{", "\\end{", "\\mathcal", "\\partial"]
# TensorFlow / absl start-up lines, tracebacks, Python warnings, Keras verbose=1 progress bars.
NOISE = ["absl", "oneDNN", "WARNING: All log messages", "WARNING:tensorflow", "retracing", "Traceback",
         "━", "UserWarning", "DeprecationWarning", "FutureWarning", "ms/step\r", "\x08"]
# A Keras verbose=1 progress line once the bar glyphs are gone ("313/313  0s 1ms/step"); verbose=2 lines are fine.
PROGRESS_LINE = re.compile(r"\b\d+/\d+\s+\d+m?s \d+m?s/step")
SYN_NETID = "ab_1.x-y"          # a NetID with the characters LaTeX and Markdown treat specially


def export(kind, src, out, netid=None):
    """Run scripts/export.sh (the Makefile's command) and return ``out``."""
    cmd = ["bash", str(ROOT / "scripts" / "export.sh"), kind, str(src), str(out)] + ([netid] if netid else [])
    proc = subprocess.run(cmd, cwd=ROOT, env={**os.environ, "PYTHON": sys.executable}, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}"
    assert Path(out).is_file() and Path(out).stat().st_size > 0
    return Path(out)


def tool(*cmd):
    return subprocess.run([str(c) for c in cmd], check=True, capture_output=True, text=True).stdout


def pdf_images(pdf):
    return [line for line in tool("pdfimages", "-list", pdf).splitlines()[2:] if line.split()[2] == "image"]


def assert_pdf_clean(pdf, name, verbatim):
    """Math typeset (raw LaTeX only inside ``verbatim`` code/output), no log noise, nothing off the page -> text."""
    text = tool("pdftotext", "-layout", pdf, "-")
    squeeze = lambda s: re.sub(r"[\s↪␣]", "", s)  # whitespace, the wrap marks ↪ and ␣
    code = "\n".join(squeeze(v) for v in verbatim)
    raw = [ln.strip() for ln in text.splitlines() if any(s in ln for s in RAW_LATEX) and squeeze(ln) not in code]
    assert not raw, f"{name}.pdf shows raw LaTeX outside code: {raw[:5]}"
    noise = [s for s in NOISE if s in text] + PROGRESS_LINE.findall(text)
    assert not noise, f"{name}.pdf contains log noise {noise}"
    # words ending within half an inch of the page's right edge or beyond (the text ends 1 inch from it)
    pages = re.findall(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', tool("pdftotext", "-bbox", pdf, "-"), re.S)
    word = r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>'
    off = [w for width, page in pages for x, w in re.findall(word, page) if float(x) > float(width) - 36]
    assert not off, f"{name}.pdf has text running off the page (an unwrapped line): {off[:5]}"
    return text


RENDER_CHECK = """<script>
window.addEventListener("load", () => {
  const box = e => e.getBoundingClientRect();
  const maths = [...document.querySelectorAll("math")], fracs = [...document.querySelectorAll("mfrac")];
  const res = {n: maths.length, empty: maths.filter(m => box(m).width < 1 || box(m).height < 1).length,
               fracs: fracs.length,                                 // typeset: numerator above denominator
               stacked: fracs.filter(f => box(f.children[0]).bottom <= box(f.children[1]).top + 1).length};
  const prose = document.body.cloneNode(true);                     // the text outside code and plain output
  prose.querySelectorAll("pre, code, .highlight").forEach(e => e.remove());
  document.body.appendChild(prose); prose.style.position = "absolute";   // innerText needs it rendered
  const text = prose.innerText; prose.remove();
  res.tex = (text.match(/\\$[^$\\n]{1,80}\\$|\\\\(frac|partial|mathcal|mathrm|hat|sum|lVert)\\b/g) || []).slice(0, 5);
  const pre = document.createElement("pre"); pre.id = "render-check"; pre.textContent = JSON.stringify(res);
  document.body.appendChild(pre);
});
</script>"""


def assert_math_rendered(html_path, tmp_path, at_least=1):
    """Open a copy of the page, outside the repository, in headless chromium: its math rendered; return the counts."""
    copy = tmp_path / "elsewhere" / html_path.name
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(html_path.read_text(encoding="utf-8").replace("</body>", RENDER_CHECK + "</body>"),
                    encoding="utf-8")
    proc = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           "--host-resolver-rules=MAP * ~NOTFOUND",           # no network at all
                           f"--user-data-dir={tmp_path / 'chromium-profile'}", "--dump-dom", copy.as_uri()],
                          capture_output=True, text=True, timeout=120)
    m = re.search(r'<pre id="render-check">([^<]*)</pre>', proc.stdout)
    assert m, f"chromium gave no result: {proc.stderr[-500:]}"
    result = json.loads(m.group(1).replace("&quot;", '"'))
    assert result["n"] >= at_least, result                      # MathML elements ...
    assert result["empty"] == 0, result                         # ... each laid out with a size
    assert result["stacked"] == result["fracs"], result         # fractions typeset as fractions
    assert result["tex"] == [], result                          # no raw TeX visible
    return result


def assert_html_clean(path, name, tmp_path, at_least):
    """No script, nothing loaded but data: URIs, no stderr or log noise, the math rendered; return the page."""
    html = path.read_text(encoding="utf-8")
    assert "<script" not in html, re.findall(r"<script[^>]*>", html)[:3]
    assert "file://" not in html and "mathjax" not in html.lower()
    loads = re.findall(r'<(?:img|link|iframe|source)\b[^>]*\s(?:src|href)="([^"]+)"', html)
    assert all(u.startswith("data:") or u.startswith("#") for u in loads), loads[:5]
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in html
    text = re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]+", "", html)   # embedded images
    noise = [s for s in NOISE if s in text]
    assert not noise, f"{name}.html contains log noise {noise}"
    return html, assert_math_rendered(path, tmp_path, at_least)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_exported_documents(executed_notebook, tmp_path, name):
    """The submission files: headings, NetID, math, no noise, a sane number of pages, figures; clean HTML."""
    if name == "gradients":
        netid, md = SYN_NETID, (ROOT / "gradients.md").read_text(encoding="utf-8")
        pdf = export("markdown", ROOT / "gradients.md", tmp_path / "gradients.pdf", netid)
        verbatim = re.findall(r"```.*?```", md, re.S) + re.findall(r"`[^`\n]+`", md)
    else:
        netid, nb_path = NETID, executed_notebook(name)[0]
        pdf = export("pdf", nb_path, tmp_path / f"{name}.pdf")
        cells = [c for c in nbformat.read(str(nb_path), as_version=4).cells if c.cell_type == "code"]
        verbatim = [c.source for c in cells] + [o.get("text", "") or o.get("data", {}).get("text/plain", "")
                                                for c in cells for o in c.get("outputs", [])]  # plain-text outputs
    text = assert_pdf_clean(pdf, name, verbatim)
    flat, (headings, (low, high), figures) = " ".join(text.split()), DOCUMENTS[name]
    missing = [h for h in headings if h.lower() not in flat.lower()]
    assert not missing, f"{name}.pdf lacks headings {missing}"
    assert netid in flat, f"{name}.pdf does not show the NetID {netid}"
    assert low <= text.count("\f") <= high                              # pdftotext ends each page with \f
    if name == "gradients":
        assert f"NetID: {SYN_NETID}" in text
        assert "Appendix" not in text and "helpers/" not in text      # the answer alone (the code map is in docs/)
        assert len(re.findall(r"^\*\*\d\. ", md, re.M)) == 2           # two reasons
        return
    assert len(pdf_images(pdf)) >= figures
    html, result = assert_html_clean(export("html", nb_path, tmp_path / f"{name}.html"), name, tmp_path, 5)
    assert NETID in html
    assert html.count("<img") >= figures and "data:image/png;base64," in html


# --- the export mechanism itself, on small synthetic executed notebooks (no kernel needed) -----
GLYPHS = "54,000 × 784 ≈ 42 million, a ≤ b ≥ c, ‖x‖ → y, −1 · 2, θ λ ε δ σ — –"
WIDE_HEADERS = ["code_size", "parameters", "train MSE / pixel", "test MSE / pixel", "test − train",
                "test L = SSE / image", "PCA test MSE / pixel", "AE / PCA (test)", "dead code units"]
WIDE_TABLE = ("| " + " | ".join(WIDE_HEADERS) + " |\n|" + "---|" * len(WIDE_HEADERS) + "\n"
              "| 2 | 3,922 | 0.04410 | 0.04411 | +0.00001 | 34.58 | 0.04612 | 0.96 | 0 |\n"
              "| 256 | 402,448 | 0.00300 | 0.00320 | +0.00020 | 2.51 | 0.00300 | 1.07 | 12 |\n")
LONG_CODE = ("result = dict(" + ", ".join(f"parameter_{i:02d}={i}" for i in range(12)) + ")  # END-OF-CODE")
LONG_OUTPUT = " ".join(f"item{i:03d}" for i in range(30)) + " END-OF-OUTPUT"


def test_synthetic_notebook(tmp_path):
    """What the runner writes: parameters and explorer (live only) cells, Markdown math, a 150+ character code line
    with a long output line, stderr, glyphs, a wide table; then 4 cells (code, figure) too tall for a page's rest."""
    code, md = v4.new_code_cell, v4.new_markdown_cell
    stream = lambda name, text: v4.new_output("stream", name=name, text=text + "\n")
    absl = "WARNING: All log messages before absl::InitializeLog()"
    fig = Figure(figsize=(6, 4))
    fig.add_subplot().plot([0, 1], [0, 1])
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    png = {"image/png": base64.b64encode(buf.getvalue()).decode(), "text/plain": "<Figure>"}
    cells = [code(f"NETID = {SYN_NETID!r}  # your NetID\nEPOCHS = 1", execution_count=1,
                  metadata={"tags": ["parameters"]}),
             code("explore_everything()  # EXPLORER-CELL", execution_count=2, metadata={"tags": ["explore"]}),
             md("## Section A\n\nInline $W_1 \\in \\mathbb{R}^{H \\times D}$ and\n\n"
                "$$\\frac{\\partial \\mathcal{L}}{\\partial W_j} = \\frac{1}{n} \\sum_i \\delta_i h_i^T$$"),
             code(LONG_CODE + "\nprint(LONG)", execution_count=3, outputs=[stream("stdout", LONG_OUTPUT)]),
             code("print('ok')", execution_count=4, outputs=[stream("stdout", "visible stdout"),
                                                                   stream("stderr", absl)]),
             md(f"## Glyphs\n\n{GLYPHS}\n\n{WIDE_TABLE}"),
             md("## Filler\n\n" + "A line of text that fills the page. " * 40)]
    cells += [code("\n".join(f"x{k}_{i} = {i}  # CODE-{k}-{i}" for i in range(12)), execution_count=k + 5,
                   outputs=[v4.new_output("display_data", data=png)]) for k in range(4)]
    src = tmp_path / "synthetic.ipynb"
    nbformat.write(v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "papermill": {"parameters": {"NETID": SYN_NETID, "EPOCHS": 1}}}), str(src))
    # the long lines wrap, the math is typeset, the stderr output (log noise) is left out
    pdf = export("pdf", src, tmp_path / "synthetic.pdf")
    text = assert_pdf_clean(pdf, "synthetic", [LONG_CODE])
    assert f"NETID = '{SYN_NETID}' # your NetID" in " ".join(text.split())  # the first cell, literally
    assert all(s in text for s in ("Section A", "END-OF-CODE", "END-OF-OUTPUT", "visible stdout"))
    assert "In [" not in text and "[3]:" not in text           # no prompts
    assert "↪" not in text and "␣" not in text                 # wrapped by the browser, without wrap marks
    assert "EXPLORER-CELL" not in text                         # explorer cells stay off the pages
    shown = unicodedata.normalize("NFKC", text)   # θ typeset from the math font reads back as 𝜃
    missing = [ch for ch in set(GLYPHS) - {" ", ","} if ch not in shown]
    assert not missing, f"characters missing from the PDF (font lacks them): {missing}"
    # every header word of the wide table stands on its own: none runs into its neighbour ("parameterspixel")
    words = set(re.findall(r"\S+", text))
    assert {"code_size", "parameters", "pixel", "units"} <= words, words & set(" ".join(WIDE_HEADERS).split())
    assert not any(a + b in text for a in ("code_size", "parameters") for b in ("parameters", "train", "pixel"))
    # a code cell taller than the rest of a page moves to the next one; no figure is split (4 whole images)
    for k in range(4):
        on = [i for i, page in enumerate(text.split("\f")) if f"CODE-{k}-" in page]
        assert len(on) == 1, f"code cell {k} is split over pages {on}"
    assert len(pdf_images(pdf)) == 4, tool("pdfimages", "-list", pdf)
    html, result = assert_html_clean(export("html", src, tmp_path / "synthetic.html"), "synthetic", tmp_path, 2)
    assert "visible stdout" in html
    assert "\\frac" not in html and "<mfrac>" in html          # converted to MathML at export time
    assert result["fracs"] == 2
    # the check itself: nbconvert's stock HTML (MathJax from a CDN, unreachable offline) fails it
    stock = tmp_path / "stock"
    subprocess.run([sys.executable, "-m", "nbconvert", "--log-level", "ERROR", "--to", "html", "--output-dir",
                    str(stock), str(src)], check=True, capture_output=True)
    with pytest.raises(AssertionError):
        assert_math_rendered(stock / "synthetic.html", tmp_path / "s")
