"""Every comparison made in the discussion of minimal_neural_network.ipynb, on the full run's record."""
import pytest

from conftest import load_record

BEST = 298 / 300  # three points of different classes sit at the origin


@pytest.fixture(scope="module")
def nets():
    record = load_record("minimal_neural_network")
    assert record["settings"]["num_iters"] == 20000, "results/ must hold the full run"
    return record["networks"]


def acc(row):
    return row["train_accuracy"], row["held_out_accuracy"]


def test_1b_both_default_networks_reach_the_maximum_and_3_layers_fit_tighter(nets):
    two, three = nets["2-layer, H1=100"], nets["3-layer, H1=H2=100"]
    assert two["train_accuracy"] == three["train_accuracy"] == pytest.approx(BEST)
    assert three["final_loss"] < two["final_loss"] / 2
    assert three["held_out_accuracy"] >= two["held_out_accuracy"]
    assert (two["n_params"], three["n_params"]) == (603, 10703)


def test_c1_underfits_with_equal_train_and_held_out_error(nets):
    c1 = nets["(c1) 3-layer, H1=H2=3"]
    train, held = acc(c1)
    assert train < 0.95 and abs(train - held) < 0.01
    assert c1["final_loss"] == max(r["final_loss"] for k, r in nets.items() if "reg" not in k)
    assert train == min(r["train_accuracy"] for r in nets.values())


def test_c2_has_low_bias_and_low_variance(nets):
    train, held = acc(nets["(c2) 3-layer, H1=H2=5"])
    assert train >= 0.985 and 0 <= train - held < 0.015


def test_c3_two_layers_lose_to_three_layers_at_equal_size(nets):
    c2, c3 = nets["(c2) 3-layer, H1=H2=5"], nets["(c3) 2-layer, H1=10"]
    assert c2["n_params"] == c3["n_params"] == 63
    assert c2["train_accuracy"] > c3["train_accuracy"] and c2["held_out_accuracy"] > c3["held_out_accuracy"]
    assert c2["final_loss"] < c3["final_loss"]


def test_c4_overfits_and_c5_regularisation_trades_variance_for_bias(nets):
    c4, c5 = nets["(c4) 3-layer, H1=H2=50, noise 0.6"], nets["(c5) 3-layer, H1=H2=50, noise 0.6, reg 1e-3"]
    gap4, gap5 = c4["train_accuracy"] - c4["held_out_accuracy"], c5["train_accuracy"] - c5["held_out_accuracy"]
    assert gap4 > 0.07 and gap4 > 5 * (nets["(c2) 3-layer, H1=H2=5"]["train_accuracy"]
                                       - nets["(c2) 3-layer, H1=H2=5"]["held_out_accuracy"])
    assert gap5 < gap4 - 0.02
    assert c5["train_accuracy"] < c4["train_accuracy"]      # more bias
    assert c5["held_out_accuracy"] > c4["held_out_accuracy"]  # better generalisation


def test_default_networks_show_no_measurable_variance_on_the_clean_spiral(nets):
    for name in ("2-layer, H1=100", "3-layer, H1=H2=100"):
        train, held = acc(nets[name])
        assert held >= train - 0.005
