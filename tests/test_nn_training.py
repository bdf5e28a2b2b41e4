"""Problem 1's data and trainers: the starter's spiral, the trainers' results, the reference loop, determinism."""
import sys

import numpy as np
import pytest

import helpers as h
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from reference import train_3_layer_reference  # noqa: E402


def starter_spiral():
    """The starter notebook's cell, in substance (global seed 0)."""
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


def test_default_spiral_is_the_starters_bit_for_bit_and_another_seed_draws_other_angles():
    X, y = h.make_spiral()
    X0, y0 = starter_spiral()
    assert X.shape == (300, 2) and np.array_equal(X, X0) and np.array_equal(y, y0)
    X1, y1 = h.make_spiral(seed=1)
    assert not np.allclose(X, X1) and np.array_equal(y, y1)
    assert np.allclose(np.linalg.norm(X, axis=1), np.linalg.norm(X1, axis=1))  # same radii, other angles


def test_float64_trainer_matches_the_plain_reference_loop_step_for_step():
    """benchmarks/reference.py is the starter's loop extended by a layer; ours must compute the same numbers."""
    ref = train_3_layer_reference(*h.make_spiral(), num_iters=50)
    net = h.train_3_layer_network(100, 100, num_iters=50, dtype=np.float64, print_every=0)
    for k in ref:
        np.testing.assert_allclose(net.params[k], ref[k], rtol=0, atol=1e-12, err_msg=k)


def test_3_layer_trainer_follows_its_own_gradients():
    """One step of the trainer equals params - step * three_layer_loss_and_grads(params)."""
    X, y = h.make_spiral(n_per_class=10)
    init = h.init_params((2, 4, 3, 3), seed=0, dtype=np.float64)
    loss, grads = h.three_layer_loss_and_grads(init, X, y, reg=0.01)
    net = h.train_3_layer_network(4, 3, X=X, y=y, num_iters=1, print_every=0, dtype=np.float64, reg=0.01,
                                  step_size=0.5)
    for k in init:
        np.testing.assert_allclose(net.params[k], init[k] - 0.5 * grads[k], rtol=1e-12, atol=1e-14)
    assert net.loss_history[0][1] == pytest.approx(loss, rel=1e-12)


@pytest.mark.parametrize("train, hidden", [(h.train_2_layer_network, (100,)), (h.train_3_layer_network, (100, 100))])
def test_trainers_reach_the_best_training_accuracy_at_the_defaults(train, hidden):
    X, y = h.make_spiral()
    Xh, yh = h.make_spiral(n_per_class=300, seed=1)
    net = train(*hidden, print_every=0)
    assert net.accuracy(X, y) >= 0.99          # 298/300 is the maximum: three points sit at the origin
    assert net.accuracy(Xh, yh) >= 0.97
    assert net.loss_history[0][1] > 1.0 > 0.05 > net.loss_history[-1][1]  # it learned
    expected = {k: v.shape for k, v in h.init_params((2, *hidden, 3)).items()}
    assert {k: v.shape for k, v in net.params.items()} == expected


def test_same_seed_same_parameters_other_seed_other_parameters_float64_alike():
    X, y = h.make_spiral()
    a, b, c, d = (h.train_3_layer_network(20, 20, num_iters=2000, print_every=0, **kw)
                  for kw in ({}, {}, {"seed": 1}, {"dtype": np.float64}))
    assert all(np.array_equal(a.params[k], b.params[k]) for k in a.params)
    assert not np.array_equal(a.params["W1"], c.params["W1"])
    assert a.params["W1"].dtype == np.float32 and d.params["W1"].dtype == np.float64
    assert abs(a.loss_history[-1][1] - d.loss_history[-1][1]) < 1e-3
    assert np.mean(a.predict(X) == d.predict(X)) > 0.99


def test_loss_is_printed_every_print_every_and_recorded_every_record_every(capsys):
    net = h.train_2_layer_network(5, num_iters=25, print_every=10, record_every=5)
    assert [l.split(":")[0] for l in capsys.readouterr().out.splitlines()] == [f"iteration {i}" for i in (0, 10, 20)]
    assert [i for i, _ in net.loss_history] == [0, 5, 10, 15, 20, 24]
    h.train_2_layer_network(5, num_iters=25, print_every=0)
    assert capsys.readouterr().out == ""


def test_divergence_is_reported_not_silent():
    with pytest.raises(FloatingPointError, match="step_size"):
        h.train_3_layer_network(100, 100, step_size=1e6, num_iters=200, print_every=0, record_every=10)


def test_training_on_from_params_continues_the_same_path():
    """Catches: a trainer that ignores params= (restarts) or copies them (the 1(c) grid check relies on this)."""
    whole = h.train_3_layer_network(10, 10, num_iters=60, print_every=0, dtype=np.float64)
    first = h.train_3_layer_network(10, 10, num_iters=40, print_every=0, dtype=np.float64)
    rest = h.train_3_layer_network(10, 10, num_iters=20, print_every=0, dtype=np.float64, params=first.params)
    for k in whole.params:
        np.testing.assert_array_equal(rest.params[k], whole.params[k])
