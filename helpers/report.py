"""Tables, records, and what the discussions show: MyST's ``{eval}`EXPR` `` shows a value's ``repr`` (live with
jupyterlab-myst, headless via scripts/run_notebook.py), :class:`Num` formats a number, :class:`Claims` checks a fact."""
import json
from pathlib import Path

import numpy as np


def markdown_table(headers, rows, floatfmt=".4f"):
    """A Markdown table (str) from ``headers`` and ``rows`` (sequences; floats formatted with ``floatfmt``)."""
    cells = [[format(float(v), floatfmt) if isinstance(v, (float, np.floating)) else str(v) for v in r] for r in rows]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in cells])


def records_table(records, columns, formats):
    """:func:`markdown_table` of dicts: ``columns`` maps a key to its header, ``formats`` a key to a format spec."""
    rows = [[format(r[k], formats[k]) if k in formats else r[k] for k in columns] for r in records]
    return markdown_table(list(columns.values()), rows)


def write_json(record, path):
    """Write ``record`` to ``path`` (folders created) as indented JSON."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2) + "\n")


class Num(float):
    """A float shown with a fixed format: ``Num(0.98765, ".3f")`` -> 0.988 (repr and str); arithmetic gives floats."""

    def __new__(cls, value, spec=".3f"):
        self = super().__new__(cls, value)
        self.spec = spec
        return self

    def __repr__(self):
        return format(float(self), self.spec)

    __str__ = __repr__


class Shown(str):
    """A string shown as itself, without quotes, by ``{eval}`` (whose text is the value's repr)."""

    __repr__ = str.__str__


class Claims:
    """The named statements of a notebook's discussions, each checked on the run; the sentence stating one ends with
    ``{eval}`claims.flag(name)` ``, and ``record()`` goes into the JSON record (the tests fail on a false claim)."""

    def __init__(self):
        self.results = {}

    def check(self, name, holds, detail=""):
        """Record claim ``name`` (``holds``: bool; ``detail``: the numbers behind it); return ``holds``."""
        self.results[name] = {"holds": bool(holds), "detail": str(detail)}
        return self.results[name]["holds"]

    def flag(self, name):
        """Nothing if claim ``name`` holds, else a bold note for the page (KeyError if never checked)."""
        r = self.results[name]
        return Shown("" if r["holds"] else f" **[Not so in this run: {r['detail'] or name}.]**")

    def record(self):
        """``{name: {"holds": bool, "detail": str}}`` for the JSON record."""
        return dict(self.results)

    def _repr_markdown_(self):
        rows = [(k, "yes" if r["holds"] else "**NO**", r["detail"]) for k, r in self.results.items()]
        return markdown_table(["claim", "holds", "detail"], rows)
