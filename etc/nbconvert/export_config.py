# nbconvert configuration for the submission HTML of the executed notebooks (the PDFs print it).
# Loaded by scripts/export.sh with `jupyter nbconvert --config etc/nbconvert/export_config.py`;
# the Makefile and tests/test_export.py both go through that script.
from pathlib import Path

from nbconvert.preprocessors import Preprocessor


class SubmissionPreprocessor(Preprocessor):
    """Prepare an executed notebook for the exported pages: drop ``stderr`` stream outputs (library
    warnings, C++ log lines), which are noise on the submitted pages.  They stay in the executed
    ``.ipynb``; each dropped output is logged."""

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
        return nb, resources


c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

c.HTMLExporter.preprocessors = [SubmissionPreprocessor]

# Cells or parts of cells a notebook wants kept off the pages (tags set in the notebook).
c.TagRemovePreprocessor.enabled = True
c.TagRemovePreprocessor.remove_cell_tags = {"remove-cell", "remove_cell", "explore"}  # explorers: live only
c.TagRemovePreprocessor.remove_input_tags = {"remove-input", "remove_input"}
c.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output", "remove_output"}

# HTML (scripts/export.sh: --to mathml_html.MathMLHTMLExporter): math converted to MathML at export
# time and a template without any script (no MathJax, require.js or Mermaid from a CDN or from
# file:///usr/share/...), so the page renders the same on any computer, offline.  Images referenced
# from Markdown are embedded (figure outputs always are).
c.HTMLExporter.template_file = str(Path(__file__).with_name("html_submission.html.j2"))
c.HTMLExporter.embed_images = True
