"""Loss and gradients of the 2- and 3-layer ReLU/softmax networks of Problem 1.

Every line of the backward passes matches a formula of ``gradients.md``
(its section "From the math to the code" maps the column-vector notation to the row convention used here):

    math (one example, column vectors)      code (batch, row vectors)
    z_j = W_j h_{j-1} + b_j                 z = h_prev @ W + b
    delta_out = p - e_y                     dscores = (p - onehot(y)) / n
    dL/dW_j = mean delta_j h_{j-1}^T        dW = h_prev.T @ delta     (transposed shape)
    dL/db_j = mean delta_j                  db = delta.sum(axis=0)
    delta_{j-1} = 1[z>0] * W_j^T delta_j    delta_prev = (delta @ W.T) * (h_prev > 0)
"""
import numpy as np

from .layers import affine_relu, l2_penalty, relu_backward, softmax_cross_entropy
from ..validation import check_labels, check_layer_params, check_matrix, check_nonnegative_number, shaped_like

TWO_LAYER_KEYS = ("W1", "b1", "W2", "b2")
THREE_LAYER_KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")


def two_layer_scores(params, X):
    """Class scores (n, K) of ``Softmax(ReLU(X W1 + b1) W2 + b2)`` before the softmax."""
    h1 = affine_relu(X, params["W1"], params["b1"])
    return h1 @ params["W2"] + params["b2"]


def three_layer_scores(params, X):
    """Class scores (n, K) of the 3-layer network before the softmax."""
    h1 = affine_relu(X, params["W1"], params["b1"])
    h2 = affine_relu(h1, params["W2"], params["b2"])
    return h2 @ params["W3"] + params["b3"]


def _two_layer(params, X, y, reg, need_loss, scale=1.0):
    """Forward and backward pass; returns ``scale`` times the gradients (the trainer passes its step size)."""
    W1, b1, W2, b2 = (params[k] for k in TWO_LAYER_KEYS)
    # forward
    h1 = affine_relu(X, W1, b1)                 # h1 = ReLU(X W1 + b1), (n, H1)
    scores = h1 @ W2 + b2                       # (n, K)
    loss, dscores = softmax_cross_entropy(scores, y, need_loss, scale)
    # backward
    grads = {"W2": h1.T @ dscores, "b2": dscores.sum(axis=0, keepdims=True)}
    dh1 = relu_backward(dscores @ W2.T, h1)     # (n, H1)
    grads["W1"] = X.T @ dh1
    grads["b1"] = dh1.sum(axis=0, keepdims=True)
    return _add_reg(loss, grads, params, reg, scale)


def _three_layer(params, X, y, reg, need_loss, scale=1.0):
    """Forward and backward pass; returns ``scale`` times the gradients (the trainer passes its step size)."""
    W1, b1, W2, b2, W3, b3 = (params[k] for k in THREE_LAYER_KEYS)
    # forward
    h1 = affine_relu(X, W1, b1)                 # h1 = ReLU(X W1 + b1), (n, H1)
    h2 = affine_relu(h1, W2, b2)                # h2 = ReLU(h1 W2 + b2), (n, H2)
    scores = h2 @ W3 + b3                       # (n, K)
    loss, dscores = softmax_cross_entropy(scores, y, need_loss, scale)
    # backward
    grads = {"W3": h2.T @ dscores, "b3": dscores.sum(axis=0, keepdims=True)}
    dh2 = relu_backward(dscores @ W3.T, h2)     # (n, H2)
    grads["W2"] = h1.T @ dh2
    grads["b2"] = dh2.sum(axis=0, keepdims=True)
    dh1 = relu_backward(dh2 @ W2.T, h1)         # (n, H1)
    grads["W1"] = X.T @ dh1
    grads["b1"] = dh1.sum(axis=0, keepdims=True)
    return _add_reg(loss, grads, params, reg, scale)


def _add_reg(loss, grads, params, reg, scale):
    if reg:
        for k in grads:
            if k.startswith("W"):
                grads[k] += (scale * reg) * params[k]
        if loss is not None:
            loss += l2_penalty(params, reg)
    return loss, grads


def _checked(params, X, y, reg, keys):
    """Validate the public API's arguments; return float arrays with (1, H) biases."""
    X = check_matrix(X, "X")
    arrays, K = check_layer_params(params, keys, X.shape[1])
    y = check_labels(y, X.shape[0], "y", n_classes=K)
    reg = check_nonnegative_number(reg, "reg")
    return arrays, X.astype(arrays["W1"].dtype, copy=False), y, reg


def two_layer_loss_and_grads(params, X, y, reg=0.0):
    """Mean cross-entropy loss of the 2-layer network and its gradients.

    params: ``W1`` (D, H1), ``b1`` (1, H1), ``W2`` (H1, K), ``b2`` (1, K).
    X: (n, D); y: (n,) labels in 0..K-1.  Returns ``(loss, grads)``, ``grads``
    with the same keys and shapes as ``params``.  ``reg > 0`` adds
    ``0.5 * reg * sum(W**2)`` over the weight matrices.
    """
    arrays, X, y, reg = _checked(params, X, y, reg, TWO_LAYER_KEYS)
    loss, grads = _two_layer(arrays, X, y, reg, True)
    return loss, shaped_like(grads, params)


def three_layer_loss_and_grads(params, X, y, reg=0.0):
    """As :func:`two_layer_loss_and_grads` for ``W1, b1, W2, b2, W3, b3``.

    Shapes: ``W1`` (D, H1), ``W2`` (H1, H2), ``W3`` (H2, K), each ``bj`` (1, cols of Wj).
    """
    arrays, X, y, reg = _checked(params, X, y, reg, THREE_LAYER_KEYS)
    loss, grads = _three_layer(arrays, X, y, reg, True)
    return loss, shaped_like(grads, params)
