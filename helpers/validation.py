"""Argument checks that fail early with a message naming the argument."""
import numbers

import numpy as np


def check_positive_int(value, name):
    """Return ``value`` as int, or raise ValueError if it is not an integer >= 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def check_positive_number(value, name):
    """Return ``value`` as float, or raise ValueError if it is not a finite number > 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return float(value)


def check_nonnegative_number(value, name):
    """Return ``value`` as float, or raise ValueError if it is not a finite number >= 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    return float(value)


def check_matrix(X, name, n_cols=None):
    """Return ``X`` as a finite 2-D float array (n, n_cols); raise ValueError otherwise."""
    try:
        A = np.asarray(X, dtype=float)
    except (TypeError, ValueError) as e:
        raise ValueError(f"{name} must be a numeric array: {e}") from None
    if A.ndim != 2 or A.shape[0] == 0 or (n_cols is not None and A.shape[1] != n_cols):
        want = f"(n, {n_cols})" if n_cols is not None else "(n, d)"
        raise ValueError(f"{name} must be a non-empty 2-D array of shape {want}, got shape {A.shape}")
    if not np.all(np.isfinite(A)):
        raise ValueError(f"{name} contains NaN or inf values")
    return A


def check_labels(y, n, name="y", n_classes=None):
    """Return ``y`` as an int array of length ``n`` with labels in 0..n_classes-1."""
    a = np.asarray(y)
    if a.ndim != 1 or a.shape[0] != n:
        raise ValueError(f"{name} must be a 1-D array with one label per row of X ({n}), got shape {a.shape}")
    if a.dtype.kind == "f":
        if not np.all(np.isfinite(a)) or np.any(a != np.round(a)):
            raise ValueError(f"{name} must hold integer class labels")
    elif a.dtype.kind not in "iu":
        raise ValueError(f"{name} must hold integer class labels, got dtype {a.dtype}")
    a = a.astype(np.int64)
    if a.min() < 0 or (n_classes is not None and a.max() >= n_classes):
        hi = "K-1" if n_classes is None else n_classes - 1
        raise ValueError(f"{name} labels must lie in 0..{hi}, got range {a.min()}..{a.max()}")
    return a
