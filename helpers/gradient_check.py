"""Centred finite differences, to check analytic gradients (as in CS231n)."""
import numpy as np


def eval_numerical_gradient(f, x, h=1e-5):
    """Centred-difference gradient of the scalar ``f()`` w.r.t. array ``x`` (changed in place, restored)."""
    grad = np.zeros_like(x, dtype=np.float64)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        fp = f()
        x[i] = old - h
        grad[i] = (fp - f()) / (2 * h)
        x[i] = old
    return grad


def max_relative_error(a, b, eps=1e-12):
    """max |a - b| / max(|a| + |b|, eps), elementwise."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), eps)))


def check_gradients(loss_and_grads, params, *args):
    """``{name: max relative error}`` of ``loss_and_grads(params, *args)[1]`` vs centred differences, float64 params."""
    _, grads = loss_and_grads(params, *args)
    return {k: max_relative_error(np.reshape(grads[k], p.shape),
                                  eval_numerical_gradient(lambda: loss_and_grads(params, *args)[0], p))
            for k, p in params.items()}
