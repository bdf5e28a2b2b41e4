"""The committed README.md (tables from the records, commands and make goals real) and notebooks (cleared)."""
import json
import re
import subprocess

import pytest

from conftest import ROOT
from readme_tables import replace_sections, sections


def test_readme_tables_match_the_committed_records():
    text = (ROOT / "README.md").read_text()
    rendered = sections()
    assert rendered, "results/ holds no records"
    for (start, end) in rendered:
        assert start in text and end in text, f"README.md lacks the {start} section"
    assert replace_sections(text, rendered) == text, "README.md is stale: run `make readme`"


def test_readme_states_the_two_commands_and_docs_name_only_existing_make_goals():
    """Catches a README without `make`/`make test`, or docs that send users to a goal the Makefile lacks."""
    lines = [line.strip() for line in (ROOT / "README.md").read_text().splitlines()]
    assert "make" in lines and "make test" in lines
    docs = (ROOT / "README.md").read_text() + (ROOT / "docs" / "setup.md").read_text()
    goals = set(re.findall(r"`make ([a-z][\w-]*)", docs))
    listed = subprocess.run(["make", "-pRrq", "-f", "Makefile", ":"], cwd=ROOT, capture_output=True, text=True).stdout
    targets = set(re.findall(r"^([a-z][\w-]*):", listed, re.M))
    assert goals and goals <= targets, f"docs name make goals the Makefile lacks: {sorted(goals - targets)}"


@pytest.mark.parametrize("name", ["minimal_neural_network", "autoencoder"])
def test_committed_notebook_is_cleared_and_has_no_placeholder(name):
    text = (ROOT / f"{name}.ipynb").read_text()
    nb = json.loads(text)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code), "commit notebooks cleared"
    for placeholder in ("your documentation goes here", "your description goes here", "written after the full run",
                        "todo", "narrative_"):
        assert placeholder not in text.lower()
