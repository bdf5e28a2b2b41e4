"""The 2-D spiral toy data of the CS231n case study (Problem 1)."""
import numpy as np

from ..validation import check_nonnegative_number, check_positive_int, check_seed


def make_spiral(n_per_class=100, n_classes=3, noise=0.3, seed=0):
    """Return ``(X, y)``: ``X`` is (n_per_class*n_classes, 2) float64, ``y`` int labels 0..K-1.

    With the defaults this is the starter's data bit for bit (``np.random.seed(0)``
    then one ``randn(N)`` per class).  Another ``seed`` gives a held-out spiral
    drawn from the same distribution.
    """
    N = check_positive_int(n_per_class, "n_per_class")
    K = check_positive_int(n_classes, "n_classes")
    noise = check_nonnegative_number(noise, "noise")
    rng = np.random.RandomState(check_seed(seed))  # same stream as np.random.seed(seed)
    X = np.zeros((N * K, 2))
    y = np.zeros(N * K, dtype=np.int64)
    for j in range(K):
        ix = range(N * j, N * (j + 1))
        r = np.linspace(0.0, 1, N)  # radius
        t = np.linspace(j * 4, (j + 1) * 4, N) + rng.randn(N) * noise  # angle
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j
    return X, y
