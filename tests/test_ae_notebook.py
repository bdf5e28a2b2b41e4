"""autoencoder.ipynb: its parameters (checked before any work), structure, discussions, claims and a quick run."""
import hashlib
import json
import os
import re
import time

import nbformat
import pytest

from conftest import QUICK_PARAMS, ROOT, load_record, run_notebook
from discussion_check import flagged, literal_decimals, unresolved
from helpers.autoencoder.params import ParameterError, check_parameters, notebook_defaults

NOTEBOOK = ROOT / "autoencoder.ipynb"
CELLS = nbformat.read(NOTEBOOK, as_version=4).cells
MARKDOWN = [c.source for c in CELLS if c.cell_type == "markdown"]
CODE = "\n".join(c.source for c in CELLS if c.cell_type == "code")
FLAGGED = re.findall(r"claims\.flag\(\"([^\"]+)\"\)", "\n".join(MARKDOWN))  # the claims the discussions state
SECTIONS = ["Autoencoders", "Problem 2 (a) Gradients for a simple autoencoder (5 points)",
            "Problem 2 (b) Run on Fashion MNIST (15 points)", "Utility functions", "Read the data",
            "Shallow autoencoder", "Discussion of above results", "Deep Autoencoder", "Discussion of above results",
            "Denoising autoencoder", "Discussion of above results", "Problem 2 (c)"]
# What a student's answer does not talk about: the project's machinery, speed tricks, checksums, platforms.
WORKSHOP = re.compile(r"`make|\bmake (data|test|bench|pdf|results)\b|\bissues?\b|results/|build/|papermill|\.json"
                      r"|tests?/|the tests\b|FAST_TRAINING|OUTPUT_DIR|compiled|TensorFlow graph|SHA-?256|checksum"
                      r"|Colab|JupyterHub|upload|float32|thread|\bspeed\b", re.I)
# fixed facts, checked below or by check_fashion_mnist_arrays: the starter's step size, data and layer sizes
ALLOWED_DECIMALS = {"0.001", "60,000", "10,000", "1,000", "6,000", "25,120", "25,872", "50,992", "100,480", "4,128",
                    "4,224", "101,136", "209,968"}
FIGURES = 15  # shallow 5 (reconstructions, 3 weight grids, curves), deep 4, denoiser 4, 2(c) 2
LINE = re.compile(r"^([A-Z][A-Z0-9_]*) = (.+?)  # \S.*$")
# (parameter, bad value, what the message must say): every kind of mistake the check knows
BAD = [("NETID", "ab 123", "letters, digits"), ("NETID", 123, "letters, digits"),
       ("TRAIN_SUBSET", "abc", "None"), ("TRAIN_SUBSET", 5, "1,000"), ("TRAIN_SUBSET", 2000.0, "integer"),
       ("VALIDATION_FRACTION", 0, "(0, 0.5]"), ("STARTER_EPOCHS", {"shallow": 5, "deep": 10}, "denoise"),
       ("LOSS", "hinge", "'mse'"), ("LR_SCHEDULE", "step", "'cosine'"), ("EPOCHS_DEEP", -3, ">= 1"),
       ("EPOCHS_SWEEP", True, ">= 1"), ("CODE_SIZES", [], "non-empty"), ("CODE_SIZES", [8, 4], "increasing"),
       ("CODE_SIZES", [2, 1000], "784"), ("SHALLOW_SETTINGS", {"batch_size": 0, "learning_rate": 0.01,
                                                               "warmup_epochs": 1}, "batch_size"),
       ("DENOISE_SETTINGS", {"batch_size": 128, "learning_rate": 0.003}, "warmup_epochs"),
       ("NOISE_FACTOR", -0.1, "0 to 1"), ("EXAMPLES_PER_CLASS", 0, "1 to 10"), ("SEED", -1, ">= 0"),
       ("OUTPUT_DIR", "", "folder")]


def test_first_cell_is_the_parameters_cell_one_line_per_parameter():
    """Catches a parameter spread over lines (the runner rewrites single lines) or NETID not first."""
    assert CELLS[0].metadata.get("tags") == ["parameters"]
    lines = [line for line in CELLS[0].source.splitlines() if line.strip()]
    assert all(LINE.match(line) for line in lines), [line for line in lines if not LINE.match(line)]
    names = [LINE.match(line).group(1) for line in lines]
    assert names[0] == "NETID" and sorted(names) == sorted(notebook_defaults())


def test_defaults_pass_and_each_bad_value_is_named():
    """Catches a parameter left unchecked, or a message that does not name it."""
    check_parameters(notebook_defaults())
    for name, value, says in BAD:
        with pytest.raises(ParameterError, match=re.escape(name) + " must be .*" + re.escape(says)):
            check_parameters({**notebook_defaults(), name: value})
    with pytest.raises(ParameterError, match="SHALLOW_SETTINGS .*constant"):  # a combination
        check_parameters({**notebook_defaults(), "LR_SCHEDULE": "constant"})
    for name in notebook_defaults():  # every parameter is checked: None is wrong for all but TRAIN_SUBSET
        if name != "TRAIN_SUBSET":
            with pytest.raises(ParameterError, match=f"^{name} must be"):
                check_parameters({**notebook_defaults(), name: object()})


def test_notebook_stops_at_once_naming_the_parameter(tmp_path):
    """The notebook itself (a real kernel, IPython): a dozen bad sets, each fails within 20 s, one line naming it."""
    for k, (name, value, says) in enumerate(BAD[i] for i in (0, 2, 3, 6, 7, 8, 9, 11, 12, 14, 16, 18)):
        start = time.perf_counter()
        with pytest.raises(Exception) as failed:
            run_notebook("autoencoder", tmp_path / f"bad{k}", **{name: value})
        assert time.perf_counter() - start < 20, name
        message = str(failed.value).splitlines()[0]
        assert re.search(rf"ParameterError: {name} must be [^\n]*{re.escape(says)}", message), (name, message)
        assert not (tmp_path / f"bad{k}" / "autoencoder.json").exists()
        executed = nbformat.read(tmp_path / f"bad{k}" / ".running" / "autoencoder.ipynb", as_version=4)
        assert [len(out.traceback) for c in executed.cells for out in c.get("outputs", []) if "traceback" in out] == [1]


def test_sections_and_the_required_line():
    """Catches a lost section, the MNIST line left in, or a discussion written by a code cell."""
    headings = [line.lstrip("#").strip() for line in "\n".join(MARKDOWN).splitlines() if re.match(r"^#{1,2} ", line)]
    it = iter(headings)
    assert all(any(h == s for h in it) for s in SECTIONS), headings  # in this order
    assert "(x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()" in CODE.splitlines()
    assert "mnist," not in CODE and "import mnist" not in CODE
    assert not re.search(r"\bprose\(|\beither\(|Markdown\(f", CODE)  # no code builds discussion text
    discussions = [t for t in MARKDOWN if t.startswith("## Discussion of above results")]
    assert len(discussions) == 3 and all(len(t) > 1500 and "{eval}" in t for t in discussions)
    answer = [c.source for c in CELLS if c.cell_type == "markdown" and "explore" not in c.metadata.get("tags", [])]
    assert "Findings" in answer[-1] and "Bias and variance" in answer[-1]  # the last before the (live) explorer
    for model in ("shallow", "deep", "denoise"):  # the starter's run on model.fit, then ours
        assert re.search(rf'epochs=STARTER_EPOCHS\["{model}"\],\s+fast=False, \*\*STARTER\)', CODE), model
    starter = 'STARTER = dict(batch_size=32, learning_rate=1e-3, lr_schedule="constant", loss="binary_crossentropy"'
    assert starter in CODE
    assert len({c["id"] for c in CELLS}) == len(CELLS)


def test_student_voice_and_no_typed_run_numbers():
    """Catches engineering talk on the pages, and a run-dependent decimal typed into a discussion."""
    comments = [line.split("#", 1)[1] for c in CELLS if c.cell_type == "code" for line in c.source.splitlines()
                if "#" in line and "remove-cell" not in c.metadata.get("tags", [])]
    text = "\n".join(MARKDOWN + comments)
    assert not WORKSHOP.search(text), [m.group(0) for m in WORKSHOP.finditer(text)]
    assert literal_decimals(nbformat.read(NOTEBOOK, as_version=4), ALLOWED_DECIMALS) == []


def test_fixed_facts_match_the_code():
    """Catches an architecture, parameter count or starter setting in the text that the code does not have."""
    from helpers import build_deep_autoencoder, build_shallow_autoencoder

    text = " ".join(" ".join(MARKDOWN).split())
    shallow, deep = build_shallow_autoencoder(32)[0], build_deep_autoencoder(32, hidden=128)[0]
    params = [f"{layer.count_params():,}" for layer in shallow.layers[1:] + deep.layers[1:]]
    n_shallow, n_deep = shallow.count_params(), deep.count_params()
    assert f"{n_shallow:,} parameters in all" in text
    assert f"= {n_deep:,}, about four times" in text and round(n_deep / n_shallow) == 4
    assert f"32 × 784 ({params[0]} parameters)" in text and f"784 × 32 ({params[1]} parameters)" in text
    assert " + ".join(params[2:4]) + " (encoder) + " + " + ".join(params[4:]) + " (decoder)" in text
    assert [layer.units for layer in deep.layers[1:]] == [128, 32, 128, 784] and "784 → 128 → 32 → 128 → 784" in text
    for fact in ("Adam at its default step size 0.001", "binary cross-entropy, batch size 32", "5 / 10 / 10 epochs"):
        assert fact in text, fact
    assert notebook_defaults()["STARTER_EPOCHS"] == {"shallow": 5, "deep": 10, "denoise": 10}


def failed_claims(record):
    """Names of the record's claims that do not hold, and of the stated claims it lacks."""
    checked = record["claims"]
    return [n for n, r in checked.items() if not r["holds"]] + [n for n in FLAGGED if n not in checked]


def test_committed_record_is_a_full_run_of_the_committed_notebook():
    """Catches a record from a quick run, or from notebook settings other than the committed defaults."""
    record, p = load_record("autoencoder"), notebook_defaults()
    assert record["settings"]["train_subset"] is None and record["n_train"] + record["n_val"] == 60000
    assert record["n_test"] == 10000 and record["sweep"]["epochs"] == p["EPOCHS_SWEEP"]
    for name in ("shallow", "deep", "denoise"):
        m = record["models"][name]
        assert m["epochs_run"] == p[f"EPOCHS_{name.upper()}"] and m["path"] == "fast"
        assert {k: m[k] for k in p[f"{name.upper()}_SETTINGS"]} == p[f"{name.upper()}_SETTINGS"]
        starter = record["models"][f"{name}_starter"]
        assert starter["epochs_run"] == p["STARTER_EPOCHS"][name] and starter["path"] == "fit"
        assert (starter["batch_size"], starter["learning_rate"], starter["loss"]) == (32, 1e-3, "binary_crossentropy")
    assert [r["code_size"] for r in record["sweep"]["runs"]] == p["CODE_SIZES"]


def test_every_stated_claim_holds_in_the_committed_record_and_a_false_or_missing_one_would_fail():
    """Catches a sentence the committed run contradicts, a claim never checked (mistyped), or a check that misses it."""
    record, name = load_record("autoencoder"), FLAGGED[0]
    assert len(FLAGGED) == len(set(FLAGGED)) >= 40 and failed_claims(record) == []
    broken = {**record, "claims": {**record["claims"], name: {"holds": False, "detail": "x"}}}
    assert failed_claims(broken) == [name]
    missing = {**record, "claims": {k: v for k, v in record["claims"].items() if k != name}}
    assert failed_claims(missing) == [name]


@pytest.mark.slow
def test_every_claim_holds_on_other_arithmetic(tmp_path):
    """The full notebook (4-8 minutes here) with oneDNN off and OpenBLAS's core type and cache size unset."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    env["TF_ENABLE_ONEDNN_OPTS"] = "0"
    run_notebook("autoencoder", tmp_path, env=env, NETID="ab123")
    record = json.loads((tmp_path / "autoencoder.json").read_text())
    assert failed_claims(record) == [], {n: record["claims"].get(n) for n in failed_claims(record)}
    committed = load_record("autoencoder")["models"]["deep"]["test"]["mse_per_pixel"]
    assert record["models"]["deep"]["test"]["mse_per_pixel"] != committed  # the arithmetic did differ


@pytest.mark.slow
def test_quick_run_mechanics(tmp_path):
    """Catches an unresolved {eval}, a figure drawn twice or lost, per-epoch output, a false claim not flagged."""
    nb = nbformat.read(run_notebook("autoencoder", tmp_path, **QUICK_PARAMS["autoencoder"]), as_version=4)
    record = json.loads((tmp_path / "autoencoder.json").read_text())
    assert unresolved(nb) == []
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "ERROR" not in text and "Traceback" not in text
    images = []
    for c in nb.cells:
        for out in c.get("outputs", []):
            assert out["output_type"] != "error", out
            dump = json.dumps(out, ensure_ascii=False)
            assert "━" not in dump and "retracing" not in dump and "Epoch 1/" not in dump
            if "image/png" in out.get("data", {}):
                images.append(hashlib.sha256(out["data"]["image/png"].encode()).hexdigest())
        lines = sum(len("".join(o.get("text", "")).splitlines()) for o in c.get("outputs", []) if "text" in o)
        assert lines <= 10, (c["id"], lines)  # a line per trained model, not per epoch
    assert len(images) == len(set(images)) == FIGURES
    failed = [name for name, r in record["claims"].items() if not r["holds"]]
    assert "shallow: ours meets the convergence criterion" in failed
    assert len(flagged(nb)) == len([n for n in FLAGGED if n in failed]) > 0 and set(FLAGGED) <= set(record["claims"])
    assert record["netid"] == QUICK_PARAMS["autoencoder"]["NETID"]
    assert [r["code_size"] for r in record["sweep"]["runs"]] == QUICK_PARAMS["autoencoder"]["CODE_SIZES"]
    for key in ("shallow", "shallow_starter", "deep", "deep_starter", "denoise", "denoise_starter"):
        m = record["models"][key]
        assert m["path"] == ("fit" if key.endswith("starter") else "fast")
        assert m["test"]["sse_per_image"] == pytest.approx(784 * m["test"]["mse_per_pixel"])
        assert len(m["history"]["loss"]) == m["epochs_run"] == m["epochs"]
