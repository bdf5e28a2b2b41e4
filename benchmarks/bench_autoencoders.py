"""`make bench`'s autoencoder section: seconds per epoch of model.fit, the fast path, the matrix products alone."""
import statistics
import timeit

import numpy as np

from notebook_timing import time_notebook

REPEATS = 3


def _products(sizes, batch):
    """(a, b) shapes of the matrix products of one mini-batch of ``batch`` rows."""
    shapes = []
    for k, (d_in, d_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        shapes.append(((batch, d_in), (d_in, d_out)))       # forward  A @ W
        shapes.append(((d_in, batch), (batch, d_out)))      # dW = A^T @ G
        if k:
            shapes.append(((batch, d_out), (d_out, d_in)))  # dA = G @ W^T (not needed for the input)
    return shapes


def _epoch(n, batch_size, n_val, sizes, wrap):
    """One epoch's products as [(count, [(a, b), ...]), ...]: random float32 matrices, each made by ``wrap``."""
    rng = np.random.default_rng(0)
    full, rest = divmod(n, batch_size)
    groups = [(full, _products(sizes, batch_size))] + ([(1, _products(sizes, rest))] if rest else [])
    groups.append((1, [((n_val, a), (a, b)) for a, b in zip(sizes[:-1], sizes[1:])]))  # the validation pass
    return [(count, [(wrap(rng.standard_normal(a, dtype="float32")), wrap(rng.standard_normal(b, dtype="float32")))
                     for a, b in shapes]) for count, shapes in groups]


def floor_seconds(n, batch_size, n_val, sizes, compiled):
    """Median seconds of one epoch's matrix products alone: one compiled TensorFlow loop, or numpy float32."""
    import tensorflow as tf
    from threadpoolctl import threadpool_limits

    # TF's matrices variables, not constants: a product of two constants could be folded away in the graph
    groups = _epoch(n, batch_size, n_val, sizes, tf.Variable if compiled else np.asarray)

    def epoch():
        total = tf.constant(0.0) if compiled else 0.0
        for count, pairs in groups:
            for _ in tf.range(count) if compiled else range(count):
                for a, b in pairs:
                    total += (tf.matmul(a, b) if compiled else a @ b)[0, 0]  # keep each product alive
        return total

    run = tf.function(epoch) if compiled else epoch
    run()  # compile
    # numpy on one thread: on this shared 2-core machine two OpenBLAS threads wait for each other on these products
    with threadpool_limits(1, "blas"):
        return statistics.median(timeit.repeat(lambda: float(run()), number=1, repeat=REPEATS))


def bench_epochs(quick=False):
    """Per model: seconds per epoch through fit and the fast path, the floor, and the ratios."""
    import keras

    from helpers.autoencoder.models import (add_noise, build_deep_autoencoder, build_shallow_autoencoder,
                                            prepare_images, split_validation)
    from helpers.autoencoder.params import notebook_defaults
    from helpers.autoencoder.training import train_autoencoder, train_fast

    p = notebook_defaults()
    (x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()
    n = 3000 if quick else len(x_train)
    x_train, _, x_val, _ = split_validation(prepare_images(x_train[:n]), y_train[:n], p["VALIDATION_FRACTION"])
    noisy, noisy_val = add_noise(x_train, p["NOISE_FACTOR"], seed=1), add_noise(x_val, p["NOISE_FACTOR"], seed=2)
    rows = {}
    for name in ("shallow", "deep", "denoise"):
        settings = {**p[f"{name.upper()}_SETTINGS"], "loss": p["LOSS"], "lr_schedule": p["LR_SCHEDULE"],
                    "seed": p["SEED"]}
        x_in, v_in = (noisy, noisy_val) if name == "denoise" else (x_train, x_val)
        build = build_shallow_autoencoder if name == "shallow" else build_deep_autoencoder
        row = rows[name] = {"batch_size": settings["batch_size"], "n_train": len(x_train), "n_val": len(x_val)}
        for path, train in (("fit", train_autoencoder), ("fast", train_fast)):
            model, _ = build(32, seed=p["SEED"])
            # the first epoch compiles; the median of the others is the epoch's cost
            history, _ = train(model, x_in, x_train, epochs=REPEATS + 1, validation_data=(v_in, x_val), **settings)
            row[f"{path}_seconds_per_epoch"] = statistics.median(history["epoch_seconds"][1:])
            row[f"{path}_epoch_seconds"] = history["epoch_seconds"]
        shapes = (len(x_train), settings["batch_size"], len(x_val), [784] + [layer.units for layer in model.layers[1:]])
        row["floor_tf"], row["floor_numpy"] = (floor_seconds(*shapes, compiled=c) for c in (True, False))
        floor = row["floor_seconds_per_epoch"] = min(row["floor_tf"], row["floor_numpy"])
        fit, fast = row["fit_seconds_per_epoch"], row["fast_seconds_per_epoch"]
        row.update(fit_over_floor=fit / floor, fast_over_floor=fast / floor, fit_over_fast=fit / fast)
        print(f"{name}: fit {row['fit_seconds_per_epoch']:.3f} s/epoch, fast {row['fast_seconds_per_epoch']:.3f}, "
              f"floor {floor:.3f} (TF {row['floor_tf']:.3f}, numpy {row['floor_numpy']:.3f}): "
              f"fast {row['fast_over_floor']:.2f}x floor, fit {row['fit_over_floor']:.2f}x", flush=True)
    return rows


def bench_autoencoders(quick=False):
    """``make bench``'s autoencoder section: per-epoch costs, then the whole notebook (full parameters unless quick)."""
    out = {"models": bench_epochs(quick)}
    timing, record = time_notebook("autoencoder", quick)
    models = record["models"]
    out["notebook"] = {**timing, "training_seconds": sum(m["fit_seconds"] for m in models.values())
                       + sum(r["fit_seconds"] for r in record["sweep"]["runs"] if r["code_size"] != 32),
                       "test_mse": {k: models[k]["test"]["mse_per_pixel"] for k in ("shallow", "deep", "denoise")}}
    print(f"notebook: {out['notebook']['notebook_seconds']:.0f} s, {out['notebook']['training_seconds']:.0f} s of it "
          "training", flush=True)
    return out
