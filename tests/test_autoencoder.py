"""Problem 2: Keras builders, noise, squared errors, PCA baseline, data check, the notebook and its record."""
import gzip
import json
import re
from pathlib import Path

import numpy as np
import pytest

from conftest import QUICK_PARAMS, ROOT, load_record
from helpers import relu_autoencoder_loss_and_grads
from helpers.autoencoder.metrics import (PCA, dead_code_units, error_table, per_class_mse, per_image_sse,
                                relu_output_dead_pixel_demo, squared_errors)
from helpers.autoencoder.models import (add_noise, build_deep_autoencoder, build_shallow_autoencoder, dead_relu_units,
                                  n_params_deep, n_params_shallow, prepare_images, reconstruct, split_validation,
                                  train_autoencoder)
from helpers.autoencoder.plots import pick_examples, plot_code_size_sweep, plot_image_rows, plot_weight_images
from helpers.autoencoder.data import (CLASS_NAMES, FILES, FashionMNISTError, check_fashion_mnist_arrays, default_folder,
                          verify_fashion_mnist)

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
    import keras

    seen = []
    history, seconds = train_autoencoder(
        model, x[:64], x[:64], epochs=2, batch_size=32, learning_rate=1e-3, lr_schedule="cosine", warmup_epochs=1,
        validation_data=(x[64:], x[64:]), verbose=0,
        callbacks=[keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(epoch))])
    assert len(history.history["loss"]) == 2 and len(history.history["val_loss"]) == 2
    assert seconds > 0 and seen == [0, 1]
    with pytest.raises(ValueError, match="warmup_epochs"):
        train_autoencoder(model, x, x, epochs=1, lr_schedule="constant", warmup_epochs=1, verbose=0)
    with pytest.raises(ValueError, match="loss"):
        train_autoencoder(model, x, x, epochs=1, loss="hinge", verbose=0)
    with pytest.raises(ValueError, match="same shape"):
        train_autoencoder(model, x, x[:10], epochs=1, verbose=0)


def test_dead_relu_units_and_reconstruct():
    model, _ = build_deep_autoencoder(4, hidden=8, seed=0)
    W, b = model.get_layer("encoder_hidden").get_weights()
    W[:, :3], b[:3] = -1.0, -1.0  # three first-layer units can never fire on inputs in [0, 1]
    model.get_layer("encoder_hidden").set_weights([W, b])
    x = np.random.default_rng(0).uniform(0, 1, (300, 784)).astype("float32")
    dead = dead_relu_units(model, x)
    assert set(dead) == {"encoder_hidden", "code", "decoder_hidden"} and dead["encoder_hidden"] >= 3
    out = reconstruct(model, x, batch_size=128)
    assert out.shape == (300, 784) and np.allclose(out, model.predict(x, verbose=0), atol=1e-6)


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


def test_plots_cover_every_class_and_check_shapes():
    import matplotlib.pyplot as plt

    y = np.arange(200) % 10
    idx = pick_examples(y, per_class=3, seed=0)
    assert len(idx) == 30 and len(set(idx)) == 30
    assert all(sorted(y[idx[b * 10:(b + 1) * 10]]) == list(range(10)) for b in range(3))  # each row: all classes
    x = np.random.default_rng(0).uniform(0, 1, (200, 784))
    fig = plot_image_rows([("original", x[idx]), ("copy", x[idx])], labels=y[idx])
    assert len(fig.axes) == 3  # one panel per block of 10
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == CLASS_NAMES
    with pytest.raises(ValueError, match="same number"):
        plot_image_rows([("a", x[:3]), ("b", x[:4])])
    fig2 = plot_weight_images(np.random.default_rng(1).standard_normal((784, 32)))
    assert [t.get_text() for t in fig2.axes[0].texts] == [str(k) for k in range(32)]
    with pytest.raises(ValueError, match="784"):
        plot_weight_images(np.zeros((100, 3)))
    fig3 = plot_code_size_sweep([2, 4, 8], [0.04, 0.03, 0.02], [0.041, 0.031, 0.021], [1, 2, 3], [0.05, 0.04, 0.03],
                                [0.05, 0.04, 0.03])
    assert fig3.axes[0].get_xscale() == "log" and fig3.axes[0].get_yscale() == "log"
    plt.close("all")


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
            assert "retracing" not in json.dumps(out), out
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
    assert set(rec["models"]["deep"]["per_class_test_mse"]) == set(CLASS_NAMES)
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
    for name in ("shallow", "deep", "denoise"):
        m = record["models"][name]
        assert m["epochs"] == p[f"EPOCHS_{name.upper()}"]
        for key, value in p[f"{name.upper()}_SETTINGS"].items():
            assert m[key] == value, (name, key)
        assert m["loss"] == p["LOSS"] and m["lr_schedule"] == p["LR_SCHEDULE"]
    assert record["sweep"]["epochs"] == p["EPOCHS_SWEEP"]
    assert len(p["CODE_SIZES"]) >= 7 and min(p["CODE_SIZES"]) == 2 and max(p["CODE_SIZES"]) == 256


def test_record_meets_the_targets_or_says_so(record):
    m = record["models"]
    assert m["deep"]["test"]["mse_per_pixel"] <= 0.0098
    assert m["denoise"]["test"]["mse_per_pixel"] <= 0.0116
    assert record["total_seconds"] < 8 * 60
    shallow = m["shallow"]["test"]["mse_per_pixel"]
    if shallow > 0.0121:  # missed: the discussion must say so
        assert "The target of the issue, 0.0121 (10 % below the starter's 0.0134), is **not reached**: " \
               f"{shallow:.5f}" in " ".join(_markdown().split())


def _pct(a, b):
    """How many percent a is below b, rounded."""
    return round(100 * (1 - a / b))


def test_record_supports_the_discussion(record):
    m = record["models"]
    test = {k: v["test"]["mse_per_pixel"] for k, v in m.items()}
    train = {k: v["train"]["mse_per_pixel"] for k, v in m.items()}
    pca32 = m["shallow"]["pca"]["test"]["mse_per_pixel"]
    # shallow: 18 % below PCA, 8 % below the starter's settings; gap 1.4 %; one dead code unit
    assert _pct(test["shallow"], pca32) == 18 and _pct(test["shallow"], test["shallow_starter_settings"]) == 8
    assert round(100 * (test["shallow"] / train["shallow"] - 1), 1) == 1.4
    assert m["shallow"]["dead_relu_units"] == {"code": 1}
    # deep: 25 % below shallow, 38 % below PCA; gap 3.5 %; dead units 36 / 5 / 10
    assert _pct(test["deep"], test["shallow"]) == 25 and _pct(test["deep"], pca32) == 38
    assert round(100 * (test["deep"] / train["deep"] - 1), 1) == 3.5
    assert m["deep"]["dead_relu_units"] == {"encoder_hidden": 36, "code": 5, "decoder_hidden": 10}
    # per class: trousers and sneakers easiest, bags and sandals hardest for all three methods
    for errors in record["per_class_test_mse"].values():
        order = sorted(errors, key=errors.get)
        assert set(order[-2:]) == {"Bag", "Sandal"}
    deep_pc = record["per_class_test_mse"]["deep AE"]
    assert sorted(deep_pc, key=deep_pc.get)[:2] == ["Trouser", "Sneaker"]
    # denoiser: removes 55 % of the noise's error, beats the clean-trained deep model and PCA on noisy input,
    # even beats the shallow model on clean input; gap 4 %; fewer dead first-layer units than the deep model
    den = m["denoise"]
    assert _pct(test["denoise"], den["noisy_input"]["test"]["mse_per_pixel"]) == 55
    assert test["denoise"] < den["deep_on_noisy"]["test"]["mse_per_pixel"] < den["pca"]["test"]["mse_per_pixel"]
    assert test["denoise"] < test["shallow"]
    assert den["clean_input"]["test"]["mse_per_pixel"] > test["deep"]
    assert round(100 * (test["denoise"] / train["denoise"] - 1)) == 4
    assert den["dead_relu_units"]["encoder_hidden"] == 21 < m["deep"]["dead_relu_units"]["encoder_hidden"]
    # no overfitting: the gap grows from shallow (1.4 %) to deep (3.5 %) to denoiser (4 %) but the lowest
    # validation loss is at (or within 1e-5 of) the last epoch for every model
    for k in ("shallow", "deep", "denoise"):
        val = m[k]["history"]["val_loss"]
        assert val[-1] <= min(val) + 1e-5, k
    assert train["shallow"] < test["shallow"] and train["deep"] < test["deep"]


def test_record_supports_the_sweep_interpretation(record):
    s = record["sweep"]
    tr, te = np.array(s["train_mse"]), np.array(s["test_mse"])
    pca_te = np.array(s["pca_test_mse"])
    assert np.all(np.diff(tr) < 0) and np.all(np.diff(te) < 0)  # error falls with code_size
    assert round(te[0] / te[-1]) == 14                           # a 14-fold drop
    drops = 100 * (1 - te[1:] / te[:-1])
    assert round(drops.min()) == 14 and round(drops.max()) == 41
    gap = te - tr
    assert gap[0] < 0 and round(gap[-1], 5) == 0.0002 and round(100 * gap[-1] / tr[-1]) == 7
    assert np.all(gap < 0.07 * tr)                               # no sign of overfitting at any size
    assert np.all(np.diff(pca_te) < 0)
    ratio = dict(zip(s["code_size"], te / pca_te))
    assert all(0.82 <= ratio[c] <= 0.87 for c in (8, 16, 32, 64, 128)) and ratio[2] < 1
    assert ratio[4] > 1 and ratio[256] > 1
    dead = dict(zip(s["code_size"], s["dead_code_units"]))
    assert dead[4] == 1 and dead[256] == 12
    pca_gap = np.array(s["pca_test_mse"]) - np.array(s["pca_train_mse"])
    assert np.all(pca_gap < gap)


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
    # generalisation gaps (test - train) are quoted too
    pairs = [(m["train"]["mse_per_pixel"], m["test"]["mse_per_pixel"]) for m in record["models"].values()]
    pairs += list(zip(record["sweep"]["train_mse"], record["sweep"]["test_mse"]))
    values += [abs(te - tr) for tr, te in pairs]
    quoted = re.findall(r"(?<![\d.])0\.0\d{3,5}(?!\d)", _markdown())
    assert len(quoted) >= 40, "the discussion should quote the record's numbers"
    allowed = {"0.0134", "0.0109", "0.0129",  # the starter's settings as measured in the issue
               "0.0121", "0.0098", "0.0116",  # the targets
               "0.0122",                      # the best shallow result of the tuning runs (80 epochs)
               "0.0005"}                      # the smallest step size tried in the tuning runs
    for q in quoted:
        if q in allowed:
            continue
        decimals = len(q.split(".")[1])
        assert any(abs(round(v, decimals) - float(q)) < 1e-12 for v in values), q
