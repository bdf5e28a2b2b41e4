"""pytest plugin (loaded by conftest.py): under CI (environment variable CI set to true/1) a skipped test
fails the run -- on the CI machine (Debian, root) every tool is installed, so a skip means a test
that silently did not run.  Elsewhere skips are normal (e.g. no TeX) and only listed (-rs)."""
import os

import pytest


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("CI", "").lower() not in ("true", "1", "yes"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        names = ", ".join(sorted({r.nodeid for r in skipped})[:10])
        if reporter:
            reporter.write_line(f"CI: {len(skipped)} test(s) skipped, which CI does not allow: {names}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
