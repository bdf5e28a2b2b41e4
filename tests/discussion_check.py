"""Checks of the Markdown discussions: every {eval} resolved, no run-dependent number typed in.

A discussion shows run-dependent values only through MyST's ``{eval}`EXPR` `` role, which the runner
replaces by the value in the executed copy.  So an executed notebook must hold no ``{eval}`` any more,
and a committed notebook's Markdown may hold, outside ``{eval}`` and ``$...$`` math, only the decimals
listed as fixed facts (settings such as a step size), each of which a test checks against the code.
"""
import re

EVAL = re.compile(r"\{eval\}`([^`]+)`")
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.S)
CODE = re.compile(r"`[^`\n]+`")
DECIMAL = re.compile(r"(?<![\w.])(\d+\.\d+|\d{1,3}(?:,\d{3})+)(?![\w.])")


def eval_roles(source):
    """The expressions of the ``{eval}`` roles in a Markdown source, in order."""
    return EVAL.findall(source)


def markdown_cells(nb):
    """``[(index, source)]`` of the Markdown cells of a notebook (nbformat node)."""
    return [(i, c.source) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"]


def unresolved(nb):
    """``[(cell_index, text)]`` for every ``{eval}`` left in an executed notebook's Markdown."""
    return [(i, m.group(0)) for i, s in markdown_cells(nb) for m in EVAL.finditer(s)]


def literal_decimals(nb, allowed=()):
    """``[(cell_index, number)]``: decimals typed into Markdown outside {eval}, math and code, not in ``allowed``."""
    allowed = {str(a) for a in allowed}
    out = []
    for i, s in markdown_cells(nb):
        text = CODE.sub(" ", MATH.sub(" ", EVAL.sub(" ", s)))
        out += [(i, n) for n in DECIMAL.findall(text) if n not in allowed]
    return out


def flagged(nb):
    """``[(cell_index, text)]``: claims the run contradicted, as shown on the page ("[Not so in this run: ...]")."""
    return [(i, m.group(0)) for i, s in markdown_cells(nb) for m in re.finditer(r"\[Not so in this run:[^\]]*\]", s)]
