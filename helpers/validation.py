"""Argument checks that fail early with a message naming the argument."""
import numbers

import numpy as np


def check_positive_int(value, name):
    """Return ``value`` as int, or raise ValueError if it is not an integer >= 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def check_dtype(dtype, name="dtype"):
    """Return ``np.dtype(dtype)`` if it is float32 or float64, else raise ValueError."""
    try:
        dt = np.dtype(dtype)
    except TypeError:
        dt = None
    if dt not in (np.float32, np.float64):
        raise ValueError(f"{name} must be float32 or float64, got {dtype!r}")
    return dt


def check_positive_number(value, name):
    """Return ``value`` as float, or raise ValueError if it is not a finite number > 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return float(value)


def check_nonnegative_int(value, name):
    """Return ``value`` as int, or raise ValueError if it is not an integer >= 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
        raise ValueError(f"{name} must be an integer >= 0, got {value!r}")
    return int(value)


def check_nonnegative_number(value, name):
    """Return ``value`` as float, or raise ValueError if it is not a finite number >= 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    return float(value)


def check_matrix(X, name, n_cols=None, dtype=np.float64):
    """Return ``X`` as a finite 2-D array of ``dtype`` (n, n_cols); raise ValueError otherwise.

    Finiteness is checked after the cast, so values that overflow float32 are caught too.
    """
    if np.iscomplexobj(X):
        raise ValueError(f"{name} must be real-valued, got complex values")
    try:
        A = np.asarray(X, dtype=dtype)
    except (TypeError, ValueError) as e:
        raise ValueError(f"{name} must be a numeric array: {e}") from None
    if A.ndim != 2 or A.shape[0] == 0 or (n_cols is not None and A.shape[1] != n_cols):
        want = f"(n, {n_cols})" if n_cols is not None else "(n, d)"
        raise ValueError(f"{name} must be a non-empty 2-D array of shape {want}, got shape {A.shape}")
    if not np.all(np.isfinite(A)):
        raise ValueError(f"{name} contains NaN or inf values (or values too large for {np.dtype(dtype).name})")
    return A


def check_labels(y, n, name="y", n_classes=None):
    """Return ``y`` as an int array of length ``n`` with labels in 0..n_classes-1 (0..n-1 if not given)."""
    a = np.asarray(y)
    if a.ndim != 1 or a.shape[0] != n:
        raise ValueError(f"{name} must be a 1-D array with one label per row of X ({n}), got shape {a.shape}")
    if a.dtype.kind == "f":
        if not np.all(np.isfinite(a)) or np.any(a != np.round(a)):
            raise ValueError(f"{name} must hold integer class labels")
    elif a.dtype.kind not in "iu":
        raise ValueError(f"{name} must hold integer class labels, got dtype {a.dtype}")
    limit = n_classes if n_classes is not None else max(n, 1)
    if a.min() < 0 or a.max() >= limit:  # checked before the cast: a float 1e20 must not wrap around
        hi = "K-1" if n_classes is None else n_classes - 1
        raise ValueError(f"{name} labels must lie in 0..{hi}, got range {a.min():g}..{a.max():g}")
    return a.astype(np.int64)


def check_classes(y, name="y"):
    """Number of classes K of labels ``y`` (ints): every class 0..K-1 must occur, and K >= 2."""
    counts = np.bincount(y)
    if len(counts) < 2:
        raise ValueError(f"{name} must hold at least 2 classes, got only label {int(y[0])}")
    missing = np.flatnonzero(counts == 0)
    if missing.size:
        raise ValueError(f"{name} has no example of class {missing.tolist()[:5]}; labels must be 0..K-1 with "
                         f"every class present (got max label {len(counts) - 1})")
    return len(counts)


def check_seed(seed, name="seed"):
    """Return ``seed`` as int, or raise ValueError unless it is an integer in 0..2**32-1."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or not 0 <= seed < 2**32:
        raise ValueError(f"{name} must be an integer in 0..2**32-1, got {seed!r}")
    return int(seed)
