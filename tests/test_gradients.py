"""Gradients of 1(a), 2(a) vs centred finite differences: float64, every ReLU input MARGIN off its kink (hint i)."""
import numpy as np
import pytest

import helpers.autoencoder.relu_autoencoder as relu_autoencoder
from helpers import (check_gradients, relu_autoencoder_loss_and_grads, three_layer_loss_and_grads,
                     two_layer_loss_and_grads)
from helpers.autoencoder.relu_autoencoder import relu_autoencoder_forward

TOL = 1e-6
MARGIN = 1e-3   # min |pre-activation|; the steps of eval_numerical_gradient (h = 1e-5) move them far less
D, H1, H2, K, N = 2, 5, 4, 3, 7
AE_D, AE_H, AE_N = 6, 4, 5
NETS = {"two_layer": (two_layer_loss_and_grads, [D, H1, K]),
        "three_layer": (three_layer_loss_and_grads, [D, H1, H2, K]),
        "three_layer, H2 = H1": (three_layer_loss_and_grads, [D, H1, H1, K]),  # a transposed W2 has the right shape
        "autoencoder": (relu_autoencoder_loss_and_grads, [AE_D, AE_H, AE_D])}
CASES = [("two_layer", 0.0), ("two_layer", 0.3), ("three_layer", 0.0), ("three_layer", 0.3), ("autoencoder", None)]


def _case(net, seed, reg=None):
    """``(fn, params, args)``: random params (|b| in [0.1, 0.6]); X ~ N(0, 1), every class in y (or X in [0, 1])."""
    fn, sizes = NETS[net]
    rng = np.random.default_rng(seed)
    params = {}
    for j, (d_in, d_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        params[f"W{j}"] = rng.normal(0.0, 1.0, (d_in, d_out))
        params[f"b{j}"] = (rng.uniform(0.1, 0.6, d_out) * rng.choice([-1.0, 1.0], d_out)).reshape(1, -1)
    if net == "autoencoder":
        return fn, params, (rng.uniform(0.0, 1.0, (AE_N, AE_D)),)
    X = rng.normal(0.0, 1.0, (N, D))
    y = rng.integers(0, K, N)
    y[:K] = np.arange(K)
    return fn, params, (X, y) if reg is None else (X, y, reg)


def _preactivations(params, X):
    """z_j (n, d_j, 1) of every layer j: column vectors, example by example, as in the assignment (math W_j = W_j^T)."""
    zs, h = [], X[:, :, None]
    for j in range(1, len(params) // 2 + 1):
        zs.append(params[f"W{j}"].T @ h + params[f"b{j}"].reshape(-1, 1))
        h = np.maximum(zs[-1], 0)
    return zs


@pytest.mark.parametrize("net, reg", CASES)
def test_loss_is_the_assignments_and_gradients_match_finite_differences(net, reg):
    """Catches another loss (the autoencoder's sums over the D pixels) or a gradient off by more than rounding."""
    fn, params, args = _case(net, seed=1, reg=reg)
    X = args[0]
    zs = _preactivations(params, X)
    for j, z in enumerate(zs if net == "autoencoder" else zs[:-1], start=1):  # every ReLU
        assert np.min(np.abs(z)) > MARGIN, f"z_{j}: a ReLU input is within {MARGIN} of the kink"
        assert np.any(z > 0) and np.any(z < 0), f"z_{j}: only one ReLU branch exercised"
    z = zs[-1][:, :, 0]
    if net == "autoencoder":
        expected = np.sum((X - np.maximum(z, 0)) ** 2) / len(X)
    else:
        prob = np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)
        expected = -np.mean(np.log(prob[np.arange(N), args[1]])) + 0.5 * reg * sum(
            np.sum(params[f"W{j}"] ** 2) for j in range(1, len(params) // 2 + 1))
    loss, grads = fn(params, *args)
    assert loss == pytest.approx(expected, rel=1e-12)
    assert {k: g.shape for k, g in grads.items()} == {k: p.shape for k, p in params.items()}
    errors = check_gradients(fn, params, *args)
    assert max(errors.values()) < TOL, errors


def test_autoencoder_forward_and_1d_biases_agree_with_the_loss():
    """Catches: forward() not the model of the loss; a bias given as (H,) getting a (1, H) gradient."""
    fn, params, (X,) = _case("autoencoder", seed=3)
    loss, grads = fn(params, X)
    h, xhat = relu_autoencoder_forward(params, X)
    assert h.shape == (AE_N, AE_H) and xhat.shape == X.shape
    assert np.sum((X - xhat) ** 2) / AE_N == pytest.approx(loss, rel=1e-12)
    flat = {k: (v.ravel() if k.startswith("b") else v) for k, v in params.items()}
    loss_1d, grads_1d = fn(flat, X)
    assert loss_1d == loss and {k: g.shape for k, g in grads_1d.items()} == {k: v.shape for k, v in flat.items()}
    assert all(np.array_equal(grads_1d[k].ravel(), grads[k].ravel()) for k in params)


WRONG_GRADIENTS = {  # mistakes one makes writing a backward pass, as changes of the right gradients
    "W2 transposed": lambda g, p: {**g, "W2": g["W2"].T},
    "penalty left out of dW1": lambda g, p: {**g, "W1": g["W1"] - 0.3 * p["W1"]},
    "db2 summed over the wrong axis": lambda g, p: {**g, "b2": np.full_like(g["b2"], g["b2"].sum())},
    "mean forgotten (sum over examples)": lambda g, p: {k: v * N for k, v in g.items()},
    "autoencoder: factor 2 of d/dx ||x||^2 forgotten": lambda g, p: {k: v / 2 for k, v in g.items()},
}


@pytest.mark.parametrize("mistake", sorted(WRONG_GRADIENTS))
def test_check_catches_a_wrong_gradient(mistake):
    """Catches: a gradient check too loose to see these mistakes (the right gradients pass, each wrong one fails)."""
    net = "autoencoder" if mistake.startswith("autoencoder") else "three_layer, H2 = H1"
    fn, params, args = _case(net, seed=1, reg=None if net == "autoencoder" else 0.3)

    def wrong(p, *a):
        loss, grads = fn(p, *a)
        return loss, WRONG_GRADIENTS[mistake](grads, p)

    assert max(check_gradients(fn, params, *args).values()) < TOL
    assert max(check_gradients(wrong, params, *args).values()) > 1e-2


def test_check_catches_missing_output_relu_mask_in_autoencoder(monkeypatch):
    fn, params, args = _case("autoencoder", seed=1)
    monkeypatch.setattr(relu_autoencoder, "relu_backward", lambda dh, h: dh)  # ReLU treated as the identity
    errors = check_gradients(fn, params, *args)
    assert min(errors.values()) > 1e-2, errors


def _spoil(A, value=np.nan):
    A = A.copy()
    A.flat[0] = value
    return A


CLASSIFIERS, AE = ("two_layer", "three_layer"), ("autoencoder",)
ALL = CLASSIFIERS + AE
BAD_INPUT = [  # (the nets, a call (fn, params, X, *y) with one bad argument, its message)
    (ALL, lambda f, p, X, *y: f({k: v for k, v in p.items() if k != "W2"}, X, *y), r"params is missing \['W2'\]"),
    (ALL, lambda f, p, X, *y: f([p["W1"]], X, *y), "params must be a dict"),
    (ALL, lambda f, p, X, *y: f({**p, "W2": p["W2"].T}, X, *y), "W2 must have shape"),
    (ALL, lambda f, p, X, *y: f({**p, "b1": np.zeros((1, p["b1"].size + 1))}, X, *y), "b1 must have shape"),
    (ALL, lambda f, p, X, *y: f({**p, "W2": _spoil(p["W2"], np.inf)}, X, *y), "W2 contains NaN or inf"),
    (ALL, lambda f, p, X, *y: f(p, _spoil(X), *y), "X contains NaN"),
    (CLASSIFIERS, lambda f, p, X, y: f(p, X[:, [0, 1, 0]], y), r"X must be a non-empty 2-D array of shape \(n, 2\)"),
    (CLASSIFIERS, lambda f, p, X, y: f(p, X, _spoil(y, K)), r"y labels must lie in 0\.\.2"),
    (AE, lambda f, p, X: f({**p, "W2": p["W2"][:, :-1]}, X), "W2 must have shape"),  # the output width is X's
    (AE, lambda f, p, X: f({**p, "W1": p["W1"].T}, X), "W1 must have shape"),
    (AE, lambda f, p, X: f(p, X[:, :-1]), "W1 must have shape"),
    (AE, lambda f, p, X: relu_autoencoder_forward(p, np.full_like(X, np.inf)), "X contains NaN or inf"),
]


@pytest.mark.parametrize("net, call, message", [(n, c, m) for nets, c, m in BAD_INPUT for n in nets])
def test_bad_input_is_rejected_with_a_message_naming_it(net, call, message):
    fn, params, args = _case(net, seed=1)
    with pytest.raises(ValueError, match=message):
        call(fn, params, *args)
