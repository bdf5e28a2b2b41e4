"""Problem 2: squared errors, the PCA baseline, the discussion's curve facts, the 2(a) demonstration, figures."""
import numpy as np
import pytest

from helpers.autoencoder.data import CLASS_NAMES
from helpers.autoencoder.metrics import (PCA, curve_facts, error_table, per_class_mse, per_image_sse, percent_below,
                                         squared_errors)
from helpers.autoencoder.plots import pick_examples, plot_code_size_sweep, plot_image_rows, plot_weight_images
from helpers.autoencoder.relu_autoencoder import relu_output_dead_pixel_demo


def test_squared_errors_per_pixel_and_per_image():
    rng = np.random.default_rng(0)
    x, x_hat = rng.uniform(0, 1, (50, 784)), rng.uniform(0, 1, (50, 784))
    err = squared_errors(x, x_hat)
    assert err["mse_per_pixel"] == pytest.approx(np.mean((x - x_hat) ** 2))
    assert err["sse_per_image"] == pytest.approx(784 * err["mse_per_pixel"])
    assert err["sse_per_image"] == pytest.approx(np.mean(np.sum((x - x_hat) ** 2, axis=1)))
    y = np.arange(50) % 10
    assert per_class_mse(x, x_hat, y)[3] == pytest.approx(np.mean((x[y == 3] - x_hat[y == 3]) ** 2))
    assert per_image_sse(x, x).max() == 0
    table = error_table([("m", err, err), ("n", None, err)])
    assert "| model | train MSE | test MSE | train L | test L |" in table and f"{err['mse_per_pixel']:.5f}" in table
    with pytest.raises(ValueError, match="same shape"):
        squared_errors(x, x_hat[:3])


def test_pca_recovers_a_k_dimensional_subspace():
    rng = np.random.default_rng(0)
    k, D = 3, 40
    x = rng.standard_normal((400, k)) @ rng.standard_normal((k, D)) + rng.uniform(0, 1, D)
    pca = PCA.fit(x)
    curve = pca.mse_curve(x, [0, 1, k - 1, k, k + 2])
    assert curve[3] < 1e-20 and curve[4] < 1e-20
    assert curve[0] > curve[1] > curve[2] > 1e-3
    x_new = rng.standard_normal((50, k)) @ pca.components[:, :k].T + pca.mean
    assert pca.errors(x_new, k)["mse_per_pixel"] < 1e-20


def test_pca_curve_matches_explicit_reconstruction():
    rng = np.random.default_rng(1)
    x, target = rng.uniform(0, 1, (300, 30)), rng.uniform(0, 1, (300, 30))
    pca = PCA.fit(x)
    for k in (1, 5, 30):
        assert pca.mse_curve(x, [k])[0] == pytest.approx(np.mean((x - pca.reconstruct(x, k)) ** 2))
        assert pca.mse_curve(x, [k], x_target=target)[0] == pytest.approx(np.mean((target - pca.reconstruct(x, k)) ** 2))
    assert pca.mse_curve(x, [5])[0] * 30 == pytest.approx(pca.variances[5:].sum())
    assert np.allclose(pca.components.T @ pca.components, np.eye(30), atol=1e-10)


def test_curve_facts_and_percent_below():
    f = curve_facts([0.05, 0.03, 0.02, 0.0199, 0.0198, 0.0197, 0.0196, 0.0195])
    assert f["epochs"] == 8 and f["best_epoch"] == 8 and f["k"] == 5 and f["first"] == 0.05
    assert f["last_drop"] == pytest.approx(100 * (1 - 0.0195 / 0.02)) and not f["rises"]
    g = curve_facts([0.05, 0.03, 0.02, 0.019, 0.018, 0.017, 0.019, 0.0185])
    assert g["best_epoch"] == 6 and g["rises"]
    assert curve_facts([0.1])["last_drop"] == 0 and curve_facts([0.1])["k"] == 0
    assert percent_below(0.9, 1.0) == pytest.approx(10) and percent_below(1.1, 1.0) == pytest.approx(-10)
    with pytest.raises(ValueError, match="val_loss"):
        curve_facts([])


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
    with pytest.raises(ValueError, match="same number"):
        plot_image_rows([("a", x[:3]), ("b", x[:4])])
    fig2 = plot_weight_images(np.random.default_rng(1).standard_normal((784, 32)))
    labels = fig2.axes[0].texts
    assert [t.get_text() for t in labels] == [str(k) for k in range(32)]
    # readable at print size: the figure is shrunk to a ~6.5 inch text width, labels stay >= 6.5 pt
    assert min(t.get_fontsize() for t in labels) * 6.5 / fig2.get_figwidth() >= 6.5
    with pytest.raises(ValueError, match="784"):
        plot_weight_images(np.zeros((100, 3)))
    fig3 = plot_code_size_sweep([2, 4, 8], [0.04, 0.03, 0.02], [0.041, 0.031, 0.021], [1, 2, 3], [0.05, 0.04, 0.03],
                                [0.05, 0.04, 0.03])
    assert fig3.axes[0].get_xscale() == "log" and fig3.axes[0].get_yscale() == "log"
    plt.close("all")
