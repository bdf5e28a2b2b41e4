"""Show the functions an answer runs, in one block: Markdown for Jupyter and HTML, a one-page LaTeX box for the PDF."""
import inspect

from pygments import highlight
from pygments.formatters import LatexFormatter
from pygments.lexers import PythonLexer


def show_answer(*functions, fontsize=r"\scriptsize"):
    """Display the source of ``functions`` as one code block.

    In the PDF the block is set in ``fontsize`` inside a minipage, so it is never split across pages.
    """
    from IPython.display import display

    source = "\n\n".join(inspect.getsource(f).rstrip("\n") for f in functions)
    latex = highlight(source, PythonLexer(), LatexFormatter(verboptions=f"fontsize={fontsize}"))
    display({"text/markdown": f"```python\n{source}\n```",
             "text/latex": "\\par\\noindent\\begin{minipage}{\\linewidth}\n" + latex + "\\end{minipage}\\par\n"},
            raw=True)
    return None
