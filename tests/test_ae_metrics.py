"""Problem 2: squared errors, the PCA baseline, the discussion's curve facts, the 2(a) demonstration, figures."""
import numpy as np
import pytest

from helpers.autoencoder.data import CLASS_NAMES
from helpers.autoencoder.metrics import (PCA, binary_entropy, error_table, high_frequency_energy, per_class_mse,
                                         per_image_sse, percent_below, squared_errors, tail_change)
from helpers.autoencoder.plots import (pick_examples, plot_code_size_sweep, plot_image_rows, plot_learning_curves,
                                       plot_weight_images)
from helpers.autoencoder.relu_autoencoder import relu_output_dead_pixel_demo


def test_squared_errors_per_pixel_and_per_image():
    x, x_hat = np.random.default_rng(0).uniform(0, 1, (2, 50, 784))
    err = squared_errors(x, x_hat)
    assert err["mse_per_pixel"] == pytest.approx(np.mean((x - x_hat) ** 2))
    assert err["sse_per_image"] == pytest.approx(np.mean(np.sum((x - x_hat) ** 2, axis=1)))  # = 784 mse_per_pixel
    y = np.arange(50) % 10
    assert per_class_mse(x, x_hat, y)[3] == pytest.approx(np.mean((x[y == 3] - x_hat[y == 3]) ** 2))
    assert per_image_sse(x, x).max() == 0
    table = error_table([("m", err, err, 0.25), ("n", None, err, None)])
    assert "| model | train MSE | test MSE | train L | test L | detail kept |" in table
    assert f"| m | {err['mse_per_pixel']:.5f} |" in table and "| 25% |" in table and "| n | – |" in table
    with pytest.raises(ValueError, match="same shape"):
        squared_errors(x, x_hat[:3])


def test_pca_recovers_a_subspace_and_its_curve_matches_explicit_errors():
    rng = np.random.default_rng(0)
    k, D = 3, 40
    x = rng.standard_normal((400, k)) @ rng.standard_normal((k, D)) + rng.uniform(0, 1, D)
    pca = PCA.fit(x)
    curve = pca.mse_curve(x, [0, 1, k - 1, k, k + 2])
    assert curve[3] < 1e-20 and curve[4] < 1e-20 and curve[0] > curve[1] > curve[2] > 1e-3
    x_new = rng.standard_normal((50, k)) @ pca.components[:, :k].T + pca.mean
    assert pca.errors(x_new, k)["mse_per_pixel"] < 1e-20
    x, target = rng.uniform(0, 1, (2, 300, 30))
    pca = PCA.fit(x)
    for k in (1, 5, 30):
        assert pca.mse_curve(x, [k])[0] == pytest.approx(np.mean((x - pca.reconstruct(x, k)) ** 2))
        assert pca.mse_curve(x, [k], target)[0] == pytest.approx(np.mean((target - pca.reconstruct(x, k)) ** 2))
    assert pca.mse_curve(x, [5])[0] * 30 == pytest.approx(pca.variances[5:].sum())
    assert np.allclose(pca.components.T @ pca.components, np.eye(30), atol=1e-10)


def test_tail_change_is_the_last_tenth_above_the_floor():
    """Catches a criterion measured over the wrong span (last epoch only) or ignoring the floor."""
    losses = np.linspace(2.0, 1.1, 20)  # last tenth: epochs 18 -> 20
    assert tail_change(losses) == pytest.approx(percent_below(losses[-1], losses[-3]))
    assert tail_change(losses, floor=1.0) == pytest.approx(100 * (1 - 0.1 / (losses[-3] - 1)))
    assert tail_change([3.0, 2.0]) == pytest.approx(100 / 3) and np.isnan(tail_change([1.0]))
    assert percent_below(0.9, 1.0) == pytest.approx(10) and percent_below(1.1, 1.0) == pytest.approx(-10)


def test_binary_entropy_is_the_least_cross_entropy():
    x = np.random.default_rng(0).uniform(0, 1, (20, 784))
    bce = lambda p: np.mean(-(x * np.log(p) + (1 - x) * np.log(1 - p)))  # noqa: E731
    assert binary_entropy(x) == pytest.approx(bce(x), rel=1e-6)
    assert bce(np.clip(x + 0.05, 0.01, 0.99)) > binary_entropy(x) and binary_entropy(np.ones((2, 784))) < 1e-5


def test_high_frequency_energy_falls_with_blur():
    """Catches a measure that ignores one direction or does not see blur."""
    x = np.random.default_rng(0).uniform(0, 1, (5, 28, 28))
    blurred = (x + np.roll(x, 1, 1) + np.roll(x, 1, 2) + np.roll(x, (1, 1), (1, 2))) / 4
    assert high_frequency_energy(blurred.reshape(5, 784)) < 0.5 * high_frequency_energy(x.reshape(5, 784))
    stripes = np.tile(np.arange(28) % 2, (28, 1)).astype(float)  # changes along rows only
    assert high_frequency_energy(stripes.reshape(1, 784)) == pytest.approx(1.0)
    assert high_frequency_energy(stripes.T.reshape(1, 784)) == pytest.approx(1.0)


def test_relu_output_demo_dead_pixels_never_learn():
    demo = relu_output_dead_pixel_demo(steps=500)
    assert np.all(demo["active_before"][-2:] == 0) and np.all(demo["active_after"][-2:] == 0)
    assert np.all(demo["grad_b2_before"][-2:] == 0) and np.all(demo["grad_W2_norm_before"][-2:] == 0)
    assert np.array_equal(demo["mse_before"][-2:], demo["mse_after"][-2:])
    assert demo["mse_before"][-2:].min() > demo["mse_before"][:-2].max()
    assert np.all(demo["mse_after"][:-2] < demo["mse_before"][:-2])
    assert demo["loss_after"] < demo["loss_before"]
    with pytest.raises(ValueError, match="D"):
        relu_output_dead_pixel_demo(D=2)


def test_plots_cover_every_class_and_number_every_unit():
    import matplotlib.pyplot as plt

    y = np.arange(200) % 10
    idx = pick_examples(y, per_class=3, seed=0)
    assert len(idx) == 30 and len(set(idx)) == 30
    assert all(sorted(y[idx[b * 10:(b + 1) * 10]]) == list(range(10)) for b in range(3))
    x = np.random.default_rng(0).uniform(0, 1, (200, 784))
    fig = plot_image_rows([("original", x[idx]), ("copy", x[idx])], labels=y[idx])
    assert len(fig.axes) == 3 and [t.get_text() for t in fig.axes[0].texts] == CLASS_NAMES
    assert fig._suptitle is None and not fig.axes[0].get_title()  # nothing drawn over the class labels
    with pytest.raises(ValueError, match="same number"):
        plot_image_rows([("a", x[:3]), ("b", x[:4])])
    fig2 = plot_weight_images(np.random.default_rng(1).standard_normal((784, 128)))
    labels = fig2.axes[0].texts
    assert sum(1 for t in labels if t.get_position()[1] == labels[0].get_position()[1]) == 16  # ~0.4 inch each
    assert [t.get_text() for t in labels] == [str(k) for k in range(128)]
    assert min(t.get_fontsize() for t in labels) * 6.5 / fig2.get_figwidth() >= 6.5  # >= 6.5 pt on a 6.5-inch page
    with pytest.raises(ValueError, match="784"):
        plot_weight_images(np.zeros((100, 3)))
    fig3 = plot_code_size_sweep([2, 4, 8], [0.04, 0.03, 0.02], [0.041, 0.031, 0.021], [1, 2, 3], [0.05, 0.04, 0.03],
                                [0.05, 0.04, 0.03])
    assert fig3.axes[0].get_xscale() == "log" and fig3.axes[0].get_yscale() == "log"
    fig4 = plot_learning_curves({"a": {"loss": [1.5, 1.2, 1.1]}, "b": {"loss": [0.3, 0.2], "val_loss": [0.4, 0.3]}},
                                floors={"a": 1.0})
    assert np.allclose(fig4.axes[0].lines[0].get_ydata(), [0.5, 0.2, 0.1])  # what is left above the floor
    assert len(fig4.axes[1].lines) == 2 and len(fig4.axes[0].patches) == 1  # the shaded last tenth
    plt.close("all")
