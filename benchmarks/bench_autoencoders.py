"""Autoencoder section of `make bench`: our training settings vs the starter's, per model.

Our settings are read from autoencoder.ipynb's parameters cell (one source of truth). For each model:
seconds per epoch, fit time and test MSE per pixel with both settings, and the fit time our settings need
to reach the starter's final test MSE (test MSE is evaluated after every epoch; that evaluation is not timed).
"""
import json
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
STARTER = {"shallow": 5, "deep": 10, "denoise": 10}  # the starter's epochs, batch 32, Adam 1e-3, BCE
MEANING = {
    "shallow": "a single 32-unit ReLU code: more epochs at a larger batch help, but the architecture limits it",
    "deep": "the 2-layer encoder and decoder profit most from a longer run with warm-up and cosine decay",
    "denoise": "same network as deep on noisy inputs; its error is against the clean images",
}


def notebook_parameters(path=ROOT / "autoencoder.ipynb"):
    """The values assigned in the notebook's cell tagged ``parameters``."""
    nb = json.loads(Path(path).read_text())
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    values = {}
    exec("".join(cell["source"]), {}, values)  # the cell is plain assignments of literals
    return values


def _fit_timed(model, x_in, x_target, x_test_in, x_test, settings, epochs):
    """Train with ``train_autoencoder``; return (fit seconds, [(fit seconds so far, test MSE) per epoch])."""
    import keras

    from helpers.autoencoder.models import reconstruct, train_autoencoder

    curve, clock = [], {"fit": 0.0}

    class TestMSE(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            clock["t"] = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            clock["fit"] += time.perf_counter() - clock["t"]
            curve.append((clock["fit"], float(np.mean((reconstruct(self.model, x_test_in) - x_test) ** 2))))

    train_autoencoder(model, x_in, x_target, epochs=epochs, verbose=0, callbacks=[TestMSE()], **settings)
    return clock["fit"], curve


def bench_autoencoders(quick=False):
    import keras

    from helpers.autoencoder.models import (add_noise, build_deep_autoencoder, build_shallow_autoencoder, prepare_images,
                                      split_validation)

    p = notebook_parameters()
    (x_train, y_train), (x_test, _) = keras.datasets.fashion_mnist.load_data()
    if quick:
        x_train, y_train, x_test = x_train[:2000], y_train[:2000], x_test[:500]
    x_train, x_test = prepare_images(x_train), prepare_images(x_test)
    x_train, _, _, _ = split_validation(x_train, y_train, p["VALIDATION_FRACTION"])
    common = dict(loss=p["LOSS"], lr_schedule=p["LR_SCHEDULE"], seed=p["SEED"])
    ours = {"shallow": ({**common, **p["SHALLOW_SETTINGS"]}, p["EPOCHS_SHALLOW"]),
            "deep": ({**common, **p["DEEP_SETTINGS"]}, p["EPOCHS_DEEP"]),
            "denoise": ({**common, **p["DENOISE_SETTINGS"]}, p["EPOCHS_DENOISE"])}
    starter = dict(batch_size=32, learning_rate=1e-3, lr_schedule="constant", loss="binary_crossentropy",
                   seed=p["SEED"])
    noisy_train = add_noise(x_train, p["NOISE_FACTOR"], seed=p["SEED"] + 1)
    noisy_test = add_noise(x_test, p["NOISE_FACTOR"], seed=p["SEED"] + 3)
    out = {"settings_source": "autoencoder.ipynb parameters cell", "models": {}}
    for name in ("shallow", "deep", "denoise"):
        build = build_shallow_autoencoder if name == "shallow" else build_deep_autoencoder
        x_in, t_in = (noisy_train, noisy_test) if name == "denoise" else (x_train, x_test)
        row = {"meaning": MEANING[name]}
        for label, (settings, epochs) in (("starter", (starter, 1 if quick else STARTER[name])),
                                          ("ours", (ours[name][0], 1 if quick else ours[name][1]))):
            model, _ = build(code_size=32, seed=p["SEED"])
            seconds, curve = _fit_timed(model, x_in, x_train, t_in, x_test, settings, epochs)
            row[label] = {"epochs": epochs, "batch_size": settings["batch_size"], "fit_seconds": seconds,
                          "seconds_per_epoch": seconds / epochs, "test_mse": curve[-1][1],
                          "test_mse_per_epoch": [m for _, m in curve]}
            if label == "ours":
                target = row["starter"]["test_mse"]
                row["ours"]["seconds_to_starter_mse"] = next((t for t, m in curve if m <= target), None)
        out["models"][name] = row
        print(f"{name}: starter {row['starter']['test_mse']:.4f} in {row['starter']['fit_seconds']:.0f} s, "
              f"ours {row['ours']['test_mse']:.4f} in {row['ours']['fit_seconds']:.0f} s", flush=True)
    return out
