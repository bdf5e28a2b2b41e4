"""Argument checks that fail early with a message naming the argument."""
import numbers
from collections.abc import Mapping

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


def check_layer_params(params, keys, d_in, d_out=None):
    """Validate the weights of a chain of layers ``X @ W1 + b1 -> ... `` fed with ``d_in`` columns.

    ``params`` must be a dict holding ``keys`` (``W1, b1, W2, b2, ...``) as finite numeric arrays with
    ``Wj`` (d_{j-1}, d_j) and ``bj`` (1, d_j) or (d_j,); the last width must be ``d_out`` if given.  Returns ``(arrays, d_out)``: float arrays
    (at least float32; float64 stays float64 and is not copied) with (1, d_j) biases, and the last width.
    """
    if not isinstance(params, Mapping):
        raise ValueError(f"params must be a dict with keys {list(keys)}, got {type(params).__name__}")
    missing = [k for k in keys if k not in params]
    if missing:
        raise ValueError(f"params is missing {missing}; expected keys {list(keys)}")
    arrays = {}
    for k in keys:
        a = np.asarray(params[k])
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{k} must be a numeric array, got dtype {a.dtype}")
        arrays[k] = a.astype(np.result_type(a.dtype, np.float32), copy=False)
        if not np.all(np.isfinite(arrays[k])):
            raise ValueError(f"{k} contains NaN or inf values")
    n_layers = len(keys) // 2
    widths = [d_in]
    for j in range(1, n_layers + 1):
        W = arrays[f"W{j}"]
        if W.ndim != 2 or W.shape[0] != widths[-1]:
            raise ValueError(f"W{j} must have shape ({widths[-1]}, H), got {W.shape}")
        if j == n_layers and d_out is not None and W.shape[1] != d_out:
            raise ValueError(f"W{j} must have shape ({W.shape[0]}, {d_out}), got {W.shape}")
        widths.append(W.shape[1])
    for j in range(1, n_layers + 1):
        b = arrays[f"b{j}"]
        if b.shape not in ((widths[j],), (1, widths[j])):
            raise ValueError(f"b{j} must have shape (1, {widths[j]}), got {b.shape}")
        arrays[f"b{j}"] = b.reshape(1, -1)
    return arrays, widths[-1]


def shaped_like(grads, params):
    """Gradients in the shapes the caller gave (a bias passed as (H,) gets an (H,) gradient)."""
    return {k: np.reshape(grads[k], np.shape(params[k])) for k in params if k in grads}
