"""The discussions' claims hold: in the committed full-run record, and in a second full run on other arithmetic.

results/autoencoder.json is the record of the run that made the pages (the README's Problem 2 tables show it).
"""
import os

import pytest

from conftest import load_record
from helpers.autoencoder.params import notebook_defaults
from test_ae_notebook import FLAGGED, run_autoencoder


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


def test_every_stated_claim_holds_in_the_committed_record():
    """Catches a sentence the run on its pages contradicts (flagged there), or a claim never checked (mistyped)."""
    assert len(FLAGGED) == len(set(FLAGGED)) >= 40 and failed_claims(load_record("autoencoder")) == []


def test_a_false_claim_fails_the_check():
    """The check itself: one claim that does not hold, or a stated claim missing from the record, is reported."""
    record, name = load_record("autoencoder"), FLAGGED[0]
    broken = {**record, "claims": {**record["claims"], name: {"holds": False, "detail": "x"}}}
    assert failed_claims(broken) == [name]
    missing = {**record, "claims": {k: v for k, v in record["claims"].items() if k != name}}
    assert failed_claims(missing) == [name]


@pytest.mark.slow
def test_every_claim_holds_on_other_arithmetic(tmp_path):
    """The full notebook (4-8 minutes here) with oneDNN off and OpenBLAS's core type and cache size unset."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    env["TF_ENABLE_ONEDNN_OPTS"] = "0"
    nb, record = run_autoencoder(tmp_path, env=env, NETID="ab123")
    assert failed_claims(record) == [], {n: record["claims"].get(n) for n in failed_claims(record)}
    committed = load_record("autoencoder")["models"]["deep"]["test"]["mse_per_pixel"]
    assert record["models"]["deep"]["test"]["mse_per_pixel"] != committed  # the arithmetic did differ
