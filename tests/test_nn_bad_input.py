"""Bad input to Problem 1's public functions: a ValueError naming the argument."""
import functools

import numpy as np
import pytest

import helpers as h

X_OK, Y_OK = h.make_spiral(n_per_class=5)
T3 = functools.partial(h.train_3_layer_network, 5, 5)  # small: a check that lets the input through fails fast
NET = h.train_2_layer_network(5, num_iters=10, print_every=0)  # predict() and accuracy() check their X too


@pytest.mark.parametrize("call, kwargs, name", [
    *[(h.train_2_layer_network, {"H1": v}, "H1") for v in (0, -3, 2.5)],
    (h.train_3_layer_network, {"H1": 10, "H2": 0}, "H2"),
    (h.train_3_layer_network, {"H1": "10", "H2": 10}, "H1"),
    *[(T3, {"X": X, "y": Y_OK}, "X") for X in (np.ones(15), np.where(X_OK > 0.5, np.nan, X_OK),
                                                 np.where(X_OK > 0.5, np.inf, X_OK))],
    (T3, {"X": np.ones((0, 2)), "y": Y_OK[:0]}, "X"),
    *[(T3, {"X": X_OK, "y": y}, "y") for y in (Y_OK[:-1], Y_OK - 1, Y_OK + 0.5)],
    (T3, {"X": X_OK}, "X and y"),
    *[(T3, {k: v}, k) for k, v in [("step_size", 0), ("step_size", -0.1), ("num_iters", 0), ("reg", -1),
                                   ("record_every", 0), ("dtype", np.int32), ("dtype", "foo"), ("seed", -1),
                                   ("seed", 1.5), ("seed", 2**32), ("print_every", -1), ("print_every", "x"),
                                   ("num_iters", True)]],
    (T3, {"X": X_OK, "y": np.where(Y_OK == 2, 7, Y_OK)}, "no example of class"),
    *[(T3, {"X": X_OK, "y": np.where(Y_OK == 2, big, Y_OK)}, "y labels") for big in (10**9, 1e20)],
    (T3, {"X": X_OK, "y": np.zeros(15, int)}, "at least 2 classes"),
    (T3, {"X": X_OK * 1e39, "y": Y_OK}, "too large for float32"),
    (T3, {"X": X_OK + 1j, "y": Y_OK}, "X must be real"),
    *[(h.make_spiral, {k: v}, k) for k, v in [("n_per_class", 0), ("noise", float("nan")), ("noise", float("inf")),
                                              ("noise", "a")]],
    (h.three_layer_loss_and_grads, {"params": None, "X": X_OK, "y": Y_OK}, "params must be a dict"),
    (h.two_layer_loss_and_grads, {"params": h.init_params((2, 4, 3)), "X": X_OK, "y": Y_OK, "reg": -1}, "reg"),
    *[(h.init_params, {"sizes": s}, "sizes") for s in ((2, 0, 3), (2,))],
    *[(h.init_params, {"sizes": (2, 4, 3), k: v}, k) for k, v in [("seed", -1), ("dtype", int)]],
    (NET.predict, {"X": np.ones((4, 3))}, "X"),
    (NET.predict, {"X": np.full((4, 2), np.nan)}, "NaN"),
    (NET.accuracy, {"X": 3.0, "y": Y_OK}, "X"),
])
def test_bad_input_raises_a_value_error_naming_the_argument(call, kwargs, name):
    with pytest.raises(ValueError, match=name):
        call(**kwargs)
