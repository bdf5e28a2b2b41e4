"""explore_spiral driven as a person uses it: set the widgets, click, read what the outputs show."""
import asyncio
import re

import numpy as np
import pytest

from helpers import make_spiral, train_2_layer_network, train_3_layer_network
from helpers.explore import SpiralExplorer, explore_spiral
from helpers.explore.common import shown_png
from helpers.explore.spiral import CHUNK, REDRAW_EVERY, unit_mosaic


@pytest.fixture
def ex():
    return SpiralExplorer()  # what explore_spiral() returns, without replacing the last one


@pytest.mark.parametrize("layers, trainer", [(3, train_3_layer_network), (2, train_2_layer_network)])
def test_same_numbers_as_the_trainer_and_kept(ex, layers, trainer):
    """Catches: any change to the update, the initialisation, the data or the loss (a swapped seed, a missed
    reg, float64 weights, recording after the update instead of before); Keep overwriting the previous row
    or showing another run's numbers."""
    for name, value in dict(layers=layers, H1=20, H2=30, step_size=0.05, reg=3e-3, noise=0.6, seed=3,
                            iterations=700).items():
        getattr(ex, name).value = value
    for _ in range(7):
        ex.step_button.click()
    X, y = make_spiral(noise=0.6)
    widths = {"H1": 20, "H2": 30} if layers == 3 else {"H1": 20}
    net = trainer(**widths, X=X, y=y, step_size=0.05, reg=3e-3, num_iters=700, seed=3, print_every=0)
    assert ex.iteration == 700 and ex.loss_history == net.loss_history and sorted(ex.params) == sorted(net.params)
    for k in net.params:
        np.testing.assert_array_equal(ex.params[k], net.params[k])
    row = ex.keep()
    held = float(net.accuracy(*make_spiral(n_per_class=1000, noise=0.6, seed=1)))
    assert row["train_accuracy"] == float(net.accuracy(X, y)) and row["held_out_accuracy"] == held
    assert row["final_loss"] == net.loss_history[-1][1]
    ex.H1.value = 5   # a second run, kept below the first
    ex.step_button.click()
    ex.keep_button.click()
    assert [r["H1"] for r in ex.kept] == [20, 5] and [r["iterations"] for r in ex.kept] == [700, CHUNK]
    rows = re.findall(r"<tr>(.*?)</tr>", ex.table.value)  # the header and the two runs
    assert len(rows) == 3 and f"{held:.3f}" in rows[1] and f"{row['final_loss']:.4f}" in rows[1]


def test_train_answers_pause_at_once_and_running_the_cell_again_stops_it():
    """Train runs as a task that yields between chunks: Pause stops it after the chunk in hand, and the
    picture is redrawn while it trains.  Catches: training in one blocking loop (the click would come only
    after all 20,000 iterations), a Pause that does not stop the task, no redraws while training; a replaced
    explorer (no longer on the page, so no Pause button) training on unseen."""
    ex, pictures = explore_spiral(), []
    ex.picture.observe(lambda change: pictures.append(shown_png(ex.picture)), "outputs")

    async def session():
        ex.train_button.click()
        while ex.iteration < 1000:
            await asyncio.sleep(0)   # the kernel handling other messages between chunks
        assert ex.running and "training" in ex.status.value
        ex.pause_button.click()
        stopped_at = ex.iteration
        for _ in range(5):
            await asyncio.sleep(0)
        assert 1000 <= stopped_at <= 1000 + CHUNK and ex.iteration == stopped_at and not ex.running
        assert "paused" in ex.status.value and f"iteration {stopped_at:,} of 20,000" in ex.status.value
        assert len(pictures) >= 1000 // REDRAW_EVERY and len(set(pictures)) == len(pictures)
        ex.train_button.click()      # training again, and the cell is run again
        await asyncio.sleep(0)
        new = explore_spiral()
        stopped_at = ex.iteration
        for _ in range(3):
            await asyncio.sleep(0)
        assert not ex.running and ex.iteration == stopped_at and new.iteration == 0  # before the loop ends

    asyncio.run(session())


def test_train_to_the_end_redraws_every_few_hundred(ex):
    """Catches: redrawing at the wrong interval, not stopping at the set number of iterations, no final picture."""
    ex.H1.value, ex.H2.value, ex.iterations.value = 10, 10, 1500
    redraws = []
    ex.picture.observe(lambda change: redraws.append(ex.iteration), "outputs")

    async def session():
        await ex.train()

    asyncio.run(session())
    assert ex.iteration == 1500 and not ex.running and redraws == [500, 1000, 1500] and "done" in ex.status.value
    assert ex.curves["iteration"] == list(range(0, 100, 10)) + list(range(100, 1500, 100)) + [1499]
    ex.train_button.click()   # done: nothing more to train
    assert ex.iteration == 1500 and not ex.running


def test_settings_and_reset_start_a_fresh_run(ex):
    """Catches: a setting that does not reach the network (H1, layers, noise), a picture not redrawn, Reset
    not re-initialising from the seed (weights carried over or drawn afresh); train() outside an event loop
    not saying what to do."""
    with pytest.raises(RuntimeError, match="advance"):
        ex.train()
    start = {k: v.copy() for k, v in ex.params.items()}
    for _ in range(3):
        ex.step_button.click()
    before = shown_png(ex.picture)
    ex.reset_button.click()
    assert ex.iteration == 0 and ex.curves["iteration"] == [] and shown_png(ex.picture) != before
    for k in start:
        np.testing.assert_array_equal(ex.params[k], start[k])
    ex.step_button.click()
    before = shown_png(ex.picture)
    ex.H1.value = 7
    assert ex.iteration == 0 and ex.params["W1"].shape == (2, 7) and ex.loss_history == []
    assert shown_png(ex.picture) != before
    ex.layers.value = 2
    assert sorted(ex.params) == ["W1", "W2", "b1", "b2"] and ex.H2.disabled
    ex.noise.value = 0.9
    np.testing.assert_array_equal(ex.X, make_spiral(noise=0.9)[0].astype(np.float32))
    assert len(ex.X_held) == 3 * 1000


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the overflow is the point
def test_divergence_is_reported_not_raised(ex):
    """Catches: a diverged run that keeps training on NaN, or an exception in the widget callback."""
    ex.params["W3"][:] = np.float32(3e38)
    ex.step_button.click()
    assert ex.diverged == 0 and ex.iteration == 0 and "diverged at iteration 0" in ex.status.value


def test_unit_maps():
    """Each tile is its unit's activation scaled to its maximum; a dead unit is a dark tile.  Catches: tiles
    transposed or misplaced, one scale for all units."""
    n = 4
    h1 = np.zeros((n * n, 3), np.float32)
    h1[:, 0], h1[:, 2] = np.arange(n * n), 5.0  # unit 0 grows along the grid's rows
    mosaic = unit_mosaic(h1, n, gap=1)
    assert mosaic.shape == (2 * n + 1, 2 * n + 1)
    first = mosaic[:n, :n]
    assert first.max() == 1.0 and first[-1, 0] == 0.0 and first[0, -1] == 1.0  # bottom grid row shown at the bottom
    assert np.all(mosaic[:n, n + 1:] == 0) and np.all(mosaic[n + 1:, :n] == 1.0)  # unit 1 dead, 2 constant
    assert np.all(np.isnan(mosaic[n + 1:, n + 1:]))