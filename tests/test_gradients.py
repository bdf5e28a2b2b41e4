"""Analytic gradients (gradients.md, Problems 1(a) and 2(a)) against centred finite differences.

Everything is float64 on tiny random networks, so the whole file runs in about a second.
Biases are nonzero and every ReLU input is kept at least ``MARGIN`` away from 0, so the
finite-difference steps never cross a kink (hint i of the assignment) and the comparison
is exact up to rounding: relative error < 1e-6 for every parameter.
"""
import numpy as np
import pytest

import helpers.autoencoder.relu_autoencoder as relu_autoencoder
from helpers import (check_gradients, eval_numerical_gradient, max_relative_error, relu_autoencoder_loss_and_grads,
                     three_layer_loss_and_grads, two_layer_loss_and_grads)
from helpers.autoencoder.relu_autoencoder import relu_autoencoder_forward

TOL = 1e-6
MARGIN = 1e-3   # min |pre-activation|; the steps of eval_numerical_gradient (h = 1e-5) move them far less
D, H1, H2, K, N = 2, 5, 4, 3, 7
AE_D, AE_H, AE_N = 6, 4, 5


def _random_bias(rng, size):
    """Nonzero biases: magnitude in [0.1, 0.6], random sign."""
    return (rng.uniform(0.1, 0.6, size) * rng.choice([-1.0, 1.0], size)).reshape(1, -1)


def _classifier(sizes, seed):
    """Random params (row convention) for layer sizes [D, H1, ..., K], plus X (N, D) and y."""
    rng = np.random.default_rng(seed)
    params = {}
    for j, (d_in, d_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        params[f"W{j}"] = rng.normal(0.0, 1.0, (d_in, d_out))
        params[f"b{j}"] = _random_bias(rng, d_out)
    X = rng.normal(0.0, 1.0, (N, sizes[0]))
    y = rng.integers(0, sizes[-1], N)
    y[: sizes[-1]] = np.arange(sizes[-1])  # every class present
    return params, X, y


def _hidden_preactivations(params, X):
    """Pre-activations z_j (row convention) of every hidden ReLU layer, in order."""
    n_layers = len(params) // 2
    zs, h = [], X
    for j in range(1, n_layers):
        z = h @ params[f"W{j}"] + params[f"b{j}"]
        zs.append(z)
        h = np.maximum(z, 0)
    return zs


def _autoencoder(seed=0):
    """Random AE params (row convention) and X in [0, 1], as for image intensities."""
    rng = np.random.default_rng(seed)
    params = {"W1": rng.normal(0.0, 1.0, (AE_D, AE_H)), "b1": _random_bias(rng, AE_H),
              "W2": rng.normal(0.0, 1.0, (AE_H, AE_D)), "b2": _random_bias(rng, AE_D)}
    X = rng.uniform(0.0, 1.0, (AE_N, AE_D))
    return params, X


def _ae_preactivations(params, X):
    a1 = X @ params["W1"] + params["b1"]
    a2 = np.maximum(a1, 0) @ params["W2"] + params["b2"]
    return a1, a2


def _assert_both_relu_branches(z, name):
    assert np.min(np.abs(z)) > MARGIN, f"{name}: a ReLU input is within {MARGIN} of the kink"
    assert np.any(z > 0) and np.any(z < 0), f"{name}: only one ReLU branch exercised"


CLASSIFIERS = {
    "two_layer": (two_layer_loss_and_grads, [D, H1, K]),
    "three_layer": (three_layer_loss_and_grads, [D, H1, H2, K]),
}


# --- (a) Problem 1(a): 2- and 3-layer classifiers ------------------------------------------------

@pytest.mark.parametrize("reg", [0.0, 0.3])
@pytest.mark.parametrize("net", sorted(CLASSIFIERS))
def test_classifier_gradients_match_finite_differences(net, reg):
    fn, sizes = CLASSIFIERS[net]
    params, X, y = _classifier(sizes, seed=1)
    for j, z in enumerate(_hidden_preactivations(params, X), start=1):
        _assert_both_relu_branches(z, f"{net} z_{j}")
    errors = check_gradients(fn, params, X, y, reg)
    assert {k: g.shape for k, g in fn(params, X, y, reg)[1].items()} == {k: p.shape for k, p in params.items()}
    assert set(errors) == set(params)
    assert max(errors.values()) < TOL, errors


# --- (b) Problem 2(a): ReLU autoencoder ------------------------------------------------------------

def test_autoencoder_gradients_match_finite_differences():
    params, X = _autoencoder()
    a1, a2 = _ae_preactivations(params, X)
    _assert_both_relu_branches(a1, "a_1 (encoder)")
    _assert_both_relu_branches(a2, "a_2 (decoder output)")
    errors = check_gradients(relu_autoencoder_loss_and_grads, params, X)
    assert set(errors) == {"W1", "b1", "W2", "b2"}
    assert max(errors.values()) < TOL, errors


def test_autoencoder_accepts_1d_biases_and_returns_matching_shapes():
    params, X = _autoencoder()
    flat = {k: (v.ravel() if k.startswith("b") else v) for k, v in params.items()}
    loss_2d, grads_2d = relu_autoencoder_loss_and_grads(params, X)
    loss_1d, grads_1d = relu_autoencoder_loss_and_grads(flat, X)
    assert loss_1d == loss_2d
    for k in params:
        assert grads_1d[k].shape == flat[k].shape
        np.testing.assert_array_equal(grads_1d[k].ravel(), grads_2d[k].ravel())


# --- (c) loss values against a direct, example-by-example computation (column vectors) -----------

def _naive_cross_entropy(params, X, y, reg):
    """(1/n) sum_i -log p(Y = y_i | x_i), written as in the assignment (math W_j = code W_j^T)."""
    n_layers = len(params) // 2
    total = 0.0
    for x, label in zip(X, y):
        h = x.reshape(-1, 1)
        for j in range(1, n_layers + 1):
            z = params[f"W{j}"].T @ h + params[f"b{j}"].reshape(-1, 1)
            h = np.maximum(z, 0) if j < n_layers else z
        p = np.exp(h[:, 0]) / np.sum(np.exp(h[:, 0]))
        total += -np.log(p[label])
    penalty = 0.5 * reg * sum(np.sum(params[f"W{j}"] ** 2) for j in range(1, n_layers + 1))
    return total / len(X) + penalty


@pytest.mark.parametrize("reg", [0.0, 0.3])
@pytest.mark.parametrize("net", sorted(CLASSIFIERS))
def test_classifier_loss_matches_direct_computation(net, reg):
    fn, sizes = CLASSIFIERS[net]
    params, X, y = _classifier(sizes, seed=2)
    loss, _ = fn(params, X, y, reg)
    assert loss == pytest.approx(_naive_cross_entropy(params, X, y, reg), rel=1e-12)


def test_autoencoder_loss_matches_direct_computation():
    params, X = _autoencoder(seed=3)
    loss, _ = relu_autoencoder_loss_and_grads(params, X)
    W1, b1, W2, b2 = (params[k].T if k.startswith("W") else params[k].ravel() for k in ("W1", "b1", "W2", "b2"))
    sq = []
    for x in X:
        xhat = np.maximum(W2 @ np.maximum(W1 @ x + b1, 0) + b2, 0)
        sq.append(np.sum((x - xhat) ** 2))
    expected = sum(sq) / len(X)
    assert loss == pytest.approx(expected, rel=1e-12)
    # the per-pixel mean (Keras's "mse") is D times smaller: make sure we are not computing that
    assert loss != pytest.approx(expected / AE_D, rel=1e-3)
    h, xhat = relu_autoencoder_forward(params, X)
    assert h.shape == (AE_N, AE_H) and xhat.shape == (AE_N, AE_D)
    assert np.sum((X - xhat) ** 2) / AE_N == pytest.approx(loss, rel=1e-12)


# --- (d) the comparison does catch a wrong gradient ----------------------------------------------

def _relu_backward_without_mask(dh, h):
    """A deliberately wrong backward pass: treats ReLU as the identity (drops 1[z > 0])."""
    return dh


WRONG_GRADIENTS = {  # mistakes one makes writing a backward pass, as changes of the right gradients
    "W2 transposed": lambda g, p, reg: {**g, "W2": g["W2"].T},
    "penalty left out of dW1": lambda g, p, reg: {**g, "W1": g["W1"] - reg * p["W1"]},
    "db2 summed over the wrong axis": lambda g, p, reg: {**g, "b2": np.full_like(g["b2"], g["b2"].sum())},
    "mean forgotten (sum over examples)": lambda g, p, reg: {k: v * N for k, v in g.items()},
}


@pytest.mark.parametrize("mistake", sorted(WRONG_GRADIENTS))
def test_check_catches_a_wrong_three_layer_gradient(mistake):
    """Catches: a gradient check too loose to see these mistakes (the right gradients pass, each wrong one fails)."""
    params, X, y = _classifier([D, H1, H1, K], seed=1)  # H2 = H1, so a transposed W2 has the right shape

    def wrong(p, X_, y_, reg):
        loss, grads = three_layer_loss_and_grads(p, X_, y_, reg)
        return loss, WRONG_GRADIENTS[mistake](grads, p, reg)

    assert max(check_gradients(three_layer_loss_and_grads, params, X, y, 0.3).values()) < TOL
    assert max(check_gradients(wrong, params, X, y, 0.3).values()) > 1e-2


def test_check_catches_missing_output_relu_mask_in_autoencoder(monkeypatch):
    params, X = _autoencoder()
    monkeypatch.setattr(relu_autoencoder, "relu_backward", _relu_backward_without_mask)
    errors = check_gradients(relu_autoencoder_loss_and_grads, params, X)
    for k in ("W1", "b1", "W2", "b2"):
        assert errors[k] > 1e-2, (k, errors)


def test_check_catches_a_missing_factor_two():
    params, X = _autoencoder()
    _, grads = relu_autoencoder_loss_and_grads(params, X)
    num = eval_numerical_gradient(lambda: relu_autoencoder_loss_and_grads(params, X)[0], params["W2"])
    assert max_relative_error(grads["W2"], num) < TOL
    assert max_relative_error(grads["W2"] / 2, num) > 0.3  # d/dx ||x||^2 = 2x, not x


# --- (e) bad input is rejected with a message naming the argument ---------------------------------

def _drop(d, key):
    return {k: v for k, v in d.items() if k != key}


@pytest.mark.parametrize("net", sorted(CLASSIFIERS))
def test_classifier_rejects_bad_input(net):
    fn, sizes = CLASSIFIERS[net]
    params, X, y = _classifier(sizes, seed=1)
    last = f"W{len(sizes) - 1}"
    with pytest.raises(ValueError, match=rf"params is missing \['{last}'\]"):
        fn(_drop(params, last), X, y)
    with pytest.raises(ValueError, match="W2 must have shape"):
        fn({**params, "W2": params["W2"].T}, X, y)
    with pytest.raises(ValueError, match=r"X must be a non-empty 2-D array of shape \(n, 2\)"):
        fn(params, np.hstack([X, X]), y)
    X_nan = X.copy()
    X_nan[0, 0] = np.nan
    with pytest.raises(ValueError, match="X contains NaN"):
        fn(params, X_nan, y)
    y_bad = y.copy()
    y_bad[0] = sizes[-1]
    with pytest.raises(ValueError, match=r"y labels must lie in 0\.\.2"):
        fn(params, X, y_bad)
    with pytest.raises(ValueError, match="reg"):
        fn(params, X, y, reg=-1.0)


def test_autoencoder_rejects_bad_input():
    params, X = _autoencoder()
    with pytest.raises(ValueError, match=r"params is missing \['b2'\]"):
        relu_autoencoder_loss_and_grads(_drop(params, "b2"), X)
    with pytest.raises(ValueError, match="W2 must have shape"):
        relu_autoencoder_loss_and_grads({**params, "W2": params["W2"][:, :-1]}, X)
    with pytest.raises(ValueError, match="W1 must have shape"):
        relu_autoencoder_loss_and_grads({**params, "W1": params["W1"].T}, X)
    with pytest.raises(ValueError, match="b1 must have shape"):
        relu_autoencoder_loss_and_grads({**params, "b1": np.zeros((1, AE_H + 1))}, X)
    with pytest.raises(ValueError, match="W1 must have shape"):
        relu_autoencoder_loss_and_grads(params, X[:, :-1])
    X_nan = X.copy()
    X_nan[1, 2] = np.nan
    with pytest.raises(ValueError, match="X contains NaN"):
        relu_autoencoder_loss_and_grads(params, X_nan)
    with pytest.raises(ValueError, match="X contains NaN or inf"):
        relu_autoencoder_forward(params, np.full_like(X, np.inf))
    W_inf = params["W2"].copy()
    W_inf[0, 0] = np.inf
    with pytest.raises(ValueError, match="W2 contains NaN or inf"):
        relu_autoencoder_loss_and_grads({**params, "W2": W_inf}, X)
    with pytest.raises(ValueError, match="params must be a dict"):
        relu_autoencoder_loss_and_grads([params["W1"]], X)
