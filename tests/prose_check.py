"""Every decimal in a run's rendered text must be a number of that same run.

The text of an executed notebook is its Markdown cells plus the Markdown that its discussion cells
(``prose()``, tagged ``remove-input``) rendered.  Each decimal there (``0.967``, ``8.6``, ``1.5e-3``
is not a decimal and is ignored) must match, to the digits shown, a number in the run's outputs
(any printed text or table) or in its JSON record.  A number typed into the prose from another
run fails, because the run that made the page did not produce it.
"""
import json
import re

import nbformat

DECIMAL = re.compile(r"(?<![\w.])(\d+\.\d+)(?![\w.])")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _numbers(obj, out):
    if isinstance(obj, bool):
        return
    if isinstance(obj, (int, float)):
        out.append(float(obj))
    elif isinstance(obj, dict):
        for v in obj.values():
            _numbers(v, out)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            _numbers(v, out)
    elif isinstance(obj, str):
        out.extend(float(m) for m in NUMBER.findall(obj.replace(",", "")))
    return out


def notebook_text(nb):
    """(prose, other_outputs): the Markdown a reader sees, and every other output's text."""
    prose, other = [], []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            prose.append(cell.source)
            continue
        if cell.cell_type != "code":
            continue
        is_prose = "remove-input" in cell.metadata.get("tags", [])
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                other.append(out.get("text", ""))
            elif "data" in out:
                md = out["data"].get("text/markdown")
                if md is not None:
                    (prose if is_prose else other).append(md)
                plain = out["data"].get("text/plain")
                if plain is not None and md is None:
                    other.append(plain)
    return "\n".join(prose), "\n".join(other)


def stale_decimals(nb_path, record):
    """Decimals of the rendered prose that neither the run's other outputs nor its record contain."""
    nb = nbformat.read(str(nb_path), as_version=4)
    prose, other = notebook_text(nb)
    known = _numbers(record, []) + _numbers(other, [])
    stale = []
    for m in DECIMAL.finditer(prose):
        text = m.group(1)
        d = float(text)
        places = len(text.split(".")[1])
        tol = 0.5 * 10 ** -places + 1e-12
        # also accept percentages and "points" (fractions x 100) of recorded numbers
        # signs are written out ("+0.00029", "-0.8 %"), so compare magnitudes
        if not any(abs(abs(v) - d) <= tol or abs(100 * abs(v) - d) <= tol for v in known):
            start = max(0, m.start() - 60)
            stale.append(f"{text!r} in: …{prose[start:m.end() + 20]}…")
    return stale


def load_record(path):
    return json.loads(open(path).read())
