"""Full-batch gradient-descent trainers for the 2- and 3-layer spiral networks."""
import time
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from .networks import _three_layer, _two_layer, three_layer_scores, two_layer_scores
from .spiral import make_spiral
from ..validation import (check_classes, check_dtype, check_labels, check_matrix, check_nonnegative_int,
                         check_nonnegative_number, check_positive_int, check_positive_number, check_seed)


@dataclass
class FittedNetwork:
    """A trained network: ``params`` (dict of arrays), loss record and timing."""

    params: dict
    layers: int
    loss_history: list = field(default_factory=list)  # (iteration, loss) pairs
    train_seconds: float = 0.0
    settings: dict = field(default_factory=dict)

    def scores(self, X):
        """Class scores (n, K) for inputs X (n, D)."""
        X = check_matrix(X, "X", n_cols=self.params["W1"].shape[0], dtype=self.params["W1"].dtype)
        f = two_layer_scores if self.layers == 2 else three_layer_scores
        return f(self.params, X)

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


def _init_params(sizes, rng, dtype):
    """Standard-normal weights (no 0.01 scaling, as in the starter) and zero biases."""
    params = {}
    for j, (d_in, d_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        params[f"W{j}"] = rng.randn(d_in, d_out).astype(dtype)
        params[f"b{j}"] = np.zeros((1, d_out), dtype=dtype)
    return params


def _train(hidden, X, y, step_size, reg, num_iters, seed, dtype, print_every, record_every):
    if X is None and y is None:
        X, y = make_spiral()
    elif X is None or y is None:
        raise ValueError("give both X and y, or neither (then the default spiral is used)")
    dtype = check_dtype(dtype)
    X = check_matrix(X, "X", n_cols=2, dtype=dtype)
    y = check_labels(y, X.shape[0], "y")
    K = check_classes(y)
    step_size = check_positive_number(step_size, "step_size")
    reg = check_nonnegative_number(reg, "reg")
    num_iters = check_positive_int(num_iters, "num_iters")
    print_every = check_nonnegative_int(print_every or 0, "print_every")
    record_every = check_positive_int(record_every, "record_every")
    seed = check_seed(seed)

    sizes = (X.shape[1], *hidden, K)
    params = _init_params(sizes, np.random.RandomState(seed), dtype)
    step = _two_layer if len(hidden) == 1 else _three_layer
    net = FittedNetwork(params, layers=len(hidden) + 1, settings=dict(
        hidden=list(hidden), step_size=step_size, reg=reg, num_iters=num_iters,
        seed=seed, dtype=dtype.name))

    t0 = time.perf_counter()
    # One BLAS thread: these matrices are tiny, and thread hand-offs cost more than they save
    # (3x slower with 2 threads when the other core is busy; see benchmarks/).
    with threadpool_limits(limits=1, user_api="blas"):
        _descend(step, params, X, y, reg, num_iters, step_size, print_every, record_every, net)
    net.train_seconds = time.perf_counter() - t0
    return net


def _descend(step, params, X, y, reg, num_iters, step_size, print_every, record_every, net):
    for i in range(num_iters):
        log = print_every > 0 and i % print_every == 0
        record = log or i % record_every == 0 or i == num_iters - 1
        # scale=step_size: the backward pass returns step_size * gradient directly (saves a pass per array)
        loss, steps = step(params, X, y, reg, record, step_size)
        if record:
            if not np.isfinite(loss):
                raise FloatingPointError(
                    f"training diverged at iteration {i} (loss {loss}); lower step_size (now {step_size})")
            net.loss_history.append((i, loss))
            if log:
                print(f"iteration {i}: loss {loss:f}")
        for k, s in steps.items():
            params[k] -= s


def train_2_layer_network(H1=100, *, X=None, y=None, step_size=0.1, reg=0.0, num_iters=20000,
                          seed=0, dtype=np.float32, print_every=1000, record_every=100):
    """Train ``p = Softmax(W2 ReLU(W1 x + b1) + b2)`` by full-batch gradient descent.

    Defaults are the starter's: H1=100, standard-normal weights, zero biases,
    step 0.1, no regularisation, 20,000 iterations on ``make_spiral()``, loss
    printed every 1,000 (``print_every=0`` is silent) and recorded every
    ``record_every``.  Returns a :class:`FittedNetwork`.
    """
    H1 = check_positive_int(H1, "H1")
    return _train((H1,), X, y, step_size, reg, num_iters, seed, dtype, print_every, record_every)


def train_3_layer_network(H1=100, H2=100, *, X=None, y=None, step_size=0.1, reg=0.0, num_iters=20000,
                          seed=0, dtype=np.float32, print_every=1000, record_every=100):
    """Train the 3-layer network ``Softmax(W3 ReLU(W2 ReLU(W1 x + b1) + b2) + b3)``.

    Same keywords and defaults as :func:`train_2_layer_network`; ``H2`` is the
    width of the second hidden layer.  Gradients: ``three_layer_loss_and_grads``.
    """
    H1 = check_positive_int(H1, "H1")
    H2 = check_positive_int(H2, "H2")
    return _train((H1, H2), X, y, step_size, reg, num_iters, seed, dtype, print_every, record_every)
