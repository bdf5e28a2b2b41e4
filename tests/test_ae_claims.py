"""The committed full-run record results/autoencoder.json, which the README's Problem 2 tables show.

The discussions' numbers come from each run itself (tests/test_ae_notebook.py); this file checks that the
committed record is a full run of the committed notebook and that its quality is what the README reports.
"""
import json

import numpy as np
import pytest

from conftest import ROOT, load_record


@pytest.fixture(scope="module")
def record():
    return load_record("autoencoder")


def _defaults():
    cell = json.loads((ROOT / "autoencoder.ipynb").read_text())["cells"][0]
    ns = {}
    exec("".join(cell["source"]), ns)
    return ns


def test_record_is_a_full_run_of_the_committed_notebook(record):
    p = _defaults()
    assert record["settings"]["train_subset"] is None and record["n_train"] + record["n_val"] == 60000
    assert record["n_test"] == 10000 and record["settings"]["fast_training"] is True
    for name in ("shallow", "deep", "denoise"):
        m = record["models"][name]
        assert m["epochs_run"] == p[f"EPOCHS_{name.upper()}"] and m["path"] == "fast"
        for key, value in p[f"{name.upper()}_SETTINGS"].items():
            assert m[key] == value, (name, key)
        starter = record["models"][f"{name}_starter"]
        assert starter["epochs_run"] == p["STARTER_EPOCHS"][name] and starter["path"] == "fit"
        assert (starter["batch_size"], starter["learning_rate"], starter["loss"]) == (32, 1e-3, "binary_crossentropy")
    assert [r["code_size"] for r in record["sweep"]["runs"]] == p["CODE_SIZES"]
    assert record["sweep"]["epochs"] == p["EPOCHS_SWEEP"]


def test_quality_within_run_to_run_noise_of_the_fit_path(record):
    """Test MSE per pixel of the fit-trained models before the fast path: 0.0125 / 0.0094 / 0.0115."""
    m = record["models"]
    for name, before in (("shallow", 0.0125), ("deep", 0.0094), ("denoise", 0.0115)):
        assert m[name]["test"]["mse_per_pixel"] == pytest.approx(before, rel=0.04), name
        assert m[name]["test"]["mse_per_pixel"] < m[f"{name}_starter"]["test"]["mse_per_pixel"], name
    test = np.array([r["test_mse"] for r in record["sweep"]["runs"]])
    before = np.array([0.04407, 0.03778, 0.02305, 0.01717, 0.01248, 0.00860, 0.00541, 0.00319])  # fit path
    assert np.all(np.abs(test / before - 1) < 0.08), test / before


def test_record_has_what_the_readme_tables_show(record):
    for m in record["models"].values():
        for key in ("epochs_run", "fit_seconds", "path"):
            assert key in m
        assert set(m["train"]) == set(m["test"]) == {"mse_per_pixel", "sse_per_image"}
    for r in record["sweep"]["runs"]:
        assert {"train_mse", "test_mse", "pca_test_mse", "dead_code_units"} <= set(r)
    assert record["total_seconds"] > 0 and set(record["prose"]) == {"shallow", "deep", "denoise", "sweep"}
