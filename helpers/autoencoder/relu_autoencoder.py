"""Problem 2(a) in numpy: ``h = ReLU(W1 x + b1)``, ``xhat = ReLU(W2 h + b2)``, ``L = (1/n) sum_i ||x_i - xhat_i||^2``
(summed over pixels), its gradients, the dead-pixel demonstration.  Rows are examples (``X @ W + b``), so each matrix
is its namesake's transpose in gradients.md; the 1/n is folded in once, at the output (rows of ``d2``: delta_2 / n)."""
import numpy as np

from ..validation import check_layer_params, check_matrix, check_positive_int

AUTOENCODER_KEYS = ("W1", "b1", "W2", "b2")


def relu(z):
    return np.maximum(z, 0)


def relu_backward(dh, h):
    """Gradient through ``h = ReLU(z)``: ``dh * 1[z > 0]``, in place on ``dh`` (``h > 0`` exactly where ``z > 0``)."""
    return np.multiply(dh, h > 0, out=dh)


def _checked(params, X):
    """``params`` as float arrays with (1, k) biases, and ``X`` (n, D) in their dtype; ValueError naming a bad one."""
    X = check_matrix(X, "X")
    params, _ = check_layer_params(params, AUTOENCODER_KEYS, X.shape[1], d_out=X.shape[1])
    return params, X.astype(params["W1"].dtype, copy=False)


def relu_autoencoder_forward(params, X):
    """``(h, xhat)``: codes ``ReLU(X W1 + b1)`` (n, H) and reconstructions ``ReLU(h W2 + b2)`` (n, D) of X (n, D)."""
    params, X = _checked(params, X)
    h = relu(X @ params["W1"] + params["b1"])
    return h, relu(h @ params["W2"] + params["b2"])


def relu_autoencoder_loss_and_grads(params, X):
    """``(loss, grads)`` for ``W1`` (D, H), ``b1`` (1, H), ``W2`` (H, D), ``b2`` (1, D) and X (n, D); ``grads`` has the
    keys and shapes of ``params`` (a bias given as (H,) gets an (H,) gradient)."""
    arrays, X = _checked(params, X)
    W1, b1, W2, b2 = (arrays[k] for k in AUTOENCODER_KEYS)
    n = X.shape[0]
    h = relu(X @ W1 + b1)                       # (n, H)
    xhat = relu(h @ W2 + b2)                    # (n, D)
    loss = float(np.sum((xhat - X) ** 2) / n)
    d2 = relu_backward(2 * (xhat - X) / n, xhat)  # (n, D): rows delta_2 / n
    grads = {"W2": h.T @ d2, "b2": d2.sum(axis=0, keepdims=True)}
    d1 = relu_backward(d2 @ W2.T, h)            # (n, H): rows delta_1 / n
    grads["W1"] = X.T @ d1
    grads["b1"] = d1.sum(axis=0, keepdims=True)
    return loss, {k: np.reshape(grads[k], np.shape(params[k])) for k in AUTOENCODER_KEYS}


def relu_output_dead_pixel_demo(D=6, steps=500):
    """2(a)'s reason in action: a ReLU -> ReLU autoencoder (3 hidden units, 200 random images in [0, 1]^D) whose last
    two output biases are -3 (those pixels' pre-activations < 0 for every input) never learns those pixels.  Per
    pixel (D,), before and after ``steps`` of gradient descent: ``active_*`` (fraction of inputs with a positive
    pre-activation), ``mse_*``; before: ``grad_b2_before``, ``grad_W2_norm_before`` (column norms); ``loss_*``."""
    D = check_positive_int(D, "D")
    if D < 3:
        raise ValueError(f"D must be at least 3 (two dead pixels and a live one), got {D}")
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1, size=(200, D))
    params = {"W1": 0.5 * rng.standard_normal((D, 3)), "b1": np.full((1, 3), 0.1),
              "W2": 0.5 * rng.standard_normal((3, D)), "b2": np.full((1, D), 0.3)}
    params["b2"][0, -2:] = -3.0

    def pixel_stats(p):
        _, xhat = relu_autoencoder_forward(p, X)  # xhat > 0 exactly where the output ReLU is active
        return (xhat > 0).mean(axis=0), ((X - xhat) ** 2).mean(axis=0)

    out = dict(zip(("active_before", "mse_before"), pixel_stats(params)))
    out["loss_before"], grads = relu_autoencoder_loss_and_grads(params, X)
    out.update(grad_b2_before=grads["b2"].ravel(), grad_W2_norm_before=np.linalg.norm(grads["W2"], axis=0))
    for _ in range(steps):
        grads = relu_autoencoder_loss_and_grads(params, X)[1]
        params = {k: v - 0.05 * grads[k] for k, v in params.items()}
    out["active_after"], out["mse_after"] = pixel_stats(params)
    out["loss_after"] = relu_autoencoder_loss_and_grads(params, X)[0]
    return out
