"""The benchmark's baseline: a 3-layer trainer written as the starter writes its 2-layer loop (float64, new arrays
and the loss every step, boolean-mask ReLU backward; ``train_3_layer_network``'s ``RandomState(seed)`` stream)."""
import numpy as np


def train_3_layer_reference(X, y, H1=100, H2=100, step_size=0.1, num_iters=20000, seed=0):
    rng = np.random.RandomState(seed)
    D, K, num_examples = X.shape[1], int(y.max()) + 1, X.shape[0]
    W1, b1 = rng.randn(D, H1), np.zeros((1, H1))
    W2, b2 = rng.randn(H1, H2), np.zeros((1, H2))
    W3, b3 = rng.randn(H2, K), np.zeros((1, K))
    for i in range(num_iters):
        hidden1 = np.maximum(0, np.dot(X, W1) + b1)
        hidden2 = np.maximum(0, np.dot(hidden1, W2) + b2)
        scores = np.dot(hidden2, W3) + b3
        exp_scores = np.exp(scores - np.max(scores, axis=1, keepdims=True))
        probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
        correct_logprobs = -np.log(probs[range(num_examples), y])
        loss = np.sum(correct_logprobs) / num_examples  # noqa: F841  (the starter computes it every step)
        dscores = probs
        dscores[range(num_examples), y] -= 1
        dscores /= num_examples
        dW3 = np.dot(hidden2.T, dscores)
        db3 = np.sum(dscores, axis=0, keepdims=True)
        dhidden2 = np.dot(dscores, W3.T)
        dhidden2[hidden2 <= 0] = 0
        dW2 = np.dot(hidden1.T, dhidden2)
        db2 = np.sum(dhidden2, axis=0, keepdims=True)
        dhidden1 = np.dot(dhidden2, W2.T)
        dhidden1[hidden1 <= 0] = 0
        dW1 = np.dot(X.T, dhidden1)
        db1 = np.sum(dhidden1, axis=0, keepdims=True)
        for param, grad in ((W1, dW1), (b1, db1), (W2, dW2), (b2, db2), (W3, dW3), (b3, db3)):
            param += -step_size * grad
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}


def matmul_floor(X, H1, H2, K, num_iters, dtype):
    """Run only the 8 matrix products one 3-layer training iteration needs, ``num_iters`` times."""
    n, D = X.shape
    X = X.astype(dtype)
    rng = np.random.RandomState(0)
    W1, W2, W3 = (rng.randn(a, b).astype(dtype) for a, b in ((D, H1), (H1, H2), (H2, K)))
    h1, h2, d3 = (rng.rand(n, m).astype(dtype) for m in (H1, H2, K))
    for _ in range(num_iters):
        X @ W1, h1 @ W2, h2 @ W3                   # forward
        d2 = d3 @ W3.T                             # backward: the gradients of layers 3 and 2's inputs,
        d1 = d2 @ W2.T
        h2.T @ d3, h1.T @ d2, X.T @ d1             # and of the three weight matrices
