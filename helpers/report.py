"""Small tables, records and the facts a notebook's Markdown discussions show.

The discussions are Markdown cells that show run-dependent numbers with MyST's inline role
``{eval}`EXPR` `` (JupyterLab with jupyterlab-myst evaluates it live; a headless run evaluates it
in the kernel through the Jupyter protocol's ``user_expressions``, see scripts/run_notebook.py).
What is shown is the value's ``repr``: :class:`Num` gives a number its format, and
:class:`Claims` records each qualitative statement a discussion makes as a named, checked fact.
"""
import json
from pathlib import Path

import numpy as np


def markdown_table(headers, rows, floatfmt=".4f"):
    """A Markdown table (str) from ``headers`` and ``rows`` (sequences; floats formatted with ``floatfmt``)."""
    def fmt(v):
        if isinstance(v, (float, np.floating)):
            return format(float(v), floatfmt)
        return str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def records_table(records, columns, formats=None):
    """:func:`markdown_table` of dicts: ``columns`` maps a key to its header, ``formats`` a key to a format spec."""
    formats = formats or {}
    rows = [[format(r[k], formats[k]) if k in formats else r[k] for k in columns] for r in records]
    return markdown_table(list(columns.values()), rows)


def write_json(record, path):
    """Write ``record`` to ``path`` (folders created) as indented JSON; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2) + "\n")
    return path


class Num(float):
    """A float shown with a fixed format: ``Num(0.98765, ".3f")`` -> 0.988 (repr and str).

    Arithmetic on it gives a plain float; wrap the result again to show it.
    """

    def __new__(cls, value, spec=".3f"):
        self = super().__new__(cls, value)
        self.spec = spec
        return self

    def __repr__(self):
        return format(float(self), self.spec)

    __str__ = __repr__


class Shown(str):
    """A string shown as itself, without quotes, by ``{eval}`` (whose text is the value's repr)."""

    def __repr__(self):
        return str(self)


class Claims:
    """The named statements a notebook's discussions make, each checked on the run.

    ``claims.check(name, holds, detail)`` records one (``detail``: the numbers behind it) and returns
    ``holds``; the sentence that states it ends with ``{eval}`claims.flag(name)` ``, which shows
    nothing when the claim holds and a bold note when this run contradicts it.  The tests fail on any
    claim that does not hold (``claims.record()`` goes into the notebook's JSON record).
    """

    def __init__(self):
        self.results = {}

    def check(self, name, holds, detail=""):
        """Record claim ``name`` (``holds``: bool) with ``detail``; return ``holds``."""
        holds = bool(holds)
        self.results[name] = {"holds": holds, "detail": str(detail)}
        return holds

    def flag(self, name):
        """Nothing if claim ``name`` holds, else a bold note for the page (KeyError if never checked)."""
        r = self.results[name]
        return Shown("" if r["holds"] else f" **[Not so in this run: {r['detail'] or name}.]**")

    def failed(self):
        """Names of the claims that do not hold."""
        return [k for k, r in self.results.items() if not r["holds"]]

    def record(self):
        """``{name: {"holds": bool, "detail": str}}`` for the JSON record."""
        return dict(self.results)

    def _repr_markdown_(self):
        rows = [(k, "yes" if r["holds"] else "**NO**", r["detail"]) for k, r in self.results.items()]
        return markdown_table(["claim", "holds", "detail"], rows)
