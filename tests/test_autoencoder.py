"""Problem 2: Keras builders, noise, squared errors, PCA baseline, data check, the notebook and its record."""
import gzip
import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from conftest import QUICK_PARAMS, ROOT, load_record
from helpers import relu_autoencoder_loss_and_grads
from helpers.ae_metrics import (PCA, dead_code_units, error_table, per_class_mse, per_image_sse,
                                relu_output_dead_pixel_demo, squared_errors)
from helpers.autoencoders import (add_noise, build_deep_autoencoder, build_shallow_autoencoder, n_params_deep,
                                  n_params_shallow, prepare_images, split_validation, train_autoencoder)
from helpers.data import FILES, FashionMNISTError, check_fashion_mnist_arrays, default_folder, verify_fashion_mnist

NOTEBOOK = ROOT / "autoencoder.ipynb"
PLACEHOLDERS = ("your documentation goes here", "your description goes here", "todo", "tbd", "xxx",
                "lorem", "placeholder", "discussion_")
SECTIONS = ["Autoencoders", "Problem 2 (a) Gradients for a simple autoencoder (5 points)",
            "Problem 2 (b) Run on Fashion MNIST (15 points)", "Utility functions", "Read the data",
            "Shallow autoencoder", "Discussion of above results", "Deep Autoencoder", "Discussion of above results",
            "Denoising autoencoder", "Discussion of above results", "Problem 2 (c)"]


def _cells(path=NOTEBOOK):
    return json.loads(Path(path).read_text())["cells"]


def _source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _markdown(path=NOTEBOOK):
    return "\n".join(_source(c) for c in _cells(path) if c["cell_type"] == "markdown")


# --- builders -----------------------------------------------------------------------------------
def test_shallow_builder_shapes_and_parameter_count():
    auto, enc = build_shallow_autoencoder(32)
    assert tuple(auto.input_shape) == (None, 784) and tuple(auto.output_shape) == (None, 784)
    assert tuple(enc.output_shape) == (None, 32)
    assert auto.count_params() == 784 * 32 + 32 + 32 * 784 + 784 == 50992 == n_params_shallow(32)
    assert enc.count_params() == 784 * 32 + 32
    assert [layer.activation.__name__ for layer in auto.layers[1:]] == ["relu", "sigmoid"]
    assert build_shallow_autoencoder(2)[0].count_params() == n_params_shallow(2) == 3922


def test_deep_builder_shapes_and_parameter_count():
    auto, enc = build_deep_autoencoder(32, hidden=128)
    assert tuple(auto.output_shape) == (None, 784) and tuple(enc.output_shape) == (None, 32)
    expected = (784 * 128 + 128) + (128 * 32 + 32) + (32 * 128 + 128) + (128 * 784 + 784)
    assert auto.count_params() == expected == 209968 == n_params_deep(32, 128)
    assert [layer.units for layer in auto.layers[1:]] == [128, 32, 128, 784]
    assert [layer.activation.__name__ for layer in auto.layers[1:]] == ["relu", "relu", "relu", "sigmoid"]


@pytest.mark.parametrize("bad", [0, -3, 2.5, "32", None, True])
def test_builders_reject_bad_code_size(bad):
    with pytest.raises(ValueError, match="code_size"):
        build_shallow_autoencoder(bad)
    with pytest.raises(ValueError, match="code_size"):
        build_deep_autoencoder(bad)


def test_deep_builder_rejects_bad_hidden():
    with pytest.raises(ValueError, match="hidden"):
        build_deep_autoencoder(32, hidden=0)


def test_seeded_builders_are_reproducible():
    a, _ = build_shallow_autoencoder(8, seed=3)
    b, _ = build_shallow_autoencoder(8, seed=3)
    assert all(np.array_equal(u, v) for u, v in zip(a.get_weights(), b.get_weights()))


def test_train_autoencoder_returns_history_and_seconds():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, (96, 784)).astype("float32")
    model, _ = build_shallow_autoencoder(4, seed=0)
    history, seconds = train_autoencoder(model, x[:64], x[:64], epochs=2, batch_size=32, learning_rate=1e-3,
                                         lr_schedule="cosine", validation_data=(x[64:], x[64:]), verbose=0)
    assert len(history.history["loss"]) == 2 and len(history.history["val_loss"]) == 2
    assert seconds > 0
    with pytest.raises(ValueError, match="loss"):
        train_autoencoder(model, x, x, epochs=1, loss="hinge", verbose=0)
    with pytest.raises(ValueError, match="same shape"):
        train_autoencoder(model, x, x[:10], epochs=1, verbose=0)


def test_add_noise_is_clipped_reproducible_and_gaussian():
    x = np.full((200, 784), 0.5, dtype="float32")
    noisy = add_noise(x, 0.2, seed=1)
    assert noisy.dtype == np.float32 and noisy.shape == x.shape
    assert noisy.min() >= 0 and noisy.max() <= 1
    assert np.array_equal(noisy, add_noise(x, 0.2, seed=1)) and not np.array_equal(noisy, add_noise(x, 0.2, seed=2))
    assert abs(float(np.std(noisy - x)) - 0.2) < 0.01  # at 0.5 the clipping (2.5 sigma) hardly matters
    assert np.array_equal(add_noise(x, 0.0), x)


def test_prepare_images_and_validation_split():
    x = np.arange(5 * 784, dtype=np.uint8).reshape(5, 28, 28)
    flat = prepare_images(x)
    assert flat.shape == (5, 784) and flat.dtype == np.float32 and flat.max() <= 1
    xf, yf, xv, yv = split_validation(flat, np.arange(5), 0.2)
    assert len(xf) == 4 and len(xv) == 1 and yv.tolist() == [4]
    with pytest.raises(ValueError, match="784"):
        prepare_images(np.zeros((3, 10)))


# --- metrics ------------------------------------------------------------------------------------
def test_squared_errors_per_pixel_and_per_image():
    rng = np.random.default_rng(0)
    x, x_hat = rng.uniform(0, 1, (50, 784)), rng.uniform(0, 1, (50, 784))
    err = squared_errors(x, x_hat)
    assert err["mse_per_pixel"] == pytest.approx(np.mean((x - x_hat) ** 2))
    assert err["sse_per_image"] == pytest.approx(784 * err["mse_per_pixel"])
    assert err["sse_per_image"] == pytest.approx(np.mean(np.sum((x - x_hat) ** 2, axis=1)))
    y = np.arange(50) % 10
    pc = per_class_mse(x, x_hat, y)
    assert pc[3] == pytest.approx(np.mean((x[y == 3] - x_hat[y == 3]) ** 2))
    assert per_image_sse(x, x).max() == 0
    table = error_table([("m", err, err)])
    assert "test MSE / pixel" in table and f"{err['mse_per_pixel']:.5f}" in table


def test_pca_recovers_a_k_dimensional_subspace():
    rng = np.random.default_rng(0)
    k, D = 3, 40
    x = rng.standard_normal((400, k)) @ rng.standard_normal((k, D)) + rng.uniform(0, 1, D)
    pca = PCA.fit(x)
    curve = pca.mse_curve(x, [0, 1, k - 1, k, k + 2])
    assert curve[3] < 1e-20 and curve[4] < 1e-20           # k components: exact
    assert curve[0] > curve[1] > curve[2] > 1e-3             # fewer: not
    x_new = rng.standard_normal((50, k)) @ pca.components[:, :k].T + pca.mean  # unseen points on the subspace
    assert pca.errors(x_new, k)["mse_per_pixel"] < 1e-20


def test_pca_curve_matches_explicit_reconstruction():
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 1, (300, 30))
    target = rng.uniform(0, 1, (300, 30))
    pca = PCA.fit(x)
    for k in (1, 5, 30):
        assert pca.mse_curve(x, [k])[0] == pytest.approx(np.mean((x - pca.reconstruct(x, k)) ** 2))
        assert pca.mse_curve(x, [k], x_target=target)[0] == pytest.approx(
            np.mean((target - pca.reconstruct(x, k)) ** 2))
    # training error = the variance left in the discarded directions
    assert pca.mse_curve(x, [5])[0] * 30 == pytest.approx(pca.variances[5:].sum())
    assert np.allclose(pca.components.T @ pca.components, np.eye(30), atol=1e-10)


def test_dead_code_units():
    assert dead_code_units(np.array([[0, 1, 0], [0, 2, 0.5]])) == 1


def test_relu_output_demo_dead_pixels_never_learn():
    demo = relu_output_dead_pixel_demo(relu_autoencoder_loss_and_grads, steps=500)
    assert np.all(demo["active_before"][-2:] == 0) and np.all(demo["active_after"][-2:] == 0)
    assert np.all(demo["grad_b2_before"][-2:] == 0) and np.all(demo["grad_W2_norm_before"][-2:] == 0)
    assert np.array_equal(demo["mse_before"][-2:], demo["mse_after"][-2:])
    assert demo["mse_before"][-2:].min() > demo["mse_before"][:-2].max()  # the largest errors ...
    assert np.all(demo["mse_after"][:-2] < demo["mse_before"][:-2])       # ... while the live pixels improve
    assert demo["loss_after"] < demo["loss_before"]


# --- data check ---------------------------------------------------------------------------------
def test_verify_fashion_mnist_passes_on_the_real_files():
    folder = verify_fashion_mnist()
    assert all((Path(folder) / name).exists() for name in FILES)


def _copy_with_links(tmp_path):
    src = Path(verify_fashion_mnist())
    for name in FILES:
        (tmp_path / name).symlink_to((src / name).resolve())
    return tmp_path


def test_truncated_file_is_named(tmp_path, monkeypatch):
    folder = _copy_with_links(tmp_path)
    bad = "t10k-labels-idx1-ubyte.gz"
    data = (folder / bad).read_bytes()
    (folder / bad).unlink()
    (folder / bad).write_bytes(data[: len(data) // 2])
    monkeypatch.setenv("FASHION_MNIST_DIR", str(folder))
    assert default_folder() == folder
    with pytest.raises(FashionMNISTError, match=re.escape(bad)) as e:
        verify_fashion_mnist()
    assert "make data" in str(e.value)


def test_missing_and_corrupt_files_are_named(tmp_path, monkeypatch):
    folder = _copy_with_links(tmp_path)
    monkeypatch.setenv("FASHION_MNIST_DIR", str(folder))
    (folder / "train-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(FashionMNISTError, match="train-labels-idx1-ubyte.gz is missing"):
        verify_fashion_mnist()
    with gzip.open(folder / "train-labels-idx1-ubyte.gz", "wb") as f:  # valid gzip, wrong contents
        f.write(b"\0" * 60008)
    with pytest.raises(FashionMNISTError, match="train-labels-idx1-ubyte.gz is corrupt"):
        verify_fashion_mnist()


def test_array_check_rejects_wrong_shapes_and_classes():
    x_train, x_test = np.zeros((60000, 28, 28)), np.zeros((10000, 28, 28))
    y_train, y_test = np.arange(60000) % 10, np.arange(10000) % 10
    check_fashion_mnist_arrays(x_train, y_train, x_test, y_test)
    with pytest.raises(FashionMNISTError, match="x_test"):
        check_fashion_mnist_arrays(x_train, y_train, x_test[:5], y_test)
    with pytest.raises(FashionMNISTError, match="y_train"):
        check_fashion_mnist_arrays(x_train, np.zeros(60000, dtype=int), x_test, y_test)


# --- the committed notebook ---------------------------------------------------------------------
def test_committed_notebook_is_clean_and_structured():
    cells = _cells()
    first = cells[0]
    assert first["cell_type"] == "code" and "parameters" in first["metadata"].get("tags", [])
    assert "NETID" in _source(first)
    for name in QUICK_PARAMS["autoencoder"]:
        assert re.search(rf"^{name} = ", _source(first), re.M), name
    assert re.search(r"^OUTPUT_DIR = \"build\"", _source(first), re.M)
    assert "NETID" in _source(cells[1]) and "display(Markdown(" in _source(cells[1])
    for c in cells:
        if c["cell_type"] == "code":
            assert c.get("outputs") == [] and c.get("execution_count") is None
    headings = [line.lstrip("#").strip() for c in cells if c["cell_type"] == "markdown"
                for line in _source(c).splitlines() if re.match(r"^#{1,2} ", line)]
    it = iter(headings)
    assert all(any(h == s for h in it) for s in SECTIONS), headings  # in this order
    code = "\n".join(_source(c) for c in cells if c["cell_type"] == "code")
    load = "(x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()"
    lines = code.splitlines()
    i = lines.index(load)
    assert lines[i - 1] == "verify_fashion_mnist()" and lines[i + 1].startswith("check_fashion_mnist_arrays(")
    text = "\n".join(_source(c) for c in cells).lower()
    for p in PLACEHOLDERS:
        assert p not in text, p


# --- the executed notebook (quick parameters) --------------------------------------------------
@pytest.fixture(scope="module")
def quick(executed_notebook):
    return executed_notebook("autoencoder")


def test_notebook_runs_cleanly(quick):
    path, _ = quick
    cells = _cells(path)
    images = 0
    for c in cells:
        for out in c.get("outputs", []):
            assert out["output_type"] != "error", out
            if out["output_type"] == "stream" and out["name"] == "stderr":
                assert not re.search(r"absl|oneDNN|Traceback", out["text"] if isinstance(out["text"], str)
                                     else "".join(out["text"])), out
            assert "━" not in json.dumps(out, ensure_ascii=False)  # no Keras progress bars (verbose=2)
            images += "image/png" in out.get("data", {})
    assert images >= 14
    shown = json.dumps([c.get("outputs") for c in cells[:3]])
    assert f"NetID: {QUICK_PARAMS['autoencoder']['NETID']}" in shown
    text = json.dumps(cells).lower()
    for p in PLACEHOLDERS[:2]:
        assert p not in text


def _check_record(rec, code_sizes):
    for name in ("shallow", "deep", "denoise"):
        m = rec["models"][name]
        for key in ("train", "test"):
            assert set(m[key]) == {"mse_per_pixel", "sse_per_image"}
            assert m[key]["sse_per_image"] == pytest.approx(784 * m[key]["mse_per_pixel"])
            assert set(m["pca"][key]) == {"mse_per_pixel", "sse_per_image"}
        assert m["pca"]["k"] == 32
        for key in ("epochs", "batch_size", "fit_seconds", "n_params", "learning_rate", "loss"):
            assert key in m
        assert len(m["history"]["loss"]) == len(m["history"]["val_loss"]) == m["epochs_run"] >= 1
    assert rec["models"]["shallow"]["n_params"] == 50992 and rec["models"]["deep"]["n_params"] == 209968
    den = rec["models"]["denoise"]
    assert {"noisy_input", "deep_on_noisy", "clean_input"} <= set(den)
    assert set(rec["models"]["deep"]["per_class_test_mse"]) == set(__import__("helpers.data").data.CLASS_NAMES)
    sweep = rec["sweep"]
    assert sweep["code_size"] == code_sizes
    for key in ("train_mse", "test_mse", "pca_train_mse", "pca_test_mse", "fit_seconds", "n_params"):
        assert len(sweep[key]) == len(code_sizes)
    assert rec["total_seconds"] > 0


def test_notebook_json_has_the_expected_keys(quick):
    _, rec = quick
    _check_record(rec, QUICK_PARAMS["autoencoder"]["CODE_SIZES"])
    assert rec["netid"] == QUICK_PARAMS["autoencoder"]["NETID"]
    assert rec["n_train"] + rec["n_val"] == QUICK_PARAMS["autoencoder"]["TRAIN_SUBSET"]


# --- the committed full-run record and the claims the prose makes about it ---------------------
@pytest.fixture(scope="module")
def record():
    return load_record("autoencoder")


def _defaults():
    ns = {}
    exec(_source(_cells()[0]), ns)
    return ns


def test_record_is_a_full_run_of_the_committed_notebook(record):
    p = _defaults()
    _check_record(record, p["CODE_SIZES"])
    assert record["settings"]["train_subset"] is None and record["n_train"] + record["n_val"] == 60000
    assert record["n_test"] == 10000
    for name, epochs in (("shallow", "EPOCHS_SHALLOW"), ("deep", "EPOCHS_DEEP"), ("denoise", "EPOCHS_DENOISE")):
        m = record["models"][name]
        assert m["epochs"] == p[epochs] and m["batch_size"] == p["BATCH_SIZE"]
        assert m["learning_rate"] == p["LEARNING_RATE"] and m["loss"] == p["LOSS"]
        assert m["lr_schedule"] == p["LR_SCHEDULE"]
    assert record["sweep"]["epochs"] == p["EPOCHS_SWEEP"]
    assert len(p["CODE_SIZES"]) >= 7 and min(p["CODE_SIZES"]) == 2 and max(p["CODE_SIZES"]) == 256


def test_record_meets_the_targets(record):
    m = record["models"]
    assert m["shallow"]["test"]["mse_per_pixel"] <= 0.0121
    assert m["deep"]["test"]["mse_per_pixel"] <= 0.0098
    assert m["denoise"]["test"]["mse_per_pixel"] <= 0.0116
    assert record["total_seconds"] < 8 * 60


def test_record_supports_the_discussion(record):
    m = record["models"]
    test = {k: v["test"]["mse_per_pixel"] for k, v in m.items()}
    train = {k: v["train"]["mse_per_pixel"] for k, v in m.items()}
    # deep beats shallow; both beat PCA with the same 32 components
    assert test["deep"] < test["shallow"] < m["shallow"]["pca"]["test"]["mse_per_pixel"]
    # no overfitting: test error within 5 % of training error for every model
    for k in ("shallow", "deep", "denoise"):
        assert abs(test[k] - train[k]) < 0.05 * train[k], k
    # the changed settings beat the starter's
    assert test["shallow"] < test["shallow_starter_settings"]
    # the denoiser removes most of the noise and beats the clean-trained deep model and PCA on noisy input
    den = m["denoise"]
    assert test["denoise"] < 0.5 * den["noisy_input"]["test"]["mse_per_pixel"]
    assert test["denoise"] < den["deep_on_noisy"]["test"]["mse_per_pixel"]
    assert test["denoise"] < den["pca"]["test"]["mse_per_pixel"]
    # learning curves: validation loss still (slowly) falling at the end -- trained to convergence of the schedule
    for k in ("shallow", "deep", "denoise"):
        val = m[k]["history"]["val_loss"]
        assert val[-1] <= min(val) + 1e-4, k


def test_record_supports_the_sweep_interpretation(record):
    s = record["sweep"]
    tr, te = np.array(s["train_mse"]), np.array(s["test_mse"])
    assert np.all(np.diff(tr) < 0) and np.all(np.diff(te) < 0)  # error falls with code_size
    assert np.all(te - tr < 0.05 * tr + 1e-4)                      # no sign of overfitting at any size
    pca_te = np.array(s["pca_test_mse"])
    assert np.all(np.diff(pca_te) < 0)


def test_numbers_quoted_in_the_prose_are_in_the_record(record):
    """Every MSE-like number (0.0xxxx) in the Markdown must be a value of the record, rounded as quoted."""
    values = []

    def walk(v):
        if isinstance(v, dict):
            for u in v.values():
                walk(u)
        elif isinstance(v, list):
            for u in v:
                walk(u)
        elif isinstance(v, float):
            values.append(v)

    walk(record)
    quoted = re.findall(r"(?<![\d.])0\.0\d{3,5}(?!\d)", _markdown())
    assert quoted, "the discussion should quote the record's numbers"
    allowed = {"0.0134", "0.0109", "0.0129", "0.0121", "0.0098", "0.0116"}  # the baselines and targets
    for q in quoted:
        if q in allowed:
            continue
        decimals = len(q.split(".")[1])
        assert any(abs(round(v, decimals) - float(q)) < 1e-12 for v in values), q
