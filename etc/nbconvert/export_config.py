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


c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

c.Exporter.preprocessors = [SubmissionPreprocessor]

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
c.PDFExporter.template_file = str(Path(__file__).with_name("latex_submission.tex.j2"))

# PDF: two xelatex passes instead of nbconvert's 3 + bibtex + 3 (there are no citations; the
# second pass writes the PDF bookmarks).  nbconvert runs latex again after a *successful* bib step,
# so a no-op bib step gives the second pass, without bibtex's "had problems" warning.
c.PDFExporter.latex_count = 1
c.PDFExporter.bib_command = ["true"]
