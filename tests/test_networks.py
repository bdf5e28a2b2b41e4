"""The numpy side of Problem 1: data, trainers, input checks, determinism."""
import numpy as np
import pytest

import helpers as h


def starter_spiral():
    """The starter notebook's cell, verbatim in substance (global seed 0)."""
    np.random.seed(0)
    N, D, K = 100, 2, 3
    X = np.zeros((N * K, D))
    y = np.zeros(N * K, dtype="uint8")
    for j in range(K):
        ix = range(N * j, N * (j + 1))
        r = np.linspace(0.0, 1, N)
        t = np.linspace(j * 4, (j + 1) * 4, N) + np.random.randn(N) * 0.3
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j
    return X, y


def test_default_spiral_is_the_starters_bit_for_bit():
    X, y = h.make_spiral()
    X0, y0 = starter_spiral()
    assert X.shape == (300, 2) and np.array_equal(X, X0) and np.array_equal(y, y0)


def test_other_seed_gives_a_different_spiral_of_the_same_kind():
    X, y = h.make_spiral()
    X1, y1 = h.make_spiral(seed=1)
    assert not np.allclose(X, X1) and np.array_equal(y, y1)
    assert np.allclose(np.linalg.norm(X, axis=1), np.linalg.norm(X1, axis=1))  # same radii, other angles


@pytest.fixture(scope="module")
def spirals():
    return h.make_spiral(), h.make_spiral(n_per_class=300, seed=1)


@pytest.mark.parametrize("train, hidden", [(h.train_2_layer_network, (100,)), (h.train_3_layer_network, (100, 100))])
def test_trainers_reach_the_best_training_accuracy_at_the_defaults(train, hidden, spirals):
    (X, y), (Xh, yh) = spirals
    net = train(*hidden, print_every=0)
    assert net.accuracy(X, y) >= 0.99          # 298/300 is the maximum: three points sit at the origin
    assert net.accuracy(Xh, yh) >= 0.97
    assert net.loss_history[0][1] > 1.0 > 0.05 > net.final_loss  # it learned
    assert {k: v.shape for k, v in net.params.items()} == {
        f"{p}{j}": s for j, (a, b) in enumerate(zip((2, *hidden), (*hidden, 3)), 1)
        for p, s in (("W", (a, b)), ("b", (1, b)))}


def test_3_layer_trainer_follows_its_own_gradients():
    """One step of the trainer equals params - step * three_layer_loss_and_grads."""
    X, y = h.make_spiral(n_per_class=10)
    net0 = h.train_3_layer_network(4, 3, X=X, y=y, num_iters=1, print_every=0, dtype=np.float64)
    init = h.minimal_nn.training._init_params((2, 4, 3, 3), np.random.RandomState(0), np.float64)
    _, grads = h.three_layer_loss_and_grads(init, X, y, reg=0.01)
    net1 = h.train_3_layer_network(4, 3, X=X, y=y, num_iters=1, print_every=0, dtype=np.float64, reg=0.01,
                                   step_size=0.5)
    for k in init:
        assert np.allclose(net1.params[k], init[k] - 0.5 * grads[k])
    assert not np.allclose(net0.params["W1"], net1.params["W1"])


def test_float32_and_float64_train_alike():
    X, y = h.make_spiral()
    a = h.train_3_layer_network(20, 20, num_iters=2000, print_every=0, dtype=np.float32)
    b = h.train_3_layer_network(20, 20, num_iters=2000, print_every=0, dtype=np.float64)
    assert a.params["W1"].dtype == np.float32 and b.params["W1"].dtype == np.float64
    assert abs(a.final_loss - b.final_loss) < 1e-3
    assert np.mean(a.predict(X) == b.predict(X)) > 0.99


def test_same_seed_same_parameters_other_seed_other_parameters():
    a = h.train_3_layer_network(10, 10, num_iters=500, print_every=0)
    b = h.train_3_layer_network(10, 10, num_iters=500, print_every=0)
    c = h.train_3_layer_network(10, 10, num_iters=500, print_every=0, seed=1)
    assert all(np.array_equal(a.params[k], b.params[k]) for k in a.params)
    assert not np.array_equal(a.params["W1"], c.params["W1"])


def test_loss_is_printed_every_print_every_and_silent_with_zero(capsys):
    h.train_2_layer_network(5, num_iters=25, print_every=10)
    assert [l.split(":")[0] for l in capsys.readouterr().out.splitlines()] == [
        "iteration 0", "iteration 10", "iteration 20"]
    h.train_2_layer_network(5, num_iters=25, print_every=0)
    assert capsys.readouterr().out == ""


def test_divergence_is_reported_not_silent():
    with pytest.raises(FloatingPointError, match="step_size"):
        h.train_3_layer_network(100, 100, step_size=1e6, num_iters=200, print_every=0, record_every=10)


X_OK, Y_OK = h.make_spiral(n_per_class=5)


@pytest.mark.parametrize("call, name", [
    (lambda: h.train_2_layer_network(0), "H1"),
    (lambda: h.train_2_layer_network(-3), "H1"),
    (lambda: h.train_2_layer_network(2.5), "H1"),
    (lambda: h.train_3_layer_network(10, 0), "H2"),
    (lambda: h.train_3_layer_network("10", 10), "H1"),
    (lambda: h.train_3_layer_network(5, 5, X=np.ones((15, 3)), y=Y_OK), "X"),
    (lambda: h.train_3_layer_network(5, 5, X=np.ones(15), y=Y_OK), "X"),
    (lambda: h.train_3_layer_network(5, 5, X=np.where(X_OK > 0.5, np.nan, X_OK), y=Y_OK), "X"),
    (lambda: h.train_3_layer_network(5, 5, X=np.where(X_OK > 0.5, np.inf, X_OK), y=Y_OK), "X"),
    (lambda: h.train_3_layer_network(5, 5, X=X_OK, y=Y_OK[:-1]), "y"),
    (lambda: h.train_3_layer_network(5, 5, X=X_OK, y=Y_OK - 1), "y"),
    (lambda: h.train_3_layer_network(5, 5, X=X_OK, y=Y_OK + 0.5), "y"),
    (lambda: h.train_3_layer_network(5, 5, X=X_OK), "X and y"),
    (lambda: h.train_3_layer_network(5, 5, step_size=0), "step_size"),
    (lambda: h.train_3_layer_network(5, 5, step_size=-0.1), "step_size"),
    (lambda: h.train_3_layer_network(5, 5, num_iters=0), "num_iters"),
    (lambda: h.train_3_layer_network(5, 5, reg=-1), "reg"),
    (lambda: h.train_3_layer_network(5, 5, dtype=np.int32), "dtype"),
    (lambda: h.train_3_layer_network(5, 5, X=X_OK, y=np.where(Y_OK == 2, 7, Y_OK)), "no example of class"),
    (lambda: h.train_3_layer_network(5, 5, X=X_OK, y=np.where(Y_OK == 2, 10**9, Y_OK)), "y labels"),
    (lambda: h.train_3_layer_network(5, 5, X=X_OK, y=np.zeros(15, int)), "at least 2 classes"),
    (lambda: h.train_3_layer_network(5, 5, X=X_OK, y=np.where(Y_OK == 2, 1e20, Y_OK)), "y labels"),
    (lambda: h.train_3_layer_network(5, 5, X=X_OK * 1e39, y=Y_OK), "too large for float32"),
    (lambda: h.train_3_layer_network(5, 5, X=X_OK + 1j, y=Y_OK), "X must be real"),
    (lambda: h.train_3_layer_network(5, 5, seed=-1), "seed"),
    (lambda: h.train_3_layer_network(5, 5, seed=1.5), "seed"),
    (lambda: h.train_3_layer_network(5, 5, print_every=-1), "print_every"),
    (lambda: h.train_3_layer_network(5, 5, print_every="x"), "print_every"),
    (lambda: h.train_3_layer_network(5, 5, dtype="foo"), "dtype"),
    (lambda: h.make_spiral(n_per_class=0), "n_per_class"),
    (lambda: h.make_spiral(noise=float("nan")), "noise"),
    (lambda: h.make_spiral(noise="a"), "noise"),
    (lambda: h.three_layer_loss_and_grads(None, X_OK, Y_OK), "params must be a dict"),
])
def test_bad_input_raises_a_value_error_naming_the_argument(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_predict_checks_its_input():
    net = h.train_2_layer_network(5, num_iters=10, print_every=0)
    assert net.predict(X_OK).shape == (15,)
    with pytest.raises(ValueError, match="X"):
        net.predict(np.ones((4, 3)))
    with pytest.raises(ValueError, match="NaN"):
        net.predict(np.full((4, 2), np.nan))
    with pytest.raises(ValueError, match="X"):
        net.accuracy(3.0, Y_OK)
