"""Full-batch gradient descent for the spiral networks: the starter's loop, shared by both trainers."""
import time
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from .networks import init_params, scores, three_layer_loss_and_grads, two_layer_loss_and_grads
from .spiral import make_spiral
from ..validation import (check_classes, check_dtype, check_labels, check_matrix, check_nonnegative_int,
                          check_nonnegative_number, check_positive_int, check_positive_number, check_seed)

# BLAS threads per dtype, chosen by `benchmarks/bench.py` (results/bench.json, "numpy" section):
# for 300 x 100 products, handing work to a second thread costs more than it saves.
BLAS_THREADS = {"float32": 1, "float64": 1}


@dataclass
class FittedNetwork:
    """A trained network: ``params`` (dict of arrays), the recorded loss and the training time."""

    params: dict
    layers: int
    loss_history: list = field(default_factory=list)  # (iteration, loss) pairs
    train_seconds: float = 0.0
    settings: dict = field(default_factory=dict)

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
        """One row of the comparison table, as a dict (also written to the notebook's JSON record)."""
        return {"name": name, "layers": self.layers, "n_params": int(sum(v.size for v in self.params.values())),
                "hidden": self.settings["hidden"], "reg": self.settings["reg"],
                "num_iters": self.settings["num_iters"], "step_size": self.settings["step_size"],
                "train_accuracy": self.accuracy(X, y), "held_out_accuracy": self.accuracy(X_held, y_held),
                "final_loss": self.final_loss, "train_seconds": round(self.train_seconds, 3)}


def network_summary(name, net, X, y, X_held, y_held):
    """``net.summary(...)``: one row of the Problem 1 comparison table."""
    return net.summary(name, X, y, X_held, y_held)


def check_training_data(X, y, dtype):
    """The spiral if both X and y are None; else X (n, D) as ``dtype`` and y (n,) labels 0..K-1. Returns X, y, K."""
    if X is None and y is None:
        X, y = make_spiral()
    elif X is None or y is None:
        raise ValueError("give both X and y, or neither (then the default spiral is used)")
    X = check_matrix(X, "X", dtype=check_dtype(dtype))
    y = check_labels(y, X.shape[0], "y")
    return X, y, check_classes(y)


def gradient_descent(loss_and_grads, params, X, y, reg, step_size, num_iters, print_every, record_every):
    """``num_iters`` steps ``params[k] -= step_size * grads[k]``; returns the recorded (iteration, loss) pairs."""
    step_size, reg = check_positive_number(step_size, "step_size"), check_nonnegative_number(reg, "reg")
    num_iters, record_every = check_positive_int(num_iters, "num_iters"), check_positive_int(record_every, "record_every")
    print_every = check_nonnegative_int(print_every or 0, "print_every")
    history = []
    for i in range(num_iters):
        loss, grads = loss_and_grads(params, X, y, reg)
        if i % record_every == 0 or i == num_iters - 1 or (print_every and i % print_every == 0):
            if not np.isfinite(loss):
                raise FloatingPointError(f"training diverged at iteration {i} (loss {loss}); lower step_size "
                                         f"(now {step_size})")
            history.append((i, float(loss)))
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
    X, y, K = check_training_data(X, y, dtype)
    params = init_params((X.shape[1], check_positive_int(H1, "H1"), K), check_seed(seed), X.dtype)
    net = FittedNetwork(params, 2, settings=dict(hidden=[H1], step_size=step_size, reg=reg, num_iters=num_iters,
                                                 seed=seed, dtype=X.dtype.name))
    t0 = time.perf_counter()
    with threadpool_limits(BLAS_THREADS[X.dtype.name], "blas"):
        net.loss_history = gradient_descent(two_layer_loss_and_grads.__wrapped__,  # inputs checked above, once
                                            params, X, y, reg, step_size, num_iters, print_every, record_every)
    net.train_seconds = time.perf_counter() - t0
    return net


def train_3_layer_network(H1=100, H2=100, *, X=None, y=None, step_size=0.1, reg=0.0, num_iters=20000,
                          seed=0, dtype=np.float32, print_every=1000, record_every=100):
    """Problem 1(b): train ``Softmax(W3 ReLU(W2 ReLU(W1 x + b1) + b2) + b3)`` by full-batch gradient descent.

    Same keywords and defaults (the starter's settings) as :func:`train_2_layer_network`.
    """
    X, y, K = check_training_data(X, y, dtype)
    sizes = (X.shape[1], check_positive_int(H1, "H1"), check_positive_int(H2, "H2"), K)
    params = init_params(sizes, check_seed(seed), X.dtype)
    net = FittedNetwork(params, 3, settings=dict(hidden=[H1, H2], step_size=step_size, reg=reg,
                                                 num_iters=num_iters, seed=seed, dtype=X.dtype.name))
    t0 = time.perf_counter()
    with threadpool_limits(BLAS_THREADS[X.dtype.name], "blas"):
        net.loss_history = gradient_descent(three_layer_loss_and_grads.__wrapped__,  # inputs checked above, once
                                            params, X, y, reg, step_size, num_iters, print_every, record_every)
    net.train_seconds = time.perf_counter() - t0
    return net
