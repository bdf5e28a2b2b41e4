"""`make bench`: time the bundle against its peers and its limits; write results/bench.json and the README table.

Compare inside one run, as ratios, with medians of repeats (the machine is shared and noisy).
Sections: numpy trainers (vs the matrix-product floor, a plain starter-style loop and Keras `fit`),
autoencoders (our settings vs the starter's), whole notebooks (full papermill runs).
Usage: python benchmarks/bench.py [--repeats 3] [--quick] [--only numpy,autoencoders,notebooks]
"""
import argparse
import json
import warnings
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "scripts")]
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

import helpers as h  # noqa: E402
from reference import matmul_floor, train_3_layer_reference  # noqa: E402


def accuracy(params, X, y):
    return float(np.mean(np.argmax(h.three_layer_loss_and_grads(params, X), axis=1) == y))


def keras_full_batch(X, y, num_iters):
    """The same network, initialisation scale and step size, trained full-batch with Keras ``fit``."""
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(0)
    init = keras.initializers.RandomNormal(stddev=1.0, seed=0)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(100, "relu", kernel_initializer=init),
                              keras.layers.Dense(100, "relu", kernel_initializer=init),
                              keras.layers.Dense(3, kernel_initializer=init)])
    model.compile(keras.optimizers.SGD(0.1), keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    # One epoch of num_iters identical full batches: Keras's per-epoch overhead would otherwise dominate.
    data = tf.data.Dataset.from_tensors((X.astype("float32"), y)).repeat(num_iters)
    t = time.perf_counter()
    model.fit(data, epochs=1, verbose=0)
    seconds = time.perf_counter() - t
    return seconds, float(np.mean(np.argmax(model.predict(X, verbose=0), axis=1) == y))


def bench_numpy(repeats, num_iters):
    """The 1(b) answer at 1 and 2 BLAS threads against the matrix-product floor and the plain starter-style loop.

    Every timing is the median of ``repeats``; all variants are interleaved in each repeat, so that load from
    other processes hits them alike.  ``floor`` is the 8 matrix products alone at their best thread count.
    The notebook runs the answer on one thread (``threadpool_limits(1, "blas")`` in its set-up cell).
    """
    X, y = h.make_spiral()
    times, nets = {}, {}

    def run(key, fn, threads):
        with threadpool_limits(threads, "blas"):
            t = time.perf_counter()
            out = fn()
            times.setdefault(key, []).append(time.perf_counter() - t)
        return out

    for _ in range(repeats):
        for threads in (1, 2):
            for dtype in ("float32", "float64"):
                run(f"floor_{dtype}_{threads}", lambda: matmul_floor(X, 100, 100, 3, num_iters, dtype), threads)
                nets[dtype] = run(f"trainer_{dtype}_{threads}", lambda: h.train_3_layer_network(
                    100, 100, num_iters=num_iters, dtype=dtype, print_every=0), threads)
            ref = run(f"reference_float64_{threads}", lambda: train_3_layer_reference(X, y, num_iters=num_iters),
                      threads)
    med = {k: statistics.median(v) for k, v in times.items()}
    best_ref = min(med["reference_float64_1"], med["reference_float64_2"])
    rows = {}
    for dtype in ("float32", "float64"):
        floor = min(med[f"floor_{dtype}_1"], med[f"floor_{dtype}_2"])
        secs = med[f"trainer_{dtype}_1"]
        rows[f"trainer_{dtype}"] = {
            "threads": 1, "seconds": secs, "seconds_1_thread": secs, "seconds_2_threads": med[f"trainer_{dtype}_2"],
            "floor_seconds": floor, "floor_seconds_1_thread": med[f"floor_{dtype}_1"],
            "floor_seconds_2_threads": med[f"floor_{dtype}_2"], "trainer_over_floor": secs / floor,
            "trainer_over_reference": secs / best_ref,
            "best_threads": 1 if secs <= med[f"trainer_{dtype}_2"] else 2,
            "train_accuracy": float(nets[dtype].train_accuracy)}
    rows["reference_float64"] = {"seconds": best_ref, "seconds_1_thread": med["reference_float64_1"],
                                 "seconds_2_threads": med["reference_float64_2"],
                                 "best_threads": 1 if med["reference_float64_1"] <= med["reference_float64_2"] else 2,
                                 "train_accuracy": accuracy(ref, X, y)}
    keras_secs, keras_acc = keras_full_batch(X, y, num_iters)
    rows["keras_fit_float32"] = {"seconds": keras_secs, "keras_over_trainer_float32": keras_secs / rows["trainer_float32"]["seconds"],
                                 "train_accuracy": keras_acc}
    return {"num_iters": num_iters, "repeats": repeats, "network": "3-layer, H1=H2=100, spiral 300 points",
            "rows": rows}


def bench_notebooks(quick, names=("minimal_neural_network", "autoencoder")):
    from notebook_timing import time_notebook

    return {name: time_notebook(name, quick)[0] for name in names}


def machine():
    model = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                  if l.startswith("model name")), platform.processor())
    return {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version(), "numpy": np.__version__,
            "date": time.strftime("%Y-%m-%d")}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--num-iters", type=int, default=None, help="numpy section: iterations (default 20000)")
    ap.add_argument("--quick", action="store_true", help="tiny sizes, to check the script itself")
    ap.add_argument("--only", default="numpy,autoencoders,notebooks,explore")
    ap.add_argument("--out", default=str(ROOT / "results" / "bench.json"))
    args = ap.parse_args()
    only = set(args.only.split(","))
    path = Path(args.out)
    record = json.loads(path.read_text()) if path.exists() else {}
    record["machine"] = machine()
    if "numpy" in only:
        record["numpy"] = bench_numpy(args.repeats, args.num_iters or (500 if args.quick else 20000))
    if "autoencoders" in only:
        from bench_autoencoders import bench_autoencoders
        record["autoencoders"] = bench_autoencoders(quick=args.quick)
    if "notebooks" in only:
        ae_run = record["autoencoders"].get("notebook") if "autoencoders" in only else None
        # the autoencoder notebook, as `make` runs it, was just timed in the autoencoder section: not run twice
        record["notebooks"] = bench_notebooks(args.quick, ["minimal_neural_network"] + ([] if ae_run else ["autoencoder"]))
        if ae_run:
            record["notebooks"]["autoencoder"] = {k: ae_run[k] for k in ("seconds", "params", "notebook_seconds")}
    if "explore" in only:
        from bench_explore import bench_explore
        record["explore"] = bench_explore(quick=args.quick)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2) + "\n")
    from readme_tables import render, update_readme
    print(render(record))
    if not args.quick and path == ROOT / "results" / "bench.json":
        update_readme()


if __name__ == "__main__":
    main()
