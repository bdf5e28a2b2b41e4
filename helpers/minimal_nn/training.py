"""Full-batch gradient descent for the spiral networks: the starter's loop, shared by both trainers."""
import ctypes
import time
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from .networks import init_params, scores, three_layer_loss_and_grads, two_layer_loss_and_grads
from .spiral import make_spiral
from ..validation import (check_classes, check_dtype, check_labels, check_matrix, check_nonnegative_int,
                          check_nonnegative_number, check_positive_int, check_positive_number)

# BLAS threads per dtype, chosen by `benchmarks/bench.py` (results/bench.json, "numpy" section):
# for 300 x 100 products, handing work to a second thread costs more than it saves.
BLAS_THREADS = {"float32": 1, "float64": 1}


def reuse_freed_memory():
    """On Linux (glibc): keep freed memory for reuse rather than handing it back to the system each step.

    A float64 step makes about twenty new 300 x 100 arrays of 240 KB; glibc maps each one afresh (above
    its 128 KB threshold) and returns it on free, and faulting in those pages cost the float64 trainer
    about a third of its time (`make bench`).  Elsewhere (macOS, Windows, musl) this does nothing.
    Called once, below, when the trainers are imported.
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError, TypeError):
        return False
    M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
    return bool(mallopt(M_TRIM_THRESHOLD, 64 << 20) and mallopt(M_MMAP_THRESHOLD, 8 << 20))


reuse_freed_memory()


@dataclass
class FittedNetwork:
    """A trained network: ``params`` (dict of arrays), the recorded loss, the training time and settings."""

    params: dict
    loss_history: list = field(default_factory=list)  # (iteration, loss) pairs
    train_seconds: float = 0.0
    settings: dict = field(default_factory=dict)

    @property
    def layers(self):
        return len(self.params) // 2

    def scores(self, X):
        """Class scores (n, K) for inputs X (n, D)."""
        return scores(self.params, check_matrix(X, "X", n_cols=self.params["W1"].shape[0],
                                                dtype=self.params["W1"].dtype))

    def predict(self, X):
        """Predicted class labels (n,) for inputs X (n, D)."""
        return np.argmax(self.scores(X), axis=1)

    def accuracy(self, X, y):
        """Fraction of rows of X whose predicted label equals y."""
        predicted = self.predict(X)
        return float(np.mean(predicted == check_labels(y, len(predicted))))

    @property
    def final_loss(self):
        return self.loss_history[-1][1] if self.loss_history else float("nan")

    def summary(self, name, X, y, X_held, y_held):
        """One row of the comparison table, as a dict (also written to the notebook's record)."""
        return {"name": name, "layers": self.layers, "n_params": int(sum(v.size for v in self.params.values())),
                "hidden": [self.params[f"W{j}"].shape[1] for j in range(1, self.layers)],
                "reg": self.settings["reg"], "num_iters": self.settings["num_iters"],
                "step_size": self.settings["step_size"], "train_accuracy": self.accuracy(X, y),
                "held_out_accuracy": self.accuracy(X_held, y_held), "final_loss": self.final_loss,
                "train_seconds": round(self.train_seconds, 3)}


def check_training_args(X, y, dtype, step_size, reg, num_iters, print_every, record_every, **widths):
    """The trainers' arguments, checked once (ValueError naming a bad one). X, y = None, None: the starter's spiral.

    Returns ``X`` (n, D) as ``dtype``, ``y`` (n,) labels 0..K-1, and the layer widths ``[D, *widths, K]``.
    """
    hidden = [check_positive_int(v, k) for k, v in widths.items()]
    if X is None and y is None:
        X, y = make_spiral()
    elif X is None or y is None:
        raise ValueError("give both X and y, or neither (then the default spiral is used)")
    X = check_matrix(X, "X", dtype=check_dtype(dtype))
    y = check_labels(y, X.shape[0], "y")
    check_positive_number(step_size, "step_size"), check_nonnegative_number(reg, "reg")
    check_positive_int(num_iters, "num_iters"), check_positive_int(record_every, "record_every")
    check_nonnegative_int(print_every, "print_every")
    return X, y, [X.shape[1], *hidden, check_classes(y)]


def check_finite(loss, i, step_size):
    """``loss``, or FloatingPointError if training diverged (loss inf or NaN at iteration ``i``)."""
    if not np.isfinite(loss):
        raise FloatingPointError(f"training diverged at iteration {i}; lower step_size (now {step_size})")
    return float(loss)


def gradient_descent(loss_and_grads, params, X, y, reg, step_size, num_iters, print_every=0,
                     record_every=100):
    """params[k] -= step_size * grads[k], num_iters times; returns [(iteration, loss), ...]."""
    history = []
    for i in range(num_iters):
        loss, grads = loss_and_grads(params, X, y, reg)
        if i % record_every == 0 or i == num_iters - 1:
            history.append((i, check_finite(loss, i, step_size)))
        if print_every and i % print_every == 0:
            print(f"iteration {i}: loss {loss:f}")
        for k in params:
            params[k] -= step_size * grads[k]
    return history


def train_2_layer_network(H1=100, *, X=None, y=None, step_size=0.1, reg=0.0, num_iters=20000,
                          seed=0, dtype=np.float32, print_every=1000, record_every=100):
    """Train the starter's ``Softmax(W2 ReLU(W1 x + b1) + b2)`` by full-batch gradient descent.

    Defaults are the starter's: H1=100, standard-normal weights, zero biases, step 0.1, no
    regularisation, 20,000 iterations on ``make_spiral()``, loss printed every 1,000 (``print_every=0``
    is silent) and recorded every ``record_every``.  Returns a :class:`FittedNetwork`.
    """
    X, y, sizes = check_training_args(X, y, dtype, step_size, reg, num_iters, print_every, record_every, H1=H1)
    params = init_params(sizes, seed, X.dtype)
    settings = dict(step_size=step_size, reg=reg, num_iters=num_iters, seed=seed, dtype=X.dtype.name)
    t0 = time.perf_counter()
    with threadpool_limits(BLAS_THREADS[X.dtype.name], "blas"):
        history = gradient_descent(two_layer_loss_and_grads.__wrapped__,  # inputs checked above, once
                                   params, X, y, reg, step_size, num_iters, print_every, record_every)
    return FittedNetwork(params, history, time.perf_counter() - t0, settings)


def train_3_layer_network(H1=100, H2=100, *, X=None, y=None, step_size=0.1, reg=0.0,
                          num_iters=20000, seed=0, dtype=np.float32, print_every=1000, record_every=100):
    """Problem 1(b). Keywords and defaults (the starter's settings) as in train_2_layer_network."""
    X, y, sizes = check_training_args(X, y, dtype, step_size, reg, num_iters, print_every, record_every,
                                      H1=H1, H2=H2)
    params = init_params(sizes, seed, X.dtype)
    settings = dict(step_size=step_size, reg=reg, num_iters=num_iters, seed=seed, dtype=X.dtype.name)
    t0 = time.perf_counter()
    with threadpool_limits(BLAS_THREADS[X.dtype.name], "blas"):  # measured: 1 thread is faster
        history = gradient_descent(three_layer_loss_and_grads.__wrapped__,  # inputs checked above
                                   params, X, y, reg, step_size, num_iters, print_every, record_every)
    return FittedNetwork(params, history, time.perf_counter() - t0, settings)
