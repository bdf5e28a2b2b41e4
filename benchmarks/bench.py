"""`make bench`: the bundle against its peers and limits (medians of repeats) -> results/bench.json, README table."""
import argparse
import json
import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "scripts")]
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

import helpers as h  # noqa: E402
from reference import matmul_floor, train_3_layer_reference  # noqa: E402


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
    """The 1(b) answer on 1 and 2 BLAS threads vs its floor, the plain loop, Keras; all in each repeat (shared load)."""
    X, y = h.make_spiral()
    times, nets = {}, {}

    def run(key, fn, threads):
        with threadpool_limits(threads, "blas"):
            t = time.perf_counter()
            out = fn()
            times.setdefault(key, ([], []))[threads - 1].append(time.perf_counter() - t)
        return out

    for _ in range(repeats):
        for threads in (1, 2):
            for dtype in ("float32", "float64"):
                run(f"floor_{dtype}", lambda: matmul_floor(X, 100, 100, 3, num_iters, dtype), threads)
                nets[dtype] = run(f"trainer_{dtype}", lambda: h.train_3_layer_network(
                    100, 100, num_iters=num_iters, dtype=dtype, print_every=0), threads)
            ref = run("reference_float64", lambda: train_3_layer_reference(X, y, num_iters=num_iters), threads)
    med = {k: tuple(map(statistics.median, v)) for k, v in times.items()}  # seconds on 1 and on 2 threads
    ref1, ref2 = med["reference_float64"]
    rows = {}
    for dtype in ("float32", "float64"):
        (secs, secs2), (floor1, floor2) = med[f"trainer_{dtype}"], med[f"floor_{dtype}"]
        rows[f"trainer_{dtype}"] = {
            "threads": 1, "seconds": secs, "seconds_1_thread": secs, "seconds_2_threads": secs2,
            "floor_seconds": min(floor1, floor2), "floor_seconds_1_thread": floor1, "floor_seconds_2_threads": floor2,
            "trainer_over_floor": secs / min(floor1, floor2), "trainer_over_reference": secs / min(ref1, ref2),
            "best_threads": 1 if secs <= secs2 else 2, "train_accuracy": float(nets[dtype].train_accuracy)}
    rows["reference_float64"] = {
        "seconds": min(ref1, ref2), "seconds_1_thread": ref1, "seconds_2_threads": ref2,
        "best_threads": 1 if ref1 <= ref2 else 2,
        "train_accuracy": float(np.mean(np.argmax(h.three_layer_loss_and_grads(ref, X), axis=1) == y))}
    keras_secs, keras_acc = keras_full_batch(X, y, num_iters)
    rows["keras_fit_float32"] = {"seconds": keras_secs, "train_accuracy": keras_acc,
                                 "keras_over_trainer_float32": keras_secs / rows["trainer_float32"]["seconds"]}
    return {"num_iters": num_iters, "repeats": repeats, "network": "3-layer, H1=H2=100, spiral 300 points",
            "rows": rows}


def machine():
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    return {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version(), "numpy": np.__version__,
            "date": time.strftime("%Y-%m-%d")}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny sizes, to check the script itself")
    args = ap.parse_args()
    path = ROOT / "results" / "bench.json"
    record = {"machine": machine(), "numpy": bench_numpy(3, 500 if args.quick else 20000)}
    from bench_autoencoders import bench_autoencoders
    record["autoencoders"] = bench_autoencoders(quick=args.quick)
    from notebook_timing import time_notebook
    # the autoencoder notebook, as `make` runs it, was just timed in the autoencoder section: not run twice
    ae_run = record["autoencoders"]["notebook"]
    record["notebooks"] = {"minimal_neural_network": time_notebook("minimal_neural_network", args.quick)[0],
                           "autoencoder": {k: ae_run[k] for k in ("seconds", "params", "notebook_seconds")}}
    from bench_explore import bench_explore
    record["explore"] = bench_explore(quick=args.quick)
    path.write_text(json.dumps(record, indent=2) + "\n")
    from readme_tables import render, update_readme
    print(render(record))
    if not args.quick:
        update_readme()


if __name__ == "__main__":
    main()
