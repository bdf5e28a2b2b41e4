"""The ``#@save`` code cells of minimal_neural_network.ipynb, in order, are ``answer.py`` (d2l's pattern): run
``python helpers/minimal_nn/export.py`` after editing them (tests/test_minimal_answer.py checks it)."""
import json
from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parents[2] / "minimal_neural_network.ipynb"
MODULE = Path(__file__).with_name("answer.py")
HEADER = ('"""Problem 1\'s answer: the ``#@save`` cells of minimal_neural_network.ipynb, written here by\n'
          '``python helpers/minimal_nn/export.py``.  Edit the notebook, not this file."""\n')


def saved_source():
    """The module text made of the notebook's ``#@save`` cells (str)."""
    sources = ["".join(c["source"]) for c in json.loads(NOTEBOOK.read_text())["cells"] if c["cell_type"] == "code"]
    return HEADER + "\n\n\n".join(s.split("\n", 1)[1].strip("\n") for s in sources if s.startswith("#@save\n")) + "\n"


if __name__ == "__main__":
    text = saved_source()
    if not MODULE.exists() or MODULE.read_text() != text:  # untouched otherwise: what imports it is not re-run
        MODULE.write_text(text)
        print(f"wrote {MODULE}")
