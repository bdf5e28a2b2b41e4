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
import subprocess
import sys
import tempfile
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


def median_time(fn, repeats):
    times, out = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def accuracy(params, X, y):
    h1 = np.maximum(X @ params["W1"] + params["b1"], 0)
    h2 = np.maximum(h1 @ params["W2"] + params["b2"], 0)
    return float(np.mean(np.argmax(h2 @ params["W3"] + params["b3"], axis=1) == y))


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
    X, y = h.make_spiral()
    rows = {}
    for dtype in (np.float32, np.float64):
        name = np.dtype(dtype).name
        with threadpool_limits(1, "blas"):
            floor, _ = median_time(lambda: matmul_floor(X, 100, 100, 3, num_iters, dtype), repeats)
        secs, net = median_time(lambda: h.train_3_layer_network(100, 100, num_iters=num_iters, dtype=dtype,
                                                                 print_every=0), repeats)
        rows[f"trainer_{name}"] = {"seconds": secs, "floor_seconds": floor, "trainer_over_floor": secs / floor,
                                   "train_accuracy": net.accuracy(X, y)}
    with threadpool_limits(1, "blas"):  # code against code: both on one BLAS thread
        ref_secs, ref_params = median_time(lambda: train_3_layer_reference(X, y, num_iters=num_iters), 1)
    ref_threads_secs, _ = median_time(lambda: train_3_layer_reference(X, y, num_iters=num_iters), 1)
    keras_secs, keras_acc = keras_full_batch(X, y, num_iters)
    t32 = rows["trainer_float32"]["seconds"]
    rows["reference_float64"] = {"seconds": ref_secs, "reference_over_trainer_float32": ref_secs / t32,
                                 "train_accuracy": accuracy(ref_params, X, y)}
    rows["reference_float64_default_threads"] = {"seconds": ref_threads_secs,
                                                 "reference_over_trainer_float32": ref_threads_secs / t32}
    rows["keras_fit_float32"] = {"seconds": keras_secs, "keras_over_trainer_float32": keras_secs / t32,
                                 "train_accuracy": keras_acc}
    return {"num_iters": num_iters, "network": "3-layer, H1=H2=100, spiral 300 points", "rows": rows}


def bench_notebooks(quick):
    from conftest import QUICK_PARAMS  # noqa: F401  (tests/ on the path below)

    out = {}
    for name in ("minimal_neural_network", "autoencoder"):
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [str(ROOT / ".venv/bin/papermill"), "--log-level", "WARNING", "--no-progress-bar", "-k", "python3",
                   "--cwd", str(ROOT), "-p", "OUTPUT_DIR", tmp, str(ROOT / f"{name}.ipynb"), f"{tmp}/{name}.ipynb"]
            if quick:
                for k, v in QUICK_PARAMS[name].items():
                    cmd[-2:-2] = ["-y", json.dumps({k: v})]
            env = {**os.environ, "IPYTHONDIR": str(ROOT / "etc/ipython")}
            t = time.perf_counter()
            subprocess.run(cmd, check=True, env=env, stderr=subprocess.DEVNULL)
            wall = time.perf_counter() - t
            executed = json.loads(Path(f"{tmp}/{name}.ipynb").read_text())
            out[name] = {"seconds": wall, "params": "quick" if quick else "full",
                         # papermill's own record: from the first cell's start to the last cell's end
                         "notebook_seconds": executed["metadata"]["papermill"]["duration"]}
    return out


def machine():
    model = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                  if l.startswith("model name")), platform.processor())
    return {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version(), "numpy": np.__version__,
            "date": time.strftime("%Y-%m-%d")}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="tiny sizes, to check the script itself")
    ap.add_argument("--only", default="numpy,autoencoders,notebooks")
    ap.add_argument("--out", default=str(ROOT / "results" / "bench.json"))
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    only = set(args.only.split(","))
    path = Path(args.out)
    record = json.loads(path.read_text()) if path.exists() else {}
    record["machine"] = machine()
    if "numpy" in only:
        record["numpy"] = bench_numpy(args.repeats, 500 if args.quick else 20000)
    if "autoencoders" in only:
        from bench_autoencoders import bench_autoencoders
        record["autoencoders"] = bench_autoencoders(quick=args.quick)
    if "notebooks" in only:
        record["notebooks"] = bench_notebooks(args.quick)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2) + "\n")
    from readme_tables import render, update_readme
    print(render(record))
    if not args.quick:
        update_readme()


if __name__ == "__main__":
    main()
