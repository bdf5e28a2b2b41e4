"""Centred finite differences, to check analytic gradients (as in CS231n)."""
import numpy as np


def eval_numerical_gradient(f, x, h=1e-5):
    """Centred-difference gradient of the scalar ``f()`` w.r.t. array ``x`` (changed in place, restored)."""
    grad = np.zeros_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + h
        fp = f()
        x[i] = old - h
        fm = f()
        x[i] = old
        grad[i] = (fp - fm) / (2 * h)
    return grad


def max_relative_error(a, b, eps=1e-12):
    """max |a - b| / max(|a| + |b|, eps), elementwise."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), eps)))


def check_gradients(loss_and_grads, params, *args, h=1e-5):
    """Max relative error of each analytic gradient against centred differences.

    ``loss_and_grads(params, *args) -> (loss, grads)``; ``params`` is a dict of
    float64 arrays.  Returns ``{name: max relative error}``.
    """
    _, grads = loss_and_grads(params, *args)
    errors = {}
    for name in params:
        num = eval_numerical_gradient(lambda: loss_and_grads(params, *args)[0], params[name], h)
        errors[name] = max_relative_error(np.reshape(grads[name], num.shape), num)
    return errors
