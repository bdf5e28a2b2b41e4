"""Exports: the executed notebooks to HTML and PDF, and gradients.md to PDF.

Everything goes through scripts/export.sh, the script the Makefile runs for `make pdf`, so the test
checks the very commands that make the submission files.  The PDFs (the HTML printed by headless
Chromium) are read back with poppler (pdftotext, pdfinfo, pdfimages): headings present, NetID present,
math typeset (no raw LaTeX), no log noise, no text running off the page and no wrap marks, figures
embedded, a sane number of pages.  The HTML is
opened from a copy outside the repository in a real headless browser (chromium): every formula
rendered, nothing loaded from anywhere.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import NETID, ROOT

EXPORT = ROOT / "scripts" / "export.sh"

_TOOLS = ["pdftotext", "pdfinfo", "pdfimages", "chromium"]
_MISSING = [t for t in _TOOLS if shutil.which(t) is None]
pytestmark = pytest.mark.skipif(
    bool(_MISSING),
    reason=f"export tools missing: {', '.join(_MISSING)} (how to get them: scripts/system-packages.sh advice)")

NOTEBOOKS = ["minimal_neural_network", "autoencoder"]
HEADINGS = {
    "minimal_neural_network": ["Problem 1 (b)", "Problem 1 (c)"],
    "autoencoder": ["Shallow autoencoder", "Deep Autoencoder", "Denoising autoencoder", "Problem 2 (c)"],
    "gradients": ["Problem 1(a)", "Problem 2(a)"],
}
PAGES = {"minimal_neural_network": (2, 40), "autoencoder": (4, 60), "gradients": (1, 15)}
MIN_FIGURES = {"minimal_neural_network": 2, "autoencoder": 4}
RAW_LATEX = ["\\frac", "$$", "\\begin{", "\\end{", "\\mathcal", "\\partial"]
# TensorFlow / absl start-up lines, tracebacks, Python warnings, Keras verbose=1 progress bars.
NOISE = ["absl", "oneDNN", "WARNING: All log messages", "WARNING:tensorflow", "retracing", "Traceback",
         "━", "UserWarning", "DeprecationWarning", "FutureWarning", "ms/step\r", "\x08"]
# A Keras verbose=1 progress line once the bar glyphs are gone ("313/313  0s 1ms/step");
# verbose=2 lines ("8/8 - 1s - 80ms/step - loss: ...") are fine.
PROGRESS_LINE = re.compile(r"\b\d+/\d+\s+\d+m?s \d+m?s/step")


def export(kind, src, out, netid=None):
    """Run scripts/export.sh (the Makefile's command) and return ``out``."""
    cmd = ["bash", str(EXPORT), kind, str(src), str(out)] + ([netid] if netid else [])
    env = {**os.environ, "PYTHON": sys.executable}
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}"
    assert Path(out).is_file() and Path(out).stat().st_size > 0
    return Path(out)


def pdf_text(pdf):
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def flat(text):
    return " ".join(text.split())


def pdf_pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_images(pdf):
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True,
                             text=True).stdout.splitlines()[2:]
    return [line for line in listing if line.split()[2] == "image"]


def words_off_page(pdf, margin=36.0):
    """Words whose right edge is within ``margin`` points of the page's right edge, or beyond it
    (pdftotext -bbox): a line that was not wrapped.  The text block ends 1 inch from the edge."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    bad = []
    for page in re.finditer(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', html, re.S):
        limit = float(page.group(1)) - margin
        for m in re.finditer(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>',
                             page.group(2)):
            if float(m.group(1)) > limit:
                bad.append(m.group(2))
    return bad


@pytest.fixture(scope="module")
def exported(executed_notebook, tmp_path_factory):
    """``exported(name)`` -> dict of the exported files of one document (made once a module)."""
    out_dir = tmp_path_factory.mktemp("export")
    cache = {}

    def get(name):
        if name not in cache:
            if name == "gradients":
                cache[name] = {"pdf": export("markdown", ROOT / "gradients.md", out_dir / "gradients.pdf", NETID)}
            else:
                nb_path, _ = executed_notebook(name)
                cache[name] = {"html": export("html", nb_path, out_dir / f"{name}.html"),
                               "pdf": export("pdf", nb_path, out_dir / f"{name}.pdf")}
        return cache[name]

    return get


DOCUMENTS = NOTEBOOKS + ["gradients"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_pdf_headings_and_netid(exported, name):
    text = flat(pdf_text(exported(name)["pdf"]))
    missing = [h for h in HEADINGS[name] if flat(h).lower() not in text.lower()]
    assert not missing, f"{name}.pdf lacks headings {missing}"
    assert NETID in text, f"{name}.pdf does not show the NetID {NETID}"
    if name == "gradients":
        assert f"NetID: {NETID}" in text


def verbatim_sources(name, executed_notebook):
    """Text the PDF shows verbatim (code, and for notebooks the plain-text outputs), where LaTeX
    source is legitimate: a plot label or a Markdown string built in code."""
    if name == "gradients":
        md = (ROOT / "gradients.md").read_text(encoding="utf-8")
        return re.findall(r"```.*?```", md, re.S) + re.findall(r"`[^`\n]+`", md)
    nb = nbformat.read(str(executed_notebook(name)[0]), as_version=4)
    texts = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            texts.append(cell.source)
            for out in cell.get("outputs", []):
                texts.append(out.get("text", "") or out.get("data", {}).get("text/plain", ""))
    return texts


def raw_latex_lines(text, verbatim):
    """Lines of the PDF text with raw LaTeX that are not (pieces of) verbatim code or output."""
    squeeze = lambda s: re.sub(r"[\s↪␣]", "", s)  # whitespace, the wrap marks ↪ and ␣
    code = "\n".join(squeeze(v) for v in verbatim)
    return [line.strip() for line in text.splitlines()
            if any(s in line for s in RAW_LATEX) and squeeze(line) not in code]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_pdf_math_typeset(exported, executed_notebook, name):
    text = pdf_text(exported(name)["pdf"])
    raw = raw_latex_lines(text, verbatim_sources(name, executed_notebook))
    assert not raw, f"{name}.pdf shows raw LaTeX outside code: {raw[:5]}"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_pdf_no_log_noise(exported, name):
    text = pdf_text(exported(name)["pdf"])
    noise = [s for s in NOISE if s in text] + PROGRESS_LINE.findall(text)
    assert not noise, f"{name}.pdf contains log noise {noise}"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_pdf_pages_and_layout(exported, name):
    pdf = exported(name)["pdf"]
    low, high = PAGES[name]
    assert low <= pdf_pages(pdf) <= high
    off = words_off_page(pdf)
    assert not off, f"{name}.pdf has text running off the page (an unwrapped line): {off[:5]}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_pdf_figures_embedded(exported, name):
    assert len(pdf_images(exported(name)["pdf"])) >= MIN_FIGURES[name]


def html_is_self_contained(html):
    """No script at all, nothing loaded from a file:// path, a CDN or any server: only data: URIs."""
    assert "<script" not in html, re.findall(r"<script[^>]*>", html)[:3]
    assert "file://" not in html and "mathjax" not in html.lower()
    loads = re.findall(r'<(?:img|link|iframe|source)\b[^>]*\s(?:src|href)="([^"]+)"', html)
    assert all(u.startswith("data:") or u.startswith("#") for u in loads), loads[:5]


RENDER_CHECK = """<script>
window.addEventListener("load", () => {
  const maths = [...document.querySelectorAll("math")];
  const res = {n: maths.length, empty: 0, fracs: 0, stacked: 0, tex: []};
  for (const m of maths) { const r = m.getBoundingClientRect(); if (r.width < 1 || r.height < 1) res.empty++; }
  for (const f of document.querySelectorAll("mfrac")) {            // typeset: numerator above denominator
    res.fracs++;
    const [a, b] = [...f.children].map(e => e.getBoundingClientRect());
    if (a.bottom <= b.top + 1) res.stacked++;
  }
  const prose = document.body.cloneNode(true);                     // the text outside code and plain output
  prose.querySelectorAll("pre, code, .highlight").forEach(e => e.remove());
  document.body.appendChild(prose); prose.style.position = "absolute";   // innerText needs it rendered
  const text = prose.innerText; prose.remove();
  res.tex = (text.match(/\\$[^$\\n]{1,80}\\$|\\\\(frac|partial|mathcal|mathrm|hat|sum|lVert)\\b/g) || []).slice(0, 5);
  const pre = document.createElement("pre"); pre.id = "render-check"; pre.textContent = JSON.stringify(res);
  document.body.appendChild(pre);
});
</script>"""


def browser_render_check(html_path, tmp_path):
    """Open a copy of the page, outside the repository, in headless chromium; return what it rendered."""
    import json
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
    return json.loads(m.group(1).replace("&quot;", '"'))


def assert_math_rendered(result, at_least=1):
    assert result["n"] >= at_least, result                      # MathML elements ...
    assert result["empty"] == 0, result                         # ... each laid out with a size
    assert result["stacked"] == result["fracs"], result         # fractions typeset as fractions
    assert result["tex"] == [], result                          # no raw TeX visible


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_html_self_contained_clean_and_math_rendered_in_a_browser(exported, name, tmp_path):
    path = exported(name)["html"]
    html = path.read_text(encoding="utf-8")
    html_is_self_contained(html)
    assert NETID in html
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in html
    text = re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]+", "", html)   # embedded images
    noise = [s for s in NOISE if s in text]
    assert not noise, f"{name}.html contains log noise {noise}"
    assert html.count("<img") >= MIN_FIGURES[name] and "data:image/png;base64," in html
    assert_math_rendered(browser_render_check(path, tmp_path), at_least=5)


# --- the export mechanism itself, on a small synthetic executed notebook (no kernel needed) -----

SYN_NETID = "ab_1.x-y"          # a NetID with the characters LaTeX and Markdown treat specially
GLYPHS = "54,000 × 784 ≈ 42 million, a ≤ b ≥ c, ‖x‖ → y, −1 · 2, θ λ ε δ σ — –"
WIDE_HEADERS = ["code_size", "parameters", "train MSE / pixel", "test MSE / pixel", "test − train",
                "test L = SSE / image", "PCA test MSE / pixel", "AE / PCA (test)", "dead code units"]
WIDE_TABLE = ("| " + " | ".join(WIDE_HEADERS) + " |\n|" + "---|" * len(WIDE_HEADERS) + "\n"
              "| 2 | 3,922 | 0.04410 | 0.04411 | +0.00001 | 34.58 | 0.04612 | 0.96 | 0 |\n"
              "| 256 | 402,448 | 0.00300 | 0.00320 | +0.00020 | 2.51 | 0.00300 | 1.07 | 12 |\n")
LONG_CODE = ("result = dict(" + ", ".join(f"parameter_{i:02d}={i}" for i in range(12)) + ")  # END-OF-CODE")
LONG_OUTPUT = " ".join(f"item{i:03d}" for i in range(30)) + " END-OF-OUTPUT"


def synthetic_notebook(path):
    """What the runner writes: a parameters cell, Markdown math, a 150+ character code line with a
    long output line, a cell with a stderr stream output, and an explorer cell (live only)."""
    v4 = nbformat.v4
    nb = v4.new_notebook()
    params = v4.new_code_cell(f'NETID = {SYN_NETID!r}  # your NetID\nEPOCHS = 1', execution_count=1)
    params.metadata["tags"] = ["parameters"]
    explorer = v4.new_code_cell("explore_everything()  # EXPLORER-CELL", execution_count=2)
    explorer.metadata["tags"] = ["explore"]
    math = v4.new_markdown_cell("## Section A\n\nInline $W_1 \\in \\mathbb{R}^{H \\times D}$ and\n\n"
                                "$$\\frac{\\partial \\mathcal{L}}{\\partial W_j} = \\frac{1}{n} \\sum_i \\delta_i h_i^T$$")
    long = v4.new_code_cell(LONG_CODE + "\nprint(LONG)", execution_count=3,
                            outputs=[v4.new_output("stream", name="stdout", text=LONG_OUTPUT + "\n")])
    noisy = v4.new_code_cell("print('ok')", execution_count=4, outputs=[
        v4.new_output("stream", name="stdout", text="visible stdout\n"),
        v4.new_output("stream", name="stderr", text="WARNING: All log messages before absl::InitializeLog()\n")])
    glyphs = v4.new_markdown_cell(f"## Glyphs\n\n{GLYPHS}\n\n{WIDE_TABLE}")
    nb.cells = [params, explorer, math, long, noisy, glyphs]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["papermill"] = {"parameters": {"NETID": SYN_NETID, "EPOCHS": 1}}
    nbformat.write(nb, str(path))
    return path


@pytest.fixture(scope="module")
def synthetic_exports(tmp_path_factory):
    d = tmp_path_factory.mktemp("synthetic")
    src = synthetic_notebook(d / "synthetic.ipynb")
    return export("html", src, d / "synthetic.html"), export("pdf", src, d / "synthetic.pdf")


def test_synthetic_pdf(synthetic_exports):
    _, pdf = synthetic_exports
    text = pdf_text(pdf)
    assert f"NETID = '{SYN_NETID}' # your NetID" in flat(text)  # the first cell, literally
    assert "Section A" in text and "END-OF-CODE" in text and "END-OF-OUTPUT" in text
    assert "visible stdout" in text
    assert "absl" not in text and "WARNING" not in text       # stderr outputs are left out
    assert not raw_latex_lines(text, [LONG_CODE])
    assert "In [" not in text and "[3]:" not in text           # no prompts
    assert not words_off_page(pdf)                             # the long code and output lines wrap
    assert "↪" not in text and "␣" not in text                 # ... by the browser, without wrap marks
    assert "EXPLORER-CELL" not in text                         # explorer cells stay off the pages


def test_pdf_page_breaks_keep_figures_and_code_whole(tmp_path):
    """A code cell taller than the rest of a page moves to the next page instead of being split, and a
    figure is never split: each image lies wholly on one page (its drawn height is its full height)."""
    v4 = nbformat.v4
    nb = v4.new_notebook()
    import base64
    import io
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot([0, 1], [0, 1])
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    data = base64.b64encode(buf.getvalue()).decode()
    cells = [v4.new_markdown_cell("## Filler\n\n" + "A line of text that fills the page. " * 40)]
    for k in range(4):
        code = "\n".join(f"x{k}_{i} = {i}  # CODE-{k}-{i}" for i in range(12))
        cells.append(v4.new_code_cell(code, execution_count=k + 1, outputs=[
            v4.new_output("display_data", data={"image/png": data, "text/plain": "<Figure>"})]))
    nb.cells = cells
    src = tmp_path / "breaks.ipynb"
    nbformat.write(nb, str(src))
    pdf = export("pdf", src, tmp_path / "breaks.pdf")
    pages = [subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"], capture_output=True,
                            text=True).stdout for i in range(1, pdf_pages(pdf) + 1)]
    for k in range(4):
        on = [i for i, t in enumerate(pages) if f"CODE-{k}-" in t]
        assert len(on) == 1, f"code cell {k} is split over pages {on}"
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True).stdout
    assert len(pdf_images(pdf)) == 4, listing


def test_pdf_glyphs_and_wide_table(synthetic_exports):
    _, pdf = synthetic_exports
    text = pdf_text(pdf)
    import unicodedata
    shown = unicodedata.normalize("NFKC", text)   # θ typeset from the math font reads back as 𝜃
    missing = [ch for ch in set(GLYPHS) - {" ", ","} if ch not in shown]
    assert not missing, f"characters missing from the PDF (font lacks them): {missing}"
    header_words = {w for h in WIDE_HEADERS for w in h.split()}
    # every header word stands on its own: none runs into its neighbour ("code_size parameterspixel")
    words = set(re.findall(r"\S+", text))
    assert {"code_size", "parameters", "pixel", "units"} <= words, words & header_words
    assert not any(a + b in text for a in ("code_size", "parameters") for b in ("parameters", "train", "pixel"))
    assert not words_off_page(pdf)


def test_synthetic_html(synthetic_exports, tmp_path):
    html, _ = synthetic_exports
    text = html.read_text(encoding="utf-8")
    assert "visible stdout" in text and "absl" not in text
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in text
    html_is_self_contained(text)
    assert "\\frac" not in text and "<mfrac>" in text          # converted to MathML at export time
    result = browser_render_check(html, tmp_path)
    assert_math_rendered(result, at_least=2)
    assert result["fracs"] == 2
    # the check itself: nbconvert's stock HTML (MathJax from a CDN, unreachable offline) fails it
    stock = tmp_path / "stock"
    subprocess.run([sys.executable, "-m", "nbconvert", "--log-level", "ERROR", "--to", "html", "--output-dir",
                    str(stock), str(html.with_suffix(".ipynb"))], check=True, capture_output=True)
    with pytest.raises(AssertionError):
        assert_math_rendered(browser_render_check(stock / "synthetic.html", tmp_path / "s"))


def test_gradients_pdf_with_an_underscore_netid(tmp_path):
    pdf = export("markdown", ROOT / "gradients.md", tmp_path / "gradients.pdf", SYN_NETID)
    text = pdf_text(pdf)
    assert f"NetID: {SYN_NETID}" in text
    assert "Appendix" not in text and "helpers/" not in text      # the answer alone (the code map is in docs/)
    assert len(re.findall(r"^\*\*\d\. ", (ROOT / "gradients.md").read_text(), re.M)) == 2   # two reasons
