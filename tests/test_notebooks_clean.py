"""The committed notebooks: clean sources, parameters first, no placeholder text."""
import json

import pytest

from conftest import ROOT


@pytest.mark.parametrize("name", ["minimal_neural_network", "autoencoder"])
def test_committed_notebook_is_cleared_starts_with_parameters_and_has_no_placeholder(name):
    text = (ROOT / f"{name}.ipynb").read_text()
    nb = json.loads(text)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code), "commit notebooks cleared"
    first = nb["cells"][0]
    assert "parameters" in first["metadata"].get("tags", []) and "NETID" in "".join(first["source"])
    for placeholder in ("your documentation goes here", "your description goes here", "written after the full run",
                        "todo", "narrative_"):
        assert placeholder not in text.lower()
