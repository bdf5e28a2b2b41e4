"""Argument checks that fail early with a ValueError naming the argument."""
import functools
import inspect
import numbers
from collections.abc import Mapping

import numpy as np


def fail_unless(ok, message):
    if not ok:
        raise ValueError(message)


def require(ok, name, accepts):
    """Stop with ``'name must be accepts'`` unless ``ok``: a notebook's parameter check, one line each."""
    fail_unless(ok, f"{name} must be {accepts}")


def check_number(value, name, integer=False, low=0, strict=False, high=None):
    """``value`` (int if ``integer``, else float) if it is a finite number >= ``low`` (> if ``strict``), < ``high``."""
    ok = (not isinstance(value, bool) and isinstance(value, numbers.Integral if integer else numbers.Real)
          and np.isfinite(value) and (value > low if strict else value >= low) and (high is None or value < high))
    bound = f"{'>' if strict else '>='} {low}" + (f" and < {high}" if high is not None else "")
    require(ok, name, f"{'an integer' if integer else 'a finite number'} {bound}, got {value!r}")
    return int(value) if integer else float(value)


check_positive_int = functools.partial(check_number, integer=True, low=1)
check_positive_number = functools.partial(check_number, strict=True)
check_nonnegative_number = check_number


def check_matrix(X, name, n_cols=None, dtype=np.float64):
    """``X`` as a finite 2-D array of ``dtype`` (n >= 1, n_cols); finiteness checked after the cast."""
    require(not np.iscomplexobj(X), name, "real-valued, got complex values")
    try:
        A = np.asarray(X, dtype=dtype)
    except (TypeError, ValueError) as e:
        raise ValueError(f"{name} must be a numeric array: {e}") from None
    require(A.ndim == 2 and A.shape[0] > 0 and n_cols in (None, A.shape[1]), name,
            f"a non-empty 2-D array of shape (n, {n_cols or 'd'}), got shape {A.shape}")
    fail_unless(np.all(np.isfinite(A)),
                f"{name} contains NaN or inf values (or values too large for {np.dtype(dtype).name})")
    return A


def check_labels(y, n, n_classes=None, name="y"):
    """``y`` as int labels (n,) in 0..n_classes-1; without ``n_classes`` every class 0..K-1 must occur, K >= 2."""
    a = np.asarray(y)
    require(a.ndim == 1 and a.shape[0] == n, name,
            f"a 1-D array with one label per row of X ({n}), got shape {a.shape}")
    fail_unless(a.dtype.kind in "iu" or (a.dtype.kind == "f" and np.all(a == np.round(a))),
                f"{name} must hold integer class labels, got {a.dtype} values")
    lo, hi = a.min(), a.max()  # before the cast: 1e20 must not wrap around; K classes need K points: labels < n
    fail_unless(0 <= lo and hi < (n if n_classes is None else n_classes),
                f"{name} labels must lie in 0..{'K-1' if n_classes is None else n_classes - 1}, "
                f"got range {lo:g}..{hi:g}")
    a = a.astype(np.int64)
    if n_classes is None:
        counts = np.bincount(a)
        fail_unless(len(counts) >= 2, f"{name} must hold at least 2 classes, got only label {a[0]}")
        missing = np.flatnonzero(counts == 0)[:5].tolist()
        fail_unless(not missing,
                    f"{name} has no example of class {missing}; labels must be 0..K-1 with every class present")
    return a


def check_layer_params(params, keys, d_in=None, d_out=None):
    """``(arrays, last width)`` of layers ``X @ W1 + b1 -> ...``: ``params[k]`` for ``keys`` (W1, b1, W2, ...) as floats
    (>= float32), ``Wj`` (d_{j-1}, d_j), d_0 = ``d_in`` (W1's rows if None), last d_j = ``d_out``; ``bj`` (1, d_j)."""
    require(isinstance(params, Mapping), "params", f"a dict with keys {list(keys)}, got {type(params).__name__}")
    missing = [k for k in keys if k not in params]
    fail_unless(not missing, f"params is missing {missing}; expected keys {list(keys)}")
    arrays, widths = {}, [d_in]
    for k in keys:
        a = np.asarray(params[k])
        fail_unless(a.dtype.kind in "biuf" and np.all(np.isfinite(a)),
                    f"{k} contains NaN or inf values, or is not a numeric array")
        a = arrays[k] = a.astype(np.result_type(a.dtype, np.float32), copy=False)
        if k[0] == "W":
            if widths[-1] is None:
                widths[-1] = a.shape[0] if a.ndim == 2 else 0
            last = k == keys[-2] and d_out is not None
            fail_unless(a.ndim == 2 and a.shape[0] == widths[-1] and not (last and a.shape[1] != d_out),
                        f"{k} must have shape ({widths[-1]}, {d_out if last else 'H'}), got {a.shape}")
            widths.append(a.shape[1])
        else:
            fail_unless(a.shape in ((widths[-1],), (1, widths[-1])),
                        f"{k} must have shape (1, {widths[-1]}), got {a.shape}")
            arrays[k] = a.reshape(1, -1)
    return arrays, widths[-1]


def check_dtype(dtype, name):
    require(dtype in (np.float32, np.float64, "float32", "float64"), name, f"float32 or float64, got {dtype!r}")
    return np.dtype(dtype)


def check_sizes(sizes, name):
    fail_unless(len(sizes) >= 2, f"{name} must list at least the input and output widths, got {sizes!r}")
    return [check_positive_int(d, name) for d in sizes]


# What each argument of Problem 1's functions must be, by name: name -> check(value, name).
RULES = {**dict.fromkeys(("H1", "H2", "n_per_class", "n_classes", "num_iters", "record_every"), check_positive_int),
         "print_every": functools.partial(check_number, integer=True), "reg": check_number, "noise": check_number,
         "seed": functools.partial(check_number, integer=True, high=2**32), "step_size": check_positive_number,
         "dtype": check_dtype, "sizes": check_sizes}


def checked(fn, layers=None):
    """``fn`` with its arguments checked by name (:data:`RULES`) first.  With ``layers``, its ``(params, X, y=None)``
    are a network's of that many layers; otherwise ``X`` and ``y`` come together, X as the ``dtype`` (float32)."""
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def call(*args, **kwargs):
        given = signature.bind(*args, **kwargs).arguments
        given.update(given.pop("options", {}))
        given = {k: RULES[k](v, k) if k in RULES else v for k, v in given.items()}
        X, y, K = given.get("X"), given.get("y"), None
        if layers:
            params, K = check_layer_params(given["params"], [f"{p}{j}" for j in range(1, layers + 1) for p in "Wb"])
            given.update(params=params, X=check_matrix(X, "X", len(params["W1"]), params["W1"].dtype))
        else:
            fail_unless((X is None) == (y is None), "give both X and y, or neither (then the starter's spiral is used)")
            if X is not None:
                given["X"] = check_matrix(X, "X", dtype=given.get("dtype", np.float32))
        if y is not None:
            given["y"] = check_labels(y, len(given["X"]), n_classes=K)
        return fn(**given)
    return call
