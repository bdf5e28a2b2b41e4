"""README.md: its tables rendered from the committed records, its commands and make goals real."""
import re
import subprocess

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
