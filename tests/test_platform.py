"""Other machines: requirements, Python choice, system packages, NetID, venv kernels, Ctrl-C, submission, CI skips."""
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
import zipfile
from importlib.metadata import version
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import check_platforms  # noqa: E402
import collect_submission  # noqa: E402

# `make` here must not (re)install the venv the tests run in, nor apt-get anything.
MAKE = ["make", "-s", "-C", str(ROOT), "-o", ".venv/.installed", "-o", "system-packages", "-o", "data"]
v4 = nbformat.v4


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=kw.pop("timeout", 300), **kw)


def bin_dir(folder, links, scripts=()):
    """A PATH of its own: links to the real programs ``links``, and shell ``scripts`` {name: body}."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in dict(scripts).items():
        (folder / name).write_text(f"#!/bin/sh\n{body}\n")
        (folder / name).chmod(0o755)
    for tool in links:
        (folder / tool).symlink_to(shutil.which(tool))
    return folder


@pytest.mark.slow
def test_requirements_resolve_on_every_supported_platform_and_python():
    """What a Mac, a Windows PC, Linux aarch64/x86_64 would install, for 3.11-3.13 (uv, needs PyPI)."""
    for platform in check_platforms.PLATFORMS:
        for python in check_platforms.PYTHONS:
            ok, pins, err = check_platforms.resolve(platform, python)
            assert ok, f"{platform} / {python}: {err}"
            tf = "tensorflow-cpu" if platform.startswith("x86_64") else "tensorflow"
            got = tuple(pins.get(k) for k in (tf, "keras", "numpy"))
            assert got == ("2.21.0", "3.15.1", "2.4.6"), (platform, python, got)
    assert not check_platforms.resolve("x86_64-unknown-linux-gnu", "3.14")[0]  # no TensorFlow: find-python refuses it
    ok, pins, _ = check_platforms.resolve("x86_64-apple-darwin", "3.12")    # Intel macOS: none, hence setup's message
    assert "tensorflow" not in pins and "tensorflow-cpu" not in pins


def test_linux_x86_64_pins_are_those_of_this_venv():
    req = (ROOT / "requirements.txt").read_text()
    for name in ("numpy", "keras", "matplotlib", "nbconvert", "papermill", "latex2mathml"):
        assert f"{name}=={version(name)}\n" in req, name


@pytest.mark.parametrize("on_path, python, chosen, errors", [
    ("python3.11 python3.13 python3.12 python3", None, "python3.13", ()),            # the newest supported
    ("python3 python3.10", None, None, ("3.11, 3.12 or 3.13", "PYTHON=", "3.14")),   # none: one line
    ("python3.14 python3.12 python3.11", "python3.12", "python3.12", ()),           # PYTHON= chooses
    ("python3.14 python3.12 python3.11", "python3.14", None, ("is Python 3.14", "3.11, 3.12 or 3.13")),
])
def test_python_choice(tmp_path, on_path, python, chosen, errors):
    fakes = {n: f"echo {n[6:] if '.' in n else '3.14'}" for n in on_path.split()}  # python3 is 3.14
    bin_ = bin_dir(tmp_path, ["bash", "sh", "echo", "env", "cat"], fakes)  # what the script needs, nothing else
    env = {"PATH": str(bin_)} | ({"PYTHON": str(bin_ / python)} if python else {})
    proc = run([shutil.which("bash"), str(ROOT / "scripts" / "find-python.sh")], env=env)
    if chosen:
        assert proc.stdout.strip() == str(bin_ / chosen)
    else:
        assert proc.returncode == 1 and proc.stdout == "" and len(proc.stderr.strip().splitlines()) == 1
        assert all(e in proc.stderr for e in errors), proc.stderr


def test_intel_mac_set_up_stops_with_a_message(tmp_path):
    """No TensorFlow 2.21 for Intel Macs: the set-up says so and what to use instead (faked uname)."""
    bin_ = bin_dir(tmp_path / "bin", ["bash", "grep", "dirname"], {
        "uname": '[ "$1" = -s ] && echo Darwin || echo x86_64', "sysctl": "echo 0"})   # not under Rosetta
    proc = run([str(bin_ / "bash"), str(ROOT / "scripts" / "setup-venv.sh"), str(tmp_path / "venv")],
               env={"PATH": str(bin_)})
    assert proc.returncode == 1 and "Intel Macs" in proc.stderr and "Colab" in proc.stderr
    assert not (tmp_path / "venv").exists()


def test_without_apt_or_tools_the_advice_names_what_is_missing(tmp_path):
    bin_ = bin_dir(tmp_path / "bin", ["bash", "id", "uname", "grep", "cat"])
    script = str(ROOT / "scripts" / "system-packages.sh")
    env = {"PATH": str(bin_), "HOME": str(tmp_path)}
    proc = run([str(bin_ / "bash"), script, "install"], env=env)
    assert proc.returncode == 0, proc.stderr                          # carries on, in one line
    assert proc.stdout.count("\n") == 1 and "pdftotext" in proc.stdout and "Chromium-family browser" in proc.stdout
    assert proc.stderr == ""
    advice = run([str(bin_ / "bash"), script, "advice"], env=env)
    for word in ("pdftotext", "chromium", "apt-get install", "CHROME=/path", "make pdf"):
        assert word in advice.stdout, word
    assert "xelatex" not in advice.stdout and "pandoc" not in advice.stdout       # no TeX any more
    assert run([str(bin_ / "bash"), script, "have-pdf"], env=env).returncode == 1


@pytest.mark.parametrize("netid", ['a b', 'a"b', "it's", "x$HOME", "a_b\\c", "R&D", "100%", "`id`", "$(id)"])
def test_unsafe_netids_are_refused_with_the_allowed_characters(tmp_path, netid):
    proc = run(MAKE + [f"BUILD={tmp_path}", f"NETID={netid}", f"{tmp_path}/netid.txt"])
    assert proc.returncode != 0
    assert f'NETID "{netid}" is not a NetID: use letters, digits and . _ - only' in proc.stderr, proc.stderr
    for shell_error in ("syntax error", "unexpected", "command not found", "unterminated"):
        assert shell_error not in proc.stderr
    assert not (tmp_path / "netid.txt").exists()


def test_netid_stamp_is_literal_and_rewritten_only_on_change(tmp_path):
    stamp = tmp_path / "netid.txt"
    assert run(MAKE + [f"BUILD={tmp_path}", "NETID=ab_1.x-y", str(stamp)]).returncode == 0
    assert stamp.read_text() == "ab_1.x-y\n"
    os.utime(stamp, (1, 1))
    run(MAKE + [f"BUILD={tmp_path}", "NETID=ab_1.x-y", str(stamp)])
    assert stamp.stat().st_mtime == 1                                   # same NetID: untouched
    run(MAKE + [f"BUILD={tmp_path}", str(stamp)])
    assert stamp.read_text() == "your-netid\n"                          # `make`: the placeholder


@pytest.mark.parametrize("goal", ["pdf", "submission"])
def test_pdf_without_netid_stops_and_says_how(tmp_path, goal):
    env = {k: v for k, v in os.environ.items() if k != "NETID"}
    proc = run(MAKE + [f"BUILD={tmp_path}", goal], env=env)
    assert proc.returncode != 0 and "NETID=ab123" in proc.stderr
    assert not any(tmp_path.iterdir())                                  # nothing ran


def executed(path, netid="ab123", change=lambda cells: None):
    """A notebook that ran completely with ``netid``, then ``change``d."""
    cells = [v4.new_code_cell(f"NETID = {netid!r}  # your NetID\nx = 1", execution_count=1),
             v4.new_code_cell("y = 2", execution_count=2)]
    change(cells)
    nbformat.write(v4.new_notebook(cells=cells), str(path))


@pytest.fixture
def fake_build(tmp_path, monkeypatch):
    monkeypatch.setattr(collect_submission, "pdf_problems", lambda path, netid: [])
    (tmp_path / "netid.txt").write_text("ab123\n")
    for name in collect_submission.NOTEBOOKS:
        executed(tmp_path / f"{name}.ipynb")
        (tmp_path / f"{name}.pdf").write_bytes(b"%PDF-1.5 ab123")
    (tmp_path / "gradients.pdf").write_bytes(b"%PDF-1.5 ab123")
    return tmp_path


def test_submission_has_exactly_the_five_files_of_one_netid(fake_build, capsys):
    stale = fake_build / "submission"
    stale.mkdir()
    (stale / "autoencoder-zz999.pdf").write_text("old")                 # an older build's leftovers
    (fake_build / "submission-zz999.zip").write_text("old")
    assert collect_submission.main(fake_build) == 0
    assert sorted(p.name for p in stale.iterdir()) == sorted(collect_submission.FILES)
    assert [p.name for p in fake_build.glob("submission-*.zip")] == ["submission-ab123.zip"]
    names = zipfile.ZipFile(fake_build / "submission-ab123.zip").namelist()
    assert set(collect_submission.FILES) <= set(names) and "helpers/__init__.py" in names
    out = capsys.readouterr().out
    assert all(str(stale / f) in out for f in collect_submission.FILES)


@pytest.mark.parametrize("netid, change, message", [
    ("zz999", lambda cells: None, "first cell does not set NETID = 'ab123'"),
    ("ab123", lambda cells: cells.insert(1, v4.new_code_cell("# Parameters\nNETID = 'ab123'", execution_count=2)),
     "cells [1] set NETID too"),                                        # what papermill's injected cell does
    ("ab123", lambda cells: cells[1].update(execution_count=None), "did not run"),
    ("ab123", lambda cells: cells[1].update(outputs=[v4.new_output("error", ename="ValueError", evalue="bad",
                                                                   traceback=[])]), "failed (ValueError)"),
])
def test_submission_refuses_mixed_netids_and_incomplete_runs(fake_build, capsys, netid, change, message):
    executed(fake_build / "autoencoder.ipynb", netid, change)
    assert collect_submission.main(fake_build) == 1
    assert message in capsys.readouterr().err
    assert not (fake_build / "submission").exists()


@pytest.mark.skipif(not shutil.which("pdftotext"),
                    reason="pdftotext (poppler) missing: see scripts/system-packages.sh advice")
def test_pdf_netid_is_read_back(tmp_path):
    assert collect_submission.pdf_problems(tmp_path / "missing.pdf", "ab123")   # unreadable: refused


@pytest.mark.slow
def test_venv_kernel_config_keeps_tensorflow_lines_out_without_ipythondir(tmp_path, monkeypatch):
    """However Jupyter is started from the venv: the config in <venv>/etc/ipython applies."""
    config = (ROOT / "etc/ipython/profile_default/ipython_kernel_config.py").read_text()
    assert (Path(sys.prefix) / "etc" / "ipython" / "ipython_kernel_config.py").read_text() == config
    from nbclient import NotebookClient
    monkeypatch.delenv("IPYTHONDIR", raising=False)
    monkeypatch.delenv("TF_CPP_MIN_LOG_LEVEL", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))                 # no ~/.ipython profile of this machine either
    nb = v4.new_notebook(cells=[v4.new_code_cell("import tensorflow as tf\nprint(tf.constant(2.0) * 3)")])
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    outputs = nb.cells[0].outputs
    assert [o.get("name") for o in outputs if o.output_type == "stream"] == ["stdout"], outputs
    assert "6.0" in outputs[0].text


def processes_with(token):
    """PIDs of live processes whose environment holds ``token`` (kernels inherit it)."""
    def holds(d):
        with contextlib.suppress(OSError):
            return token.encode() in (d / "environ").read_bytes()
    return [int(d.name) for d in Path("/proc").glob("[0-9]*") if holds(d)]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the kernel (Linux)")
def test_interrupted_make_leaves_no_notebook_and_no_kernel_then_reruns(tmp_path):
    build = tmp_path / "build"
    token = f"A7_TEST_{uuid.uuid4().hex}"
    env = {**os.environ, token: "1"}
    target = f"{build}/minimal_neural_network.ipynb"
    # the full run (tens of seconds), so that Ctrl-C lands while a cell computes
    proc = subprocess.Popen(MAKE + [f"BUILD={build}", target], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    running = build / ".running" / "minimal_neural_network.ipynb"
    deadline = time.time() + 120
    while time.time() < deadline:     # wait until the kernel executes cells (papermill saved its first ones)
        if running.exists() and any(c.get("execution_count") for c in
                                    json.loads(running.read_text() or "{}").get("cells", [])):
            break
        time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("the notebook run did not start")
    assert len(processes_with(token)) >= 3                         # make, run_notebook.py, the kernel
    os.killpg(proc.pid, signal.SIGINT)                             # one Ctrl-C in the terminal
    t0 = time.time()
    proc.communicate(timeout=30)
    assert time.time() - t0 < 5, f"make took {time.time() - t0:.1f} s to stop after one Ctrl-C"
    assert proc.returncode != 0
    assert processes_with(token) == [], "a process of the interrupted run (the kernel?) is still running"
    assert not (build / "minimal_neural_network.ipynb").exists() and not running.exists()
    # the next make runs the notebook again, to the end
    again = run(MAKE + [f"BUILD={build}", "NB_PARAMS=-p NUM_ITERS 300", target], env=env, timeout=900)
    assert again.returncode == 0, again.stderr
    assert "Running minimal_neural_network.ipynb" in again.stdout
    assert not collect_submission.notebook_problems(build / "minimal_neural_network.ipynb", "your-netid")
    assert not any("absl" in line or "oneDNN" in line or "without encryption" in line
                   for line in (again.stdout + again.stderr).splitlines())      # quiet terminal


def test_ci_fails_a_run_with_a_skipped_test(tmp_path):
    (tmp_path / "test_demo.py").write_text(
        "import pytest\ndef test_ok(): pass\n@pytest.mark.skip(reason='tool missing')\ndef test_skipped(): pass\n")
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "ci_no_skips", "-p", "no:cacheprovider", str(tmp_path)]
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PYTHONPATH": str(ROOT / "tests")}
    ci = run(cmd, env={**env, "CI": "true"}, cwd=tmp_path)
    assert ci.returncode == 1 and "skipped, which CI does not allow" in ci.stdout
    assert run(cmd, env=env, cwd=tmp_path).returncode == 0


def test_ci_runs_exactly_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text()
    assert [l for l in script.splitlines() if l and not l.startswith(("#", "set ", "cd ", "export "))] == ["make test"]
