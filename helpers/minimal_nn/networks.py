"""Problem 1's networks: the starter's 2-layer code and its extension to three layers (Problem 1(b)).

Row convention, as in the starter: a batch ``X`` is (n, D) and a layer computes ``X @ W + b`` with ``W``
(D, H) and ``b`` (1, H).  ``gradients.md`` writes the same layer for one column vector as ``W_j x + b_j``,
so its ``W_j`` is the transpose of the code's ``Wj``; its formulas for delta_j are the ``dh``/``dscores``
lines below, one example per row, with the 1/n of the mean folded in at ``dscores``.
"""
import functools

import numpy as np

from ..validation import (check_dtype, check_labels, check_layer_params, check_matrix, check_nonnegative_number,
                          check_positive_int, check_seed, shaped_like)


def init_params(sizes, seed=0, dtype=np.float32):
    """Standard-normal weights (the starter's scale), zero biases; widths sizes = (D, H1, ..., K)."""
    rng, dtype, sizes = np.random.RandomState(check_seed(seed)), check_dtype(dtype), check_sizes(sizes)
    params = {}
    for j in range(1, len(sizes)):
        params[f"W{j}"] = rng.randn(sizes[j - 1], sizes[j]).astype(dtype)
        params[f"b{j}"] = np.zeros((1, sizes[j]), dtype)
    return params


def check_sizes(sizes):
    """``sizes`` as a list of at least two positive ints (ValueError naming ``sizes`` otherwise)."""
    sizes = [check_positive_int(d, "sizes") for d in sizes]
    if len(sizes) < 2:
        raise ValueError(f"sizes must list at least the input and output widths, got {sizes}")
    return sizes


def softmax_cross_entropy(scores, y):
    """Mean over the rows of -log p[y], p = Softmax(scores), and its gradient (p - onehot(y)) / n."""
    n = scores.shape[0]
    scores = scores - scores.max(axis=1, keepdims=True)  # the same p, and exp cannot overflow
    exp_scores = np.exp(scores)
    sum_exp = exp_scores.sum(axis=1, keepdims=True)
    loss = (np.log(sum_exp).sum() - scores[np.arange(n), y].sum()) / n  # mean -log p[y], no log(0)
    dscores = exp_scores / sum_exp  # p
    dscores[np.arange(n), y] -= 1
    dscores /= n
    return float(loss), dscores


def checked_inputs(n_layers):
    """Decorator: validate ``(params, X, y, reg)`` before the call (ValueError naming the bad argument).

    The undecorated function stays available as ``.__wrapped__``: the trainers check their inputs once
    and then call it 20,000 times without the checks.
    """
    keys = [f"{p}{j}" for j in range(1, n_layers + 1) for p in "Wb"]

    def decorate(loss_and_grads):
        @functools.wraps(loss_and_grads)
        def checked(params, X, y, reg=0.0):
            X = check_matrix(X, "X")
            arrays, K = check_layer_params(params, keys, X.shape[1])
            y = check_labels(y, X.shape[0], "y", n_classes=K)
            reg = check_nonnegative_number(reg, "reg")
            loss, grads = loss_and_grads(arrays, X.astype(arrays["W1"].dtype, copy=False), y, reg)
            return loss, shaped_like(grads, params)
        return checked
    return decorate


@checked_inputs(n_layers=2)
def two_layer_loss_and_grads(params, X, y, reg=0.0):
    """The starter's network Softmax(ReLU(X W1 + b1) W2 + b2): its loss and gradients, as in the starter's loop."""
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    h1 = np.maximum(0, X @ W1 + b1)                     # forward pass
    loss, dscores = softmax_cross_entropy(h1 @ W2 + b2, y)
    dW2, db2 = h1.T @ dscores, dscores.sum(axis=0, keepdims=True)   # backward pass
    dh1 = (dscores @ W2.T) * (h1 > 0)                   # ReLU passes the gradient where h1 > 0
    dW1, db1 = X.T @ dh1, dh1.sum(axis=0, keepdims=True)
    if reg:  # L2 penalty on the weights
        loss += 0.5 * reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
        dW1, dW2 = dW1 + reg * W1, dW2 + reg * W2
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


@checked_inputs(n_layers=3)
def three_layer_loss_and_grads(params, X, y, reg=0.0):
    """Mean cross-entropy + reg/2 * (sum of squared weights) of the 3-layer network, and its gradients."""
    W1, b1, W2, b2, W3, b3 = (params[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    h1 = np.maximum(0, X @ W1 + b1)                     # forward pass; h1 is (n, H1)
    h2 = np.maximum(0, h1 @ W2 + b2)                    # (n, H2)
    scores = h2 @ W3 + b3                               # (n, K)
    loss, dscores = softmax_cross_entropy(scores, y)
    # backward pass: rows of dscores, dh2, dh1 = delta_3, delta_2, delta_1 of 1(a), divided by n
    dW3, db3 = h2.T @ dscores, dscores.sum(axis=0, keepdims=True)
    dh2 = (dscores @ W3.T) * (h2 > 0)                   # ReLU passes the gradient where h2 > 0
    dW2, db2 = h1.T @ dh2, dh2.sum(axis=0, keepdims=True)
    dh1 = (dh2 @ W2.T) * (h1 > 0)
    dW1, db1 = X.T @ dh1, dh1.sum(axis=0, keepdims=True)
    if reg:  # L2 penalty on the weights (skipped at reg = 0, where it costs a tenth of a step)
        loss += 0.5 * reg * (np.sum(W1 * W1) + np.sum(W2 * W2) + np.sum(W3 * W3))
        dW1, dW2, dW3 = dW1 + reg * W1, dW2 + reg * W2, dW3 + reg * W3
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2, "W3": dW3, "b3": db3}


def scores(params, X):
    """Class scores (n, K) of a 2- or 3-layer network: ReLU layers, then a linear output layer."""
    h = X
    n_layers = len(params) // 2
    for j in range(1, n_layers):
        h = np.maximum(0, h @ params[f"W{j}"] + params[f"b{j}"])
    return h @ params[f"W{n_layers}"] + params[f"b{n_layers}"]
