"""Building blocks shared by the numpy networks: ReLU, softmax + cross-entropy.

Row convention throughout (as in the starter code): a batch ``X`` is (n, D) and a
layer computes ``X @ W + b`` with ``W`` (D, H) and ``b`` (1, H).  ``gradients.md``
writes the same layer for one column vector as ``W_j x + b_j`` with ``W_j`` = (code ``W``)^T;
its section "From the math to the code" maps one notation to the other.
"""
import numpy as np


def relu(z):
    """ReLU(z) = max(0, z), componentwise."""
    return np.maximum(z, 0)


def affine_relu(X, W, b):
    """``h = ReLU(X @ W + b)`` for a batch: X (n, D), W (D, H), b (1, H) -> h (n, H).

    Adds the bias and clips in place on the product, saving two (n, H) temporaries.
    """
    z = X @ W
    z += b
    return np.maximum(z, 0, out=z)


def relu_backward(dh, h):
    """Gradient through ``h = ReLU(z)``: ``dz = dh * 1[z > 0]`` (in place on ``dh``).

    ``h > 0`` exactly where ``z > 0``, so the mask is read off the output.
    """
    return np.multiply(dh, h > 0, out=dh)


def softmax_cross_entropy(scores, y, need_loss=True, scale=1.0):
    """Mean cross-entropy of ``Softmax(scores)`` against labels ``y`` and its gradient.

    scores: (n, K); y: (n,) ints.  Returns ``(loss, dscores)`` where
    ``dscores = scale * (p - onehot(y)) / n`` is ``scale`` * dL/dscores, shape (n, K).
    ``loss`` is None when ``need_loss`` is False (saves a log per step).
    Stable: works with ``scores - max`` and log-sum-exp, so no overflow.
    """
    n = scores.shape[0]
    rows = np.arange(n)
    shifted = scores - scores.max(axis=1, keepdims=True)
    p = np.exp(shifted)
    Z = p.sum(axis=1, keepdims=True)
    loss = None
    if need_loss:
        loss = float(np.mean(np.log(Z[:, 0]) - shifted[rows, y]))
    p /= Z  # p = Softmax(scores)
    p[rows, y] -= 1
    p *= scale / n
    return loss, p


def l2_penalty(params, reg):
    """``0.5 * reg * sum of squared weights`` (biases are not penalised)."""
    return 0.5 * reg * sum(float(np.sum(W * W)) for k, W in params.items() if k.startswith("W"))
