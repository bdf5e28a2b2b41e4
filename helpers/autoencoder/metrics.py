"""Squared errors of rows of D pixels, ``mse_per_pixel`` (Keras's) and ``sse_per_image`` (the assignment's L); PCA."""
from dataclasses import dataclass

import numpy as np

from ..report import markdown_table

CHUNK = 10000  # rows per pass: PCA's sums accumulate in this order


def per_image_sse(x, x_hat):
    """||x_i - xhat_i||^2 for each row: (n, D), (n, D) -> float64 (n,)."""
    x, x_hat = np.asarray(x), np.asarray(x_hat)
    if x.shape != x_hat.shape or x.ndim != 2 or x.shape[0] == 0:
        raise ValueError("x and x_hat must be non-empty (n, D) arrays of the same shape, "
                         f"got {x.shape} and {x_hat.shape}")
    out = np.empty(len(x))
    for s in range(0, len(x), CHUNK):
        d = x[s:s + CHUNK].astype(np.float64) - x_hat[s:s + CHUNK]
        out[s:s + CHUNK] = np.einsum("ij,ij->i", d, d)
    return out


def squared_errors(x, x_hat):
    """``{"mse_per_pixel": ..., "sse_per_image": ...}`` of reconstructions x_hat (n, D) of x (n, D)."""
    sse = per_image_sse(x, x_hat)
    return {"mse_per_pixel": float(sse.mean() / x.shape[1]), "sse_per_image": float(sse.mean())}


def per_class_mse(x, x_hat, y):
    """Mean squared error per pixel for each class: x, x_hat (n, D), labels y (n,) in 0..9 -> (10,)."""
    sse = per_image_sse(x, x_hat)  # (np.bincount checks that y has one label per row)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.bincount(y, weights=sse, minlength=10) / np.bincount(y, minlength=10) / np.asarray(x).shape[1]


@dataclass
class PCA:
    """Principal components: ``mean`` (D,), orthonormal ``components`` (D, D) by decreasing ``variances`` (D,)."""

    mean: np.ndarray
    components: np.ndarray
    variances: np.ndarray

    @classmethod
    def fit(cls, x_train):
        """Eigen-decomposition of the covariance of x_train (n, D) in float64 (about 2 s for 60000 x 784)."""
        x_train = np.asarray(x_train)
        if x_train.ndim != 2 or len(x_train) < 2:
            raise ValueError(f"x_train must be an (n, D) array with n >= 2, got shape {x_train.shape}")
        mean = x_train.mean(axis=0, dtype=np.float64)
        cov = np.zeros((x_train.shape[1],) * 2)
        for s in range(0, len(x_train), CHUNK):
            c = x_train[s:s + CHUNK].astype(np.float64) - mean
            cov += c.T @ c
        variances, vectors = np.linalg.eigh(cov / len(x_train))
        order = np.argsort(variances)[::-1]
        return cls(mean, vectors[:, order], np.clip(variances[order], 0, None))

    def _k(self, k):
        k = int(k)
        if not 0 <= k <= self.components.shape[1]:
            raise ValueError(f"k must lie in 0..{self.components.shape[1]}, got {k}")
        return k

    def reconstruct(self, x, k):
        """``mean + (x - mean) V_k V_k^T`` (n, D), the best rank-k affine code in squared error (not clipped)."""
        V = self.components[:, :self._k(k)]
        return self.mean + ((np.asarray(x, dtype=np.float64) - self.mean) @ V) @ V.T

    def mse_curve(self, x, ks, x_target=None):
        """MSE per pixel of the rank-k reconstruction of x against x_target (default x) for each k in ks -> (len(ks),).

        One pass for all k: ||r - V_k c_k||^2 = ||r||^2 + sum_{j<=k} (c_j^2 - 2 a_j c_j), c = V^T (x - mean),
        a = V^T (target - mean)."""
        x = np.asarray(x)
        ks = np.array([self._k(k) for k in np.atleast_1d(ks)])
        x_target = x if x_target is None else np.asarray(x_target)
        if x_target.shape != x.shape:
            raise ValueError(f"x_target must have the shape of x {x.shape}, got {x_target.shape}")
        V = self.components[:, :max(int(ks.max()), 1)]
        total = np.zeros(V.shape[1] + 1)
        for s in range(0, len(x), CHUNK):
            r = x_target[s:s + CHUNK].astype(np.float64) - self.mean
            c = (x[s:s + CHUNK].astype(np.float64) - self.mean) @ V
            a = c if x_target is x else r @ V
            total[0] += np.sum(r * r)
            total[1:] += np.sum(c * c - 2 * a * c, axis=0)
        return np.clip((np.cumsum(total) / (len(x) * x.shape[1]))[ks], 0, None)

    def errors(self, x, k, x_target=None):
        """``{"mse_per_pixel", "sse_per_image"}`` of the rank-k reconstruction (like :func:`squared_errors`)."""
        mse = float(self.mse_curve(x, [k], x_target)[0])
        return {"mse_per_pixel": mse, "sse_per_image": mse * np.asarray(x).shape[1]}


def error_table(rows):
    """Markdown table of ``rows`` = [(name, train errors or None, test errors, detail kept or None), ...]."""
    def cell(value, fmt):
        return "–" if value is None else format(value, fmt)

    body = [(name, cell(tr and tr["mse_per_pixel"], ".5f"), cell(te["mse_per_pixel"], ".5f"),
             cell(tr and tr["sse_per_image"], ".2f"), cell(te["sse_per_image"], ".2f"), cell(kept, ".0%"))
            for name, tr, te, kept in rows]
    return markdown_table(["model", "train MSE", "test MSE", "train L", "test L", "detail kept"], body)


def percent_below(a, b):
    """How many percent ``a`` is below ``b``: ``100 (1 - a / b)`` (negative when a is above b)."""
    return 100.0 * (1.0 - a / b)


def tail_change(losses, floor=0.0):
    """Percent the loss above ``floor`` fell over the last tenth of the epochs (our convergence criterion: < 1 %)."""
    v = np.asarray(losses, dtype=float) - floor
    if v.ndim != 1:
        raise ValueError(f"losses must be a list of per-epoch values, got shape {v.shape}")
    if len(v) < 2:
        return float("nan")
    return percent_below(v[-1], v[-1 - max(1, int(round(0.1 * len(v))))])


def binary_entropy(x):
    """Mean binary entropy of pixel values x in [0, 1]: the least binary cross-entropy any model reaches."""
    x = np.clip(np.asarray(x, dtype=np.float64), 1e-7, 1 - 1e-7)  # Keras clips its predictions the same way
    return float(np.mean(-(x * np.log(x) + (1 - x) * np.log1p(-x))))


def high_frequency_energy(x):
    """Mean squared difference of neighbouring pixels of 28 x 28 images x (n, 784): fine detail, which blur removes."""
    img = np.asarray(x, dtype=np.float64).reshape(-1, 28, 28)
    return float(np.mean(np.diff(img, axis=1) ** 2) + np.mean(np.diff(img, axis=2) ** 2))
