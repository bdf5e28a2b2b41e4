"""One source for Problem 1's answer (d2l's ``#@save`` pattern): the notebook's code cells whose first line is
``#@save``, in order, are the module ``helpers/minimal_nn/answer.py``.

    python helpers/minimal_nn/export.py     # after editing those cells (tests/test_minimal_answer.py checks it)
"""
import json
from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parents[2] / "minimal_neural_network.ipynb"
MODULE = Path(__file__).with_name("answer.py")
HEADER = ('"""Problem 1\'s answer: the ``#@save`` cells of minimal_neural_network.ipynb, written here by\n'
          '``python helpers/minimal_nn/export.py``.  Edit the notebook, not this file."""\n')


def saved_source(notebook=NOTEBOOK):
    """The module text made of ``notebook``'s ``#@save`` cells (str)."""
    cells = json.loads(Path(notebook).read_text())["cells"]
    sources = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    blocks = [s.split("\n", 1)[1].strip("\n") for s in sources if s.startswith("#@save\n")]
    return HEADER + "".join(f"{b}\n\n\n" if i < len(blocks) - 1 else f"{b}\n" for i, b in enumerate(blocks))


if __name__ == "__main__":
    text = saved_source()
    if not MODULE.exists() or MODULE.read_text() != text:  # untouched otherwise: what imports it is not re-run
        MODULE.write_text(text)
        print(f"wrote {MODULE}")
