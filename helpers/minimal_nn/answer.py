"""Problem 1's answer: the ``#@save`` cells of minimal_neural_network.ipynb, written here by
``python helpers/minimal_nn/export.py``.  Edit the notebook, not this file."""
import matplotlib.pyplot as plt
import numpy as np


def make_spiral(n_per_class=100, n_classes=3, noise=0.3, seed=0):
    """The starter's spiral: X (n_per_class * n_classes, 2), labels y in 0..n_classes-1.

    The defaults give the starter's data exactly; another seed draws a held-out spiral.
    """
    rng = np.random.RandomState(seed)  # the same numbers as the starter's np.random.seed(0)
    N, K = n_per_class, n_classes
    X = np.zeros((N * K, 2))
    y = np.zeros(N * K, dtype=int)
    for j in range(K):
        ix = range(N * j, N * (j + 1))
        r = np.linspace(0.0, 1, N)  # radius
        t = np.linspace(j * 4, (j + 1) * 4, N) + rng.randn(N) * noise  # angle
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j
    return X, y


def decision_grid(net, X, h=0.015):
    """The starter's grid (step h, [min - 1, max + 0.5] per coordinate) and net's class on it."""
    xx, yy = np.meshgrid(np.arange(X[:, 0].min() - 1, X[:, 0].max() + 0.5, h),
                         np.arange(X[:, 1].min() - 1, X[:, 1].max() + 0.5, h))
    return xx, yy, net.predict(np.c_[xx.ravel(), yy.ravel()]).reshape(xx.shape)


def plot_decision_boundary(net, X, y, ax=None, title=None):
    """The starter's plot: the classes net predicts over the grid, the points (X, y) on top."""
    ax = ax or plt.gca()
    xx, yy, Z = decision_grid(net, X)
    ax.contourf(xx, yy, Z, cmap=plt.cm.Spectral, alpha=0.5)
    ax.scatter(X[:, 0], X[:, 1], c=y, s=40, cmap=plt.cm.Spectral, edgecolors="k", linewidths=0.3)
    ax.set_xlim(xx.min(), xx.max())
    ax.set_ylim(yy.min(), yy.max())
    ax.set_title(title)
    return ax


def init_params(sizes, seed=0, dtype=np.float32):
    """W_j (sizes[j-1], sizes[j]) standard normal as in the starter, b_j (1, sizes[j]) zero."""
    rng = np.random.RandomState(seed)
    params = {}
    for j in range(1, len(sizes)):
        params[f"W{j}"] = rng.randn(sizes[j - 1], sizes[j]).astype(dtype)
        params[f"b{j}"] = np.zeros((1, sizes[j]), dtype)
    return params


def softmax_cross_entropy(scores, y):
    """Mean of -log p[y] for p = Softmax(scores) (n, K), and its gradient with respect to scores."""
    n = len(y)
    scores = scores - scores.max(axis=1, keepdims=True)  # the same p, and exp cannot overflow
    exp_scores = np.exp(scores)
    sum_exp = exp_scores.sum(axis=1, keepdims=True)
    loss = (np.log(sum_exp).sum() - scores[np.arange(n), y].sum()) / n  # -log p[y] without log(0)
    dscores = exp_scores / sum_exp  # p
    dscores[np.arange(n), y] -= 1
    dscores /= n
    return loss, dscores


def two_layer_loss_and_grads(params, X, y=None, reg=0.0):
    """The starter's network. X (n, D). The scores (n, K) if y is None, else (loss, grads)."""
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    h1 = np.maximum(0, X @ W1 + b1)  # forward pass: h1 is (n, H1)
    scores = h1 @ W2 + b2  # (n, K)
    if y is None:
        return scores
    loss, dscores = softmax_cross_entropy(scores, y)
    dW2, db2 = h1.T @ dscores, dscores.sum(axis=0, keepdims=True)  # backward pass
    dh1 = (dscores @ W2.T) * (h1 > 0)  # ReLU passes the gradient where h1 > 0
    dW1, db1 = X.T @ dh1, dh1.sum(axis=0, keepdims=True)
    if reg:  # L2 penalty reg / 2 * (sum of squared weights)
        loss += 0.5 * reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
        dW1, dW2 = dW1 + reg * W1, dW2 + reg * W2
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


class Network:
    """A trained network: its params, loss_history [(iteration, loss)] and train_accuracy."""

    def __init__(self, loss_and_grads, params, loss_history, X, y):
        self.loss_and_grads, self.params, self.loss_history = loss_and_grads, params, loss_history
        self.train_accuracy = self.accuracy(X, y)

    def predict(self, X):
        """The class with the highest score, for each row of X (n, D)."""
        return np.argmax(self.loss_and_grads(self.params, X), axis=1)

    def accuracy(self, X, y):
        return np.mean(self.predict(X) == y)


def train_network(loss_and_grads, sizes, X, y, step_size=0.1, reg=0.0, num_iters=20000, seed=0,
                  dtype=np.float32, print_every=1000, record_every=100, params=None):
    """Full-batch gradient descent from init_params(sizes, seed), or on from params: the starter's
    loop, any depth."""
    X = X.astype(dtype)
    params = init_params(sizes, seed, dtype) if params is None else params
    loss_history = []
    for i in range(num_iters):
        loss, grads = loss_and_grads(params, X, y, reg)
        if i % record_every == 0 or i == num_iters - 1:
            if not np.isfinite(loss):
                raise FloatingPointError(f"the loss diverged at iteration {i}: lower step_size")
            loss_history.append((i, float(loss)))
        if print_every and i % print_every == 0:
            print(f"iteration {i}: loss {loss:f}")
        for k in params:
            params[k] -= step_size * grads[k]
    return Network(loss_and_grads, params, loss_history, X, y)


def train_2_layer_network(H1=100, X=None, y=None, **options):
    """The starter's 2-layer network on (X, y), by default the starter's spiral; options of
    train_network."""
    if X is None:
        X, y = make_spiral()
    return train_network(two_layer_loss_and_grads, [X.shape[1], H1, y.max() + 1], X, y, **options)


def three_layer_loss_and_grads(params, X, y=None, reg=0.0):
    """Problem 1(b)'s network. X (n, D). The scores (n, K) if y is None, else (loss, grads)."""
    W1, b1, W2, b2, W3, b3 = (params[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    h1 = np.maximum(0, X @ W1 + b1)  # forward pass: h1 is (n, H1)
    h2 = np.maximum(0, h1 @ W2 + b2)  # (n, H2)
    scores = h2 @ W3 + b3  # (n, K)
    if y is None:
        return scores
    loss, dscores = softmax_cross_entropy(scores, y)
    dW3, db3 = h2.T @ dscores, dscores.sum(axis=0, keepdims=True)  # backward pass, layer by layer
    dh2 = (dscores @ W3.T) * (h2 > 0)  # ReLU passes the gradient where h2 > 0
    dW2, db2 = h1.T @ dh2, dh2.sum(axis=0, keepdims=True)
    dh1 = (dh2 @ W2.T) * (h1 > 0)
    dW1, db1 = X.T @ dh1, dh1.sum(axis=0, keepdims=True)
    if reg:  # L2 penalty reg / 2 * (sum of squared weights)
        loss += 0.5 * reg * (np.sum(W1 * W1) + np.sum(W2 * W2) + np.sum(W3 * W3))
        dW1, dW2, dW3 = dW1 + reg * W1, dW2 + reg * W2, dW3 + reg * W3
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2, "W3": dW3, "b3": db3}


def train_3_layer_network(H1=100, H2=100, X=None, y=None, **options):
    """Problem 1(b): the 3-layer network on (X, y), by default the starter's spiral; options of
    train_network."""
    if X is None:
        X, y = make_spiral()
    sizes = [X.shape[1], H1, H2, y.max() + 1]
    return train_network(three_layer_loss_and_grads, sizes, X, y, **options)
