# nbconvert configuration for the submission exports (HTML and PDF) of the executed notebooks.
# Loaded by scripts/export.sh with `jupyter nbconvert --config etc/nbconvert/export_config.py`;
# the Makefile and tests/test_export.py both go through that script.
import re
from pathlib import Path

from nbconvert.preprocessors import Preprocessor


class SubmissionPreprocessor(Preprocessor):
    """Prepare an executed notebook for the exported pages.

    * Drops ``stderr`` stream outputs (library warnings, C++ log lines): they are noise in the
      submitted pages.  They stay in the executed ``.ipynb``; each dropped output is logged.
    * Puts the NetID that papermill ran the notebook with (``metadata.papermill.parameters.NETID``)
      into the document's author line, so the PDF's title block reads "NetID: ab123".
    * Keeps papermill's ``injected-parameters`` cell off the pages: its values are written into the
      ``parameters`` cell instead (``NETID = "ab123"`` where the notebook said ``"your-netid"``), so
      the first cell shows the values the run used, once.
    """

    def move_injected_parameters(self, nb):
        params = nb.metadata.get("papermill", {}).get("parameters", {})
        injected = [c for c in nb.cells if "injected-parameters" in c.get("metadata", {}).get("tags", [])]
        target = next((c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])), None)
        if not injected:
            return
        nb.cells = [c for c in nb.cells if c not in injected]
        if target is None:  # nothing to write into: keep the injected cell, first
            nb.cells.insert(0, injected[0])
            return
        lines = target.source.splitlines()
        for name, value in params.items():
            literal = repr(value)
            pattern = re.compile(rf"^(\s*{re.escape(name)}\s*=\s*)(.*?)(\s+#.*)?$")
            for i, line in enumerate(lines):
                m = pattern.match(line)
                if m:
                    lines[i] = m.group(1) + literal + (m.group(3) or "")
                    break
            else:
                lines.append(f"{name} = {literal}")
        target.source = "\n".join(lines)

    def preprocess(self, nb, resources):
        self.move_injected_parameters(nb)
        dropped = []
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            keep = []
            for out in cell.get("outputs", []):
                if out.get("output_type") == "stream" and out.get("name") == "stderr":
                    first = out.get("text", "").strip().splitlines()[:1]
                    dropped.append(first[0][:100] if first else "")
                else:
                    keep.append(out)
            cell.outputs = keep
        if dropped:
            self.log.warning("export: left %d stderr output(s) out of the pages; first lines:\n  %s",
                             len(dropped), "\n  ".join(dropped))

        netid = nb.metadata.get("papermill", {}).get("parameters", {}).get("NETID")
        if netid and "authors" not in nb.metadata:
            nb.metadata["authors"] = [{"name": f"NetID: {netid}"}]
        return nb, resources


_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_NUMBER = re.compile(r"^[-+−]?[\d,]*\.?\d+(e[-+]?\d+)?\s*%?$|^$")


def _cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def table_widths(markdown):
    """Rewrite the separator line of each pipe table so that pandoc's LaTeX gives each column a width
    that fits its longest word (and half its longest cell), and numbers are right-aligned.

    Pandoc wraps a table whose source lines are long into columns of widths proportional to the
    dashes of the separator line; ``|---|---|`` gives equal widths, and a long header word such as
    "code_size" or "parameters" then runs into the next column ("code_size parameterspixel").
    """
    lines = markdown.split("\n")
    for i in range(1, len(lines)):
        if not (_SEPARATOR.match(lines[i]) and "|" in lines[i - 1]):
            continue
        header, seps = _cells(lines[i - 1]), _cells(lines[i])
        if len(header) != len(seps):
            continue
        body = []
        for line in lines[i + 1:]:
            if "|" not in line or not line.strip():
                break
            body.append(_cells(line))
        new = []
        for j, sep in enumerate(seps):
            column = [header[j]] + [row[j] for row in body if j < len(row)]
            word = max((len(w) for c in column for w in c.split()), default=3)
            weight = max(3, word + 1, (max(len(c) for c in column) + 1) // 2)
            numeric = body and all(_NUMBER.match(row[j]) for row in body if j < len(row))
            left = sep.startswith(":") and not numeric
            right = sep.endswith(":") or numeric
            new.append((":" if left else "") + "-" * weight + (":" if right else ""))
        lines[i] = "|" + "|".join(new) + "|"
    return "\n".join(lines)


class PipeTableWidths(Preprocessor):
    """PDF only: :func:`table_widths` on Markdown cells and Markdown outputs."""

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = table_widths(cell.source)
            for out in cell.get("outputs", []):
                if "text/markdown" in out.get("data", {}):
                    out["data"]["text/markdown"] = table_widths(out["data"]["text/markdown"])
        return nb, resources


c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

c.HTMLExporter.preprocessors = [SubmissionPreprocessor]
c.LatexExporter.preprocessors = [SubmissionPreprocessor, PipeTableWidths]

# Cells or parts of cells a notebook wants kept off the pages (tags set in the notebook).
c.TagRemovePreprocessor.enabled = True
c.TagRemovePreprocessor.remove_cell_tags = {"remove-cell", "remove_cell"}
c.TagRemovePreprocessor.remove_input_tags = {"remove-input", "remove_input"}
c.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output", "remove_output"}

# HTML (scripts/export.sh: --to mathml_html.MathMLHTMLExporter): math converted to MathML at export
# time and a template without any script (no MathJax, require.js or Mermaid from a CDN or from
# file:///usr/share/...), so the page renders the same on any computer, offline.  Images referenced
# from Markdown are embedded (figure outputs always are).
c.HTMLExporter.template_file = str(Path(__file__).with_name("html_submission.html.j2"))
c.HTMLExporter.embed_images = True

# PDF: nbconvert's LaTeX article with long lines in Markdown code blocks wrapped too.
c.LatexExporter.template_file = str(Path(__file__).with_name("latex_submission.tex.j2"))

# PDF: two xelatex passes instead of nbconvert's 3 + bibtex + 3 (there are no citations; the
# second pass writes the PDF bookmarks).  nbconvert runs latex again after a *successful* bib step,
# so a no-op bib step gives the second pass, without bibtex's "had problems" warning.
c.PDFExporter.latex_count = 1
c.PDFExporter.bib_command = ["true"]
