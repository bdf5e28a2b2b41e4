"""The build on other machines: requirements per platform, the choice of Python, optional system packages,
the NetID, kernels configured from the venv, interrupted runs, the submission check, CI's no-skip rule."""
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import check_platforms  # noqa: E402
import collect_submission  # noqa: E402

# `make` here must not (re)install the venv the tests run in, nor apt-get anything.
MAKE = ["make", "-s", "-C", str(ROOT), "-o", ".venv/.installed", "-o", "system-packages", "-o", "data"]


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=kw.pop("timeout", 300), **kw)


# --- requirements ---------------------------------------------------------------------------------
@pytest.mark.slow
def test_requirements_resolve_on_every_supported_platform_and_python():
    """What a Mac, a Windows PC, Linux aarch64/x86_64 would install, for 3.11-3.13 (uv, needs PyPI)."""
    for platform in check_platforms.PLATFORMS:
        for python in check_platforms.PYTHONS:
            ok, pins, err = check_platforms.resolve(platform, python)
            assert ok, f"{platform} / {python}: {err}"
            tf = "tensorflow-cpu" if platform.startswith("x86_64") else "tensorflow"
            assert pins.get(tf) == "2.21.0" and pins["keras"] == "3.15.1" and pins["numpy"] == "2.4.6", (platform, python)
    # Python 3.14 has no TensorFlow: the set-up refuses it (find-python) rather than pip failing late.
    assert not check_platforms.resolve("x86_64-unknown-linux-gnu", "3.14")[0]
    # Intel macOS: no TensorFlow at all from these pins, hence the set-up's message.
    ok, pins, _ = check_platforms.resolve("x86_64-apple-darwin", "3.12")
    assert "tensorflow" not in pins and "tensorflow-cpu" not in pins


def test_linux_x86_64_pins_are_those_of_this_venv():
    from importlib.metadata import version
    req = (ROOT / "requirements.txt").read_text()
    for name in ("numpy", "keras", "matplotlib", "nbconvert", "papermill", "latex2mathml"):
        assert f"{name}=={version(name)}\n" in req, name


# --- the choice of Python -----------------------------------------------------------------------------
def fake_pythons(folder, versions):
    """Executables python3.X that answer the version query the way a real interpreter would."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, v in versions.items():
        p = folder / name
        p.write_text(f"#!/bin/sh\necho {v}\n")
        p.chmod(0o755)
    for tool in ("bash", "sh", "echo", "env", "cat"):  # what the script itself needs, nothing else
        if shutil.which(tool) and not (folder / tool).exists():
            (folder / tool).symlink_to(shutil.which(tool))
    return folder


def find_python(path, python=None):
    env = {"PATH": str(path)} | ({"PYTHON": python} if python else {})
    return run([shutil.which("bash"), str(ROOT / "scripts" / "find-python.sh")], env=env)


def test_newest_supported_python_on_path_is_chosen(tmp_path):
    bin_ = fake_pythons(tmp_path, {"python3.11": "3.11", "python3.13": "3.13", "python3.12": "3.12",
                                   "python3": "3.14"})
    assert find_python(bin_).stdout.strip() == str(bin_ / "python3.13")


def test_no_supported_python_gives_one_line_naming_the_versions(tmp_path):
    bin_ = fake_pythons(tmp_path, {"python3": "3.14", "python3.10": "3.10"})
    proc = find_python(bin_)
    assert proc.returncode == 1 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "3.11, 3.12 or 3.13" in lines[0] and "PYTHON=" in lines[0] and "3.14" in lines[0]


def test_python_variable_is_checked(tmp_path):
    bin_ = fake_pythons(tmp_path, {"python3.14": "3.14", "python3.12": "3.12", "python3.11": "3.11"})
    assert find_python(bin_, str(bin_ / "python3.12")).stdout.strip() == str(bin_ / "python3.12")
    proc = find_python(bin_, str(bin_ / "python3.14"))
    assert proc.returncode == 1 and "is Python 3.14" in proc.stderr and "3.11, 3.12 or 3.13" in proc.stderr


# --- system packages are optional -----------------------------------------------------------------
def test_without_apt_or_tools_the_advice_names_what_is_missing(tmp_path):
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for tool in ("bash", "id", "uname", "grep", "cat"):
        (bin_ / tool).symlink_to(shutil.which(tool))
    script = str(ROOT / "scripts" / "system-packages.sh")
    env = {"PATH": str(bin_), "HOME": str(tmp_path)}
    proc = run([str(bin_ / "bash"), script, "install"], env=env)
    assert proc.returncode == 0, proc.stderr                          # carries on, in one line
    assert proc.stdout.count("\n") == 1 and "pandoc xelatex pdftotext" in proc.stdout
    advice = run([str(bin_ / "bash"), script, "advice"], env=env)
    for word in ("pandoc", "xelatex", "pdftotext", "chromium", "apt-get install", "conda", "make pdf"):
        assert word in advice.stdout, word
    assert run([str(bin_ / "bash"), script, "have-pdf"], env=env).returncode == 1


# --- NetID ---------------------------------------------------------------------------------------------
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


# --- the submission check ---------------------------------------------------------------------------
def executed(path, netid, *, unexecuted=False, failed=False, second_netid=False):
    v4 = nbformat.v4
    nb = v4.new_notebook()
    cells = [v4.new_code_cell(f"NETID = {netid!r}  # your NetID\nx = 1", execution_count=1),
             v4.new_code_cell("y = 2", execution_count=2)]
    if unexecuted:
        cells[1].execution_count = None
    if failed:
        cells[1].outputs = [v4.new_output("error", ename="ValueError", evalue="bad", traceback=[])]
    if second_netid:  # what papermill's injected-parameters cell does
        cells.insert(1, v4.new_code_cell(f"# Parameters\nNETID = {netid!r}", execution_count=2))
    nb.cells = cells
    nbformat.write(nb, str(path))


@pytest.fixture
def fake_build(tmp_path, monkeypatch):
    monkeypatch.setattr(collect_submission, "pdf_problems", lambda path, netid: [])
    (tmp_path / "netid.txt").write_text("ab123\n")
    for name in collect_submission.NOTEBOOKS:
        executed(tmp_path / f"{name}.ipynb", "ab123")
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
    import zipfile
    names = zipfile.ZipFile(fake_build / "submission-ab123.zip").namelist()
    assert set(collect_submission.FILES) <= set(names) and "helpers/__init__.py" in names
    out = capsys.readouterr().out
    assert all(str(stale / f) in out for f in collect_submission.FILES)


@pytest.mark.parametrize("problem, message", [
    (dict(netid="zz999"), "first cell does not set NETID = 'ab123'"),
    (dict(second_netid=True), "cells [1] set NETID too"),
    (dict(unexecuted=True), "did not run"),
    (dict(failed=True), "failed (ValueError)"),
])
def test_submission_refuses_mixed_netids_and_incomplete_runs(fake_build, capsys, problem, message):
    executed(fake_build / "autoencoder.ipynb", problem.pop("netid", "ab123"), **problem)
    assert collect_submission.main(fake_build) == 1
    assert message in capsys.readouterr().err
    assert not (fake_build / "submission").exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing: see scripts/system-packages.sh advice")
def test_pdf_netid_is_read_back(tmp_path):
    assert collect_submission.pdf_problems(tmp_path / "missing.pdf", "ab123")   # unreadable: refused


# --- kernels: the venv's configuration, interrupted runs ------------------------------------------------
@pytest.mark.slow
def test_venv_kernel_config_keeps_tensorflow_lines_out_without_ipythondir(tmp_path):
    """However Jupyter is started from the venv: the config in <venv>/etc/ipython applies."""
    installed = Path(sys.prefix) / "etc" / "ipython" / "ipython_kernel_config.py"
    assert installed.read_text() == (ROOT / "etc/ipython/profile_default/ipython_kernel_config.py").read_text()
    from nbclient import NotebookClient
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import tensorflow as tf\nprint(tf.constant(2.0) * 3)")]
    env = {k: v for k, v in os.environ.items() if k not in ("IPYTHONDIR", "TF_CPP_MIN_LOG_LEVEL")}
    env["HOME"] = str(tmp_path)                          # no ~/.ipython profile of this machine either
    old = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    outputs = nb.cells[0].outputs
    assert [o.get("name") for o in outputs if o.output_type == "stream"] == ["stdout"], outputs
    assert "6.0" in outputs[0].text


def processes_with(token):
    """PIDs of live processes whose environment holds ``token`` (kernels inherit it)."""
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if token.encode() in (d / "environ").read_bytes():
                    pids.append(int(d.name))
            except OSError:
                pass
    return pids


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the kernel (Linux)")
def test_interrupted_make_leaves_no_notebook_and_no_kernel_then_reruns(tmp_path):
    build = tmp_path / "build"
    token = f"A7_TEST_{uuid.uuid4().hex}"
    env = {**os.environ, token: "1"}
    target = f"{build}/minimal_neural_network.ipynb"
    # the full run (tens of seconds), so that Ctrl-C lands while a cell computes
    proc = subprocess.Popen(MAKE + [f"BUILD={build}", target], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
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
    out, err = proc.communicate(timeout=30)
    assert time.time() - t0 < 5, f"make took {time.time() - t0:.1f} s to stop after one Ctrl-C"
    assert proc.returncode != 0
    assert processes_with(token) == [], "a process of the interrupted run (the kernel?) is still running"
    assert not (build / "minimal_neural_network.ipynb").exists() and not running.exists()
    # the next make runs the notebook again, to the end
    again = run(MAKE + [f"BUILD={build}", "NB_PARAMS=-p NUM_ITERS 300", target], env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "Running minimal_neural_network.ipynb" in again.stdout
    nb = nbformat.read(str(build / "minimal_neural_network.ipynb"), as_version=4)
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code" and c.source.strip())
    assert not collect_submission.notebook_problems(build / "minimal_neural_network.ipynb", "your-netid")
    assert not any("absl" in line or "oneDNN" in line or "without encryption" in line
                   for line in (again.stdout + again.stderr).splitlines())      # quiet terminal


# --- CI: no skips ---------------------------------------------------------------------------------------
def test_ci_fails_a_run_with_a_skipped_test(tmp_path):
    (tmp_path / "test_demo.py").write_text(textwrap.dedent("""
        import pytest
        def test_ok(): pass
        @pytest.mark.skip(reason="tool missing")
        def test_skipped(): pass
    """))
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "ci_no_skips", "-p", "no:cacheprovider", str(tmp_path)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tests")}
    ci = run(cmd, env={**env, "CI": "true"}, cwd=tmp_path)
    assert ci.returncode == 1 and "skipped, which CI does not allow" in ci.stdout
    local = run(cmd, env={k: v for k, v in env.items() if k != "CI"}, cwd=tmp_path)
    assert local.returncode == 0


def test_ci_runs_exactly_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text()
    assert [l for l in script.splitlines() if l and not l.startswith(("#", "set ", "cd ", "export "))] == ["make test"]


def test_intel_mac_set_up_stops_with_a_message(tmp_path):
    """No TensorFlow 2.21 for Intel Macs: the set-up says so and what to use instead (faked uname)."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "uname").write_text('#!/bin/sh\n[ "$1" = -s ] && echo Darwin || echo x86_64\n')
    (bin_ / "sysctl").write_text("#!/bin/sh\necho 0\n")                      # not under Rosetta
    for f in bin_.iterdir():
        f.chmod(0o755)
    for tool in ("bash", "grep", "dirname"):
        (bin_ / tool).symlink_to(shutil.which(tool))
    proc = run([str(bin_ / "bash"), str(ROOT / "scripts" / "setup-venv.sh"), str(tmp_path / "venv")],
               env={"PATH": str(bin_)})
    assert proc.returncode == 1 and "Intel Macs" in proc.stderr and "Colab" in proc.stderr
    assert not (tmp_path / "venv").exists()
