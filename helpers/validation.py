"""Argument checks that fail early with a ValueError naming the argument."""
import functools
import inspect
import numbers
from collections.abc import Mapping

import numpy as np


def check_number(value, name, integer=False, low=0, strict=False, high=None):
    """``value`` (int if ``integer``, else float) if it is a finite number >= ``low`` (> if ``strict``), < ``high``."""
    kind = numbers.Integral if integer else numbers.Real
    if (isinstance(value, bool) or not isinstance(value, kind) or not np.isfinite(value)
            or value < low or (strict and value == low) or (high is not None and value >= high)):
        what = "an integer" if integer else "a finite number"
        bound = f"{'>' if strict else '>='} {low}" + (f" and < {high}" if high is not None else "")
        raise ValueError(f"{name} must be {what} {bound}, got {value!r}")
    return int(value) if integer else float(value)


check_positive_int = functools.partial(check_number, integer=True, low=1)
check_positive_number = functools.partial(check_number, strict=True)
check_nonnegative_number = check_number


def check_matrix(X, name, n_cols=None, dtype=np.float64):
    """``X`` as a finite 2-D array of ``dtype`` (n >= 1, n_cols); finiteness checked after the cast."""
    if np.iscomplexobj(X):
        raise ValueError(f"{name} must be real-valued, got complex values")
    try:
        A = np.asarray(X, dtype=dtype)
    except (TypeError, ValueError) as e:
        raise ValueError(f"{name} must be a numeric array: {e}") from None
    if A.ndim != 2 or A.shape[0] == 0 or (n_cols is not None and A.shape[1] != n_cols):
        raise ValueError(f"{name} must be a non-empty 2-D array of shape (n, {n_cols or 'd'}), got shape {A.shape}")
    if not np.all(np.isfinite(A)):
        raise ValueError(f"{name} contains NaN or inf values (or values too large for {np.dtype(dtype).name})")
    return A


def check_labels(y, n, n_classes=None, name="y"):
    """``y`` as int labels (n,) in 0..n_classes-1; without ``n_classes`` every class 0..K-1 must occur, K >= 2."""
    a = np.asarray(y)
    if a.ndim != 1 or a.shape[0] != n:
        raise ValueError(f"{name} must be a 1-D array with one label per row of X ({n}), got shape {a.shape}")
    if a.dtype.kind not in "iuf" or (a.dtype.kind == "f" and not np.all(a == np.round(a))):
        raise ValueError(f"{name} must hold integer class labels, got {a.dtype} values")
    limit = n if n_classes is None else n_classes  # K classes need K points: a label >= n leaves a class empty
    if a.min() < 0 or a.max() >= limit:  # checked before the cast: 1e20 must not wrap around
        raise ValueError(f"{name} labels must lie in 0..{'K-1' if n_classes is None else n_classes - 1}, "
                         f"got range {a.min():g}..{a.max():g}")
    a = a.astype(np.int64)
    counts = np.bincount(a)
    if n_classes is None and len(counts) < 2:
        raise ValueError(f"{name} must hold at least 2 classes, got only label {a[0]}")
    if n_classes is None and not counts.all():
        raise ValueError(f"{name} has no example of class {np.flatnonzero(counts == 0)[:5].tolist()}; labels "
                         f"must be 0..K-1 with every class present")
    return a


def check_layer_params(params, keys, d_in, d_out=None):
    """The weights of layers ``X @ W1 + b1 -> ...`` fed ``d_in`` columns: ``(arrays, last width)``.

    ``params`` is a dict holding ``keys`` (W1, b1, W2, ...) as finite numeric arrays, ``Wj`` (d_{j-1}, d_j),
    ``bj`` (1, d_j) or (d_j,); arrays come back as floats (at least float32) with (1, d_j) biases.
    """
    if not isinstance(params, Mapping):
        raise ValueError(f"params must be a dict with keys {list(keys)}, got {type(params).__name__}")
    missing = [k for k in keys if k not in params]
    if missing:
        raise ValueError(f"params is missing {missing}; expected keys {list(keys)}")
    arrays, widths = {}, [d_in]
    for k in keys:
        a = np.asarray(params[k])
        if a.dtype.kind not in "biuf" or not np.all(np.isfinite(a)):
            raise ValueError(f"{k} contains NaN or inf values, or is not a numeric array")
        a = arrays[k] = a.astype(np.result_type(a.dtype, np.float32), copy=False)
        if k[0] == "W":
            last = k == keys[-2] and d_out is not None
            if a.ndim != 2 or a.shape[0] != widths[-1] or (last and a.shape[1] != d_out):
                raise ValueError(f"{k} must have shape ({widths[-1]}, {d_out if last else 'H'}), got {a.shape}")
            widths.append(a.shape[1])
        elif a.shape not in ((widths[-1],), (1, widths[-1])):
            raise ValueError(f"{k} must have shape (1, {widths[-1]}), got {a.shape}")
        else:
            arrays[k] = a.reshape(1, -1)
    return arrays, widths[-1]


def shaped_like(grads, params):
    """Gradients in the shapes the caller gave (a bias passed as (H,) gets an (H,) gradient)."""
    return {k: np.reshape(grads[k], np.shape(params[k])) for k in params if k in grads}


def check_dtype(dtype, name):
    if dtype not in (np.float32, np.float64, "float32", "float64"):
        raise ValueError(f"{name} must be float32 or float64, got {dtype!r}")
    return np.dtype(dtype)


def check_sizes(sizes, name):
    if len(sizes) < 2:
        raise ValueError(f"{name} must list at least the input and output widths, got {sizes!r}")
    return [check_positive_int(d, name) for d in sizes]


# What each argument of Problem 1's functions must be, by name: name -> check(value, name).
RULES = {**dict.fromkeys(("H1", "H2", "n_per_class", "n_classes", "num_iters", "record_every"), check_positive_int),
         "print_every": functools.partial(check_number, integer=True),
         "seed": functools.partial(check_number, integer=True, high=2**32),
         "step_size": check_positive_number, "reg": check_number, "noise": check_number,
         "dtype": check_dtype, "sizes": check_sizes}


def checked(fn, layers=None, dtype=np.float32):
    """``fn`` with its arguments checked by name (:data:`RULES`) before it runs.

    ``layers``: ``fn`` takes ``(params, X, y=None, ...)`` of a network with that many layers, and ``X`` must
    have W1's rows as columns, ``y`` labels below W_last's columns.  Otherwise ``X`` and ``y`` come together
    or not at all, ``X`` as ``dtype`` (or as ``fn``'s ``dtype`` argument, when given).
    """
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def call(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        options = bound.arguments.pop("options", {})
        given = {**bound.arguments, **options}
        for name, value in given.items():
            if name in RULES:
                given[name] = RULES[name](value, name)
        if layers:
            keys = [f"{p}{j}" for j in range(1, layers + 1) for p in "Wb"]
            W1 = given["params"].get("W1") if isinstance(given["params"], Mapping) else None
            params, K = check_layer_params(given["params"], keys, np.shape(W1)[0] if np.ndim(W1) == 2 else 0)
            given["params"] = params
            given["X"] = check_matrix(given["X"], "X", n_cols=params["W1"].shape[0], dtype=params["W1"].dtype)
            if given.get("y") is not None:
                given["y"] = check_labels(given["y"], len(given["X"]), n_classes=K)
        elif (given.get("X") is None) != (given.get("y") is None):
            raise ValueError("give both X and y, or neither (then the starter's spiral is used)")
        elif given.get("X") is not None:
            given["X"] = check_matrix(given["X"], "X", dtype=given.get("dtype", dtype))
            given["y"] = check_labels(given["y"], len(given["X"]))
        return fn(**given)
    return call


def require(ok, name, accepts):
    """Stop with ``'name must be accepts'`` unless ``ok``: a notebook's parameter check, one line each."""
    if not ok:
        raise ValueError(f"{name} must be {accepts}")
