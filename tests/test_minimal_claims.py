"""The claim of the (c3) discussion that is not measured in the notebook's own run: held-out differences of a few
tenths of a point between (c2) and (c3) are of the size that changes with the initialisation seed, while the
training loss orders the two networks the same way for every seed."""
import numpy as np
import pytest

import helpers as h

SEEDS = range(5)
# What retraining (c2) and (c3) with initialisation seeds 0-4 showed (float32, 20,000 iterations):
SEED_STUDY = {"3-layer loss lower": 5, "held-out spread at least": 0.005}


@pytest.mark.slow
def test_depth_beats_width_in_training_loss_for_every_seed_while_held_out_accuracy_varies():
    X, y = h.make_spiral()
    Xh, yh = h.make_spiral(n_per_class=1000, seed=1)
    lower, held3, held2 = 0, [], []
    for seed in SEEDS:
        three = h.train_3_layer_network(5, 5, seed=seed, print_every=0)
        two = h.train_2_layer_network(10, seed=seed, print_every=0)
        lower += three.final_loss < two.final_loss
        held3.append(three.accuracy(Xh, yh))
        held2.append(two.accuracy(Xh, yh))
    assert lower == SEED_STUDY["3-layer loss lower"]
    assert np.ptp(held3) >= SEED_STUDY["held-out spread at least"]
    assert np.ptp(held2) >= SEED_STUDY["held-out spread at least"]
