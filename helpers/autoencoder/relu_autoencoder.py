"""Loss and gradients of the ReLU autoencoder of Problem 2(a), in numpy, and its dead-pixel demonstration.

The model is ``h = ReLU(W1 x + b1)``, ``xhat = ReLU(W2 h + b2)`` with loss
``L = (1/n) sum_i ||x_i - xhat_i||^2`` (squared error summed over the D
coordinates, averaged over the n examples -- not the per-pixel mean).

Row convention, as in ``helpers/minimal_nn``: a batch ``X`` is (n, D) and a layer computes ``X @ W + b``,
so each matrix here is the transpose of the matrix of the same name in the gradients document.  The
backward pass folds the 1/n of the mean in once, at the output: rows of ``d2`` are ``delta_2 / n``.
"""
import numpy as np

from ..validation import check_layer_params, check_matrix, check_positive_int, shaped_like

AUTOENCODER_KEYS = ("W1", "b1", "W2", "b2")


def relu(z):
    """ReLU(z) = max(0, z), componentwise."""
    return np.maximum(z, 0)


def relu_backward(dh, h):
    """Gradient through ``h = ReLU(z)``: ``dz = dh * 1[z > 0]`` (in place on ``dh``); ``h > 0`` exactly where ``z > 0``."""
    return np.multiply(dh, h > 0, out=dh)


def _checked(params, X):
    """Validate ``params`` and ``X``; return (float arrays with (1, k) biases, X in their dtype)."""
    X = check_matrix(X, "X")
    D = X.shape[1]
    out, _ = check_layer_params(params, AUTOENCODER_KEYS, D, d_out=D)
    return out, X.astype(out["W1"].dtype, copy=False)


def relu_autoencoder_forward(params, X):
    """Encode and decode ``X``: returns ``(h, xhat)``.

    params: ``W1`` (D, H), ``b1`` (1, H), ``W2`` (H, D), ``b2`` (1, D); X: (n, D).
    h: (n, H) hidden codes ``ReLU(X W1 + b1)``; xhat: (n, D) reconstructions
    ``ReLU(h W2 + b2)``.
    """
    params, X = _checked(params, X)
    h = relu(X @ params["W1"] + params["b1"])
    return h, relu(h @ params["W2"] + params["b2"])


def relu_autoencoder_loss_and_grads(params, X):
    """Squared-error loss ``(1/n) sum_i ||x_i - xhat_i||^2`` and its gradients.

    params: ``W1`` (D, H), ``b1`` (1, H), ``W2`` (H, D), ``b2`` (1, D); X: (n, D).
    Returns ``(loss, grads)``: ``loss`` a float, ``grads`` a dict with the same
    keys and shapes as ``params``.  Raises ValueError naming the offending
    argument for missing keys, mismatched shapes or non-finite values.
    """
    arrays, X = _checked(params, X)
    W1, b1, W2, b2 = (arrays[k] for k in AUTOENCODER_KEYS)
    n = X.shape[0]
    # forward
    h = relu(X @ W1 + b1)                       # (n, H)
    xhat = relu(h @ W2 + b2)                    # (n, D)
    loss = float(np.sum((xhat - X) ** 2) / n)
    # backward
    d2 = relu_backward(2 * (xhat - X) / n, xhat)  # (n, D): rows delta_2 / n
    grads = {"W2": h.T @ d2, "b2": d2.sum(axis=0, keepdims=True)}
    d1 = relu_backward(d2 @ W2.T, h)            # (n, H): rows delta_1 / n
    grads["W1"] = X.T @ d1
    grads["b1"] = d1.sum(axis=0, keepdims=True)
    return loss, shaped_like(grads, params)


def relu_output_dead_pixel_demo(loss_and_grads=None, n=200, D=6, H=3, steps=500, step_size=0.05, seed=0):
    """Problem 2(a) reason in action: output pixels whose ReLU pre-activation is negative never learn.

    Builds a tiny ReLU -> ReLU autoencoder (row convention: W1 (D, H), b1 (1, H), W2 (H, D),
    b2 (1, D)) on n random images x in [0, 1]^D, with the last two output biases at -3 so those
    pixels' pre-activations are negative for every input.  ``loss_and_grads(params, X) -> (loss,
    grads)`` defaults to :func:`relu_autoencoder_loss_and_grads`.  Runs ``steps`` of gradient
    descent and returns per-pixel arrays (D,): ``active_before`` / ``active_after`` (fraction of
    inputs with positive pre-activation), ``mse_before`` / ``mse_after`` (squared error of that
    pixel), ``grad_b2_before`` (dL/db2), ``grad_W2_norm_before`` (norm of column j of dL/dW2), plus
    ``loss_before`` / ``loss_after``.
    """
    loss_and_grads = loss_and_grads or relu_autoencoder_loss_and_grads
    n = check_positive_int(n, "n")
    D = check_positive_int(D, "D")
    H = check_positive_int(H, "H")
    if D < 3:
        raise ValueError(f"D must be at least 3 (two dead pixels and a live one), got {D}")
    rng = np.random.default_rng(seed)
    X = rng.uniform(0, 1, size=(n, D))
    params = {"W1": 0.5 * rng.standard_normal((D, H)), "b1": np.full((1, H), 0.1),
              "W2": 0.5 * rng.standard_normal((H, D)), "b2": np.full((1, D), 0.3)}
    params["b2"][0, -2:] = -3.0

    def pixel_stats(p):
        _, xhat = relu_autoencoder_forward(p, X)  # xhat > 0 exactly where the output ReLU is active
        return (xhat > 0).mean(axis=0), ((X - xhat) ** 2).mean(axis=0)

    active_before, mse_before = pixel_stats(params)
    loss_before, grads = loss_and_grads(params, X)
    out = {"active_before": active_before, "mse_before": mse_before,
           "grad_b2_before": np.asarray(grads["b2"]).ravel().copy(),
           "grad_W2_norm_before": np.linalg.norm(grads["W2"], axis=0), "loss_before": float(loss_before)}
    for _ in range(steps):
        loss, grads = loss_and_grads(params, X)
        for key in params:
            params[key] = params[key] - step_size * grads[key]
    out["active_after"], out["mse_after"] = pixel_stats(params)
    out["loss_after"] = float(loss_and_grads(params, X)[0])
    return out
