"""README.md's tables are rendered from the committed records, never typed by hand."""
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from readme_tables import replace_sections, sections  # noqa: E402


def test_readme_tables_match_the_committed_records():
    text = (ROOT / "README.md").read_text()
    rendered = sections()
    assert rendered, "results/ holds no records"
    for (start, end) in rendered:
        assert start in text and end in text, f"README.md lacks the {start} section"
    assert replace_sections(text, rendered) == text, "README.md is stale: run `make readme`"


def test_readme_states_the_two_commands():
    lines = [l.strip() for l in (ROOT / "README.md").read_text().splitlines()]
    assert "make" in lines and "make test" in lines


def test_every_make_goal_the_docs_name_exists():
    """Catches a README or docs/setup.md that sends users to a goal the Makefile no longer has."""
    import re
    import subprocess
    goals = set()
    for doc in ("README.md", "docs/setup.md"):
        goals |= set(re.findall(r"`make ([a-z][\w-]*)", (ROOT / doc).read_text()))
    listed = subprocess.run(["make", "-pRrq", "-f", "Makefile", ":"], cwd=ROOT, capture_output=True, text=True).stdout
    targets = set(re.findall(r"^([a-z][\w-]*):", listed, re.M))
    assert goals and goals <= targets, f"docs name make goals the Makefile lacks: {sorted(goals - targets)}"
