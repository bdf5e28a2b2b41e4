"""Bad input to Problem 1's public functions: a ValueError naming the argument."""
import numpy as np
import pytest

import helpers as h

X_OK, Y_OK = h.make_spiral(n_per_class=5)


@pytest.mark.parametrize("call, name", [
    (lambda: h.train_2_layer_network(0), "H1"),
    (lambda: h.train_2_layer_network(-3), "H1"),
    (lambda: h.train_2_layer_network(2.5), "H1"),
    (lambda: h.train_3_layer_network(10, 0), "H2"),
    (lambda: h.train_3_layer_network("10", 10), "H1"),
    (lambda: h.train_3_layer_network(5, 5, X=np.ones((0, 2)), y=Y_OK[:0]), "X"),
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
    (lambda: h.train_3_layer_network(5, 5, record_every=0), "record_every"),
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
    (lambda: h.two_layer_loss_and_grads(h.init_params((2, 4, 3)), X_OK, Y_OK, reg=-1), "reg"),
    (lambda: h.init_params((2, 0, 3)), "sizes"),
    (lambda: h.init_params((2, 4, 3), seed=-1), "seed"),
    (lambda: h.init_params((2, 4, 3), dtype=int), "dtype"),
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
