# nbconvert configuration for the submission exports (HTML and PDF) of the executed notebooks.
# Loaded by scripts/export.sh with `jupyter nbconvert --config etc/nbconvert/export_config.py`;
# the Makefile (mk/export.mk) and tests/test_export.py both go through that script.
from pathlib import Path

from nbconvert.preprocessors import Preprocessor


class SubmissionPreprocessor(Preprocessor):
    """Prepare an executed notebook for the exported pages.

    * Drops ``stderr`` stream outputs (library warnings, C++ log lines): they are noise in the
      submitted pages.  They stay in the executed ``.ipynb``; each dropped output is logged.
    * Puts the NetID that papermill ran the notebook with (``metadata.papermill.parameters.NETID``)
      into the document's author line, so the PDF's title block reads "NetID: ab123".
    """

    def preprocess(self, nb, resources):
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

# HTML: MathJax 2 (what nbconvert 7's templates configure) from Debian's libjs-mathjax and
# require.js from libjs-requirejs instead of CDNs, so the page works offline (mermaid.js is only
# fetched for Mermaid diagrams, which the notebooks have none of); images referenced from
# Markdown are embedded (figure outputs always are).
c.HTMLExporter.mathjax_url = (
    "file:///usr/share/javascript/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
)
c.HTMLExporter.require_js_url = "file:///usr/share/javascript/requirejs/require.min.js"
c.HTMLExporter.embed_images = True

# PDF: nbconvert's LaTeX article with long lines in Markdown code blocks wrapped too.
c.PDFExporter.template_file = str(Path(__file__).with_name("latex_submission.tex.j2"))

# PDF: two xelatex passes instead of nbconvert's 3 + bibtex + 3 (there are no citations; the
# second pass writes the PDF bookmarks).  nbconvert runs latex again after a *successful* bib step,
# so a no-op bib step gives the second pass, without bibtex's "had problems" warning.
c.PDFExporter.latex_count = 1
c.PDFExporter.bib_command = ["true"]
