"""Checks of the Markdown discussions: every {eval} resolved, no run's decimal typed outside {eval}, math, code."""
import re

EVAL = re.compile(r"\{eval\}`([^`]+)`")
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.S)
CODE = re.compile(r"`[^`\n]+`")
DECIMAL = re.compile(r"(?<![\w.])(\d+\.\d+|\d{1,3}(?:,\d{3})+)(?![\w.])")


def _found(nb, pattern):
    """``[(cell_index, text)]`` of every match of ``pattern`` in the Markdown cells of ``nb``."""
    return [(i, m.group(0)) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"
            for m in re.finditer(pattern, c.source)]


def unresolved(nb):
    """Every ``{eval}`` left in an executed notebook's Markdown."""
    return _found(nb, EVAL)


def flagged(nb):
    """Claims the run contradicted, as shown on the page ("[Not so in this run: ...]")."""
    return _found(nb, r"\[Not so in this run:[^\]]*\]")


def literal_decimals(nb, allowed=()):
    """``[(cell_index, number)]``: decimals typed into Markdown outside {eval}, math and code, not in ``allowed``."""
    allowed = {str(a) for a in allowed}
    return [(i, n) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"
            for n in DECIMAL.findall(CODE.sub(" ", MATH.sub(" ", EVAL.sub(" ", c.source)))) if n not in allowed]
