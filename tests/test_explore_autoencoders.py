"""explore_autoencoders driven as a person uses it: move the sliders, pick a class, read what is shown."""
import time

import numpy as np
import pytest

from helpers.autoencoder import PCA
from helpers.explore import explore_autoencoders
from helpers.explore.common import shown_png

N = 400


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(1)
    x = rng.random((N, 784), dtype=np.float32)
    y = np.arange(N) % 10
    return x, y, PCA.fit(x)


def scaled(a):
    return lambda x: np.asarray(x) * a


def mse(x, x_hat):
    return float(np.mean((x.astype(np.float64) - x_hat) ** 2))


def make(data, **kw):
    x, y, pca = data
    args = dict(models={2: scaled(0.5), 8: scaled(0.9)}, x_test=x, y_test=y, pca=pca,
                denoiser=lambda a: np.clip(a, 0.25, 0.75), deep=scaled(0.8), encoder2=lambda a: np.asarray(a)[:, :2],
                n_noise_eval=300)
    args.update(kw)
    return explore_autoencoders(**args)


def test_code_size_slider_shows_that_size(data):
    """Catches: the slider showing another size's reconstructions or errors, PCA at the wrong k, no redraw."""
    x, y, pca = data
    ex = make(data)
    ex.code_size.value = 2
    before = shown_png(ex.sweep_picture)
    ex.code_size.value = 8
    assert shown_png(ex.sweep_picture) != before
    html = ex.sweep_errors.value
    assert f"{mse(x, x * 0.9):.5f}" in html and f"{mse(x, pca.reconstruct(x, 8)):.5f}" in html
    first = [int(np.flatnonzero(y == c)[0]) for c in range(10)]   # "one of each class"
    np.testing.assert_array_equal(ex._picked(("ae", 8)), x[first] * np.float32(0.9))
    np.testing.assert_allclose(ex._picked(("pca", 8)), pca.reconstruct(x[first], 8).clip(0, 1), atol=1e-6)
    assert f"{mse(x[first], x[first] * np.float32(0.9)):.5f}" in html


def test_class_picker_chooses_the_images(data):
    """Catches: the picker ignored by one of the two pictures, or images of another class."""
    x, y, _ = data
    ex = make(data)
    sweep, noise = shown_png(ex.sweep_picture), shown_png(ex.noise_picture)
    ex.images.value = "Trouser"
    trousers = np.flatnonzero(y == 1)[:10]
    np.testing.assert_array_equal(ex._picked("original"), x[trousers])
    assert shown_png(ex.sweep_picture) != sweep and shown_png(ex.noise_picture) != noise


def test_noise_slider_applies_both_models_at_that_level(data):
    """Catches: the level not applied, denoiser and clean-trained model swapped, errors against the noisy
    images instead of the clean ones, another noise draw than the one shown."""
    x, y, _ = data
    ex = make(data)
    before = shown_png(ex.noise_picture)
    ex.noise.value = 0.4
    assert shown_png(ex.noise_picture) != before
    eps = np.random.default_rng(0).standard_normal((300, 784), np.float32)
    noisy = np.clip(x[:300] + np.float32(0.4) * eps, 0, 1)
    html = ex.noise_errors.value
    cells = [f"{mse(x[:300], noisy):.5f}", f"{mse(x[:300], np.clip(noisy, 0.25, 0.75)):.5f}",
             f"{mse(x[:300], noisy * np.float32(0.8)):.5f}"]
    assert html.index(cells[0]) < html.index(cells[1]) < html.index(cells[2])  # noisy input, denoiser, deep model
    assert "first 300 test images" in html
    np.testing.assert_array_equal(ex._picked(("denoiser", 0.4)), np.clip(ex._picked(("noisy", 0.4)), 0.25, 0.75))
    ex.noise.value = 0.0
    np.testing.assert_array_equal(ex._picked(("noisy", 0.0)), ex._picked("original"))


def test_codes_scatter_is_drawn(data):
    x, _, _ = data
    ex = make(data)
    np.testing.assert_array_equal(ex.codes, x[:, :2])
    assert shown_png(ex.codes_picture).startswith(b"\x89PNG")


def test_without_a_code_size_2_model(data):
    ex = make(data, encoder2=None)
    assert ex.codes is None and "No code_size 2 model" in ex.codes_picture.outputs[0]["text"]


def test_sliders_answer_within_0_3_s(data):
    """Every slider move and class pick, drawn afresh, within 0.3 s (the issue's target).  Best of 3 tries
    of each move: the machine is shared, and a busy neighbour is not the explorer's cost."""
    ex = make(data)
    worst = 0.0
    for widget, values in [(ex.code_size, [2, 8]), (ex.noise, [0.0, 0.35, 0.6]), (ex.images, ["Bag", "Coat"])]:
        for v in values:
            tries = []
            for _ in range(3):
                widget.value = next(o for o in widget.options if o != v)
                ex._pngs.clear()
                t = time.perf_counter()
                widget.value = v
                tries.append(time.perf_counter() - t)
            worst = max(worst, min(tries))
    assert worst < 0.3


def test_reconstruction_arrays_instead_of_models(data):
    x, _, _ = data
    ex = make(data, models={4: x * np.float32(0.7)})
    assert ex.code_size.value == 4 and f"{mse(x, x * np.float32(0.7)):.5f}" in ex.sweep_errors.value
    with pytest.raises(ValueError, match=r"models\[4\]"):
        make(data, models={4: x[:10]})


def test_bad_arguments_are_named(data):
    x, y, _ = data
    with pytest.raises(ValueError, match="x_test"):
        make(data, x_test=x[:, :100])
    with pytest.raises(ValueError, match="y_test"):
        make(data, y_test=y[:5])
    with pytest.raises(ValueError, match="denoiser"):
        make(data, denoiser=None)
    with pytest.raises(ValueError, match="encoder2"):
        make(data, encoder2=lambda a: np.asarray(a)[:, :3])
    with pytest.raises(ValueError, match="models"):
        make(data, models={})
    with pytest.raises(ValueError, match="per_class"):
        make(data, per_class=0)


def test_with_keras_models_trained_a_step(data):
    """The notebook passes Keras models: their outputs (tensors) become the numbers shown."""
    from helpers.autoencoder import build_deep_autoencoder, build_shallow_autoencoder

    x, y, pca = data
    built = {c: build_shallow_autoencoder(c, seed=0) for c in (2, 4)}
    deep, _ = build_deep_autoencoder(8, hidden=16, seed=0)
    for model in [m for m, _ in built.values()] + [deep]:
        model.compile("adam", "mse")
        model.fit(x[:64], x[:64], epochs=1, batch_size=64, verbose=0)
    ex = explore_autoencoders({c: m for c, (m, _) in built.items()}, x, y, pca, deep, deep, built[2][1],
                              n_noise_eval=100)
    ex.code_size.value = 4
    x_hat = built[4][0].predict(x, verbose=0)
    assert f"{mse(x, x_hat):.5f}" in ex.sweep_errors.value
    np.testing.assert_allclose(ex.codes, built[2][1].predict(x, verbose=0), rtol=1e-5, atol=1e-6)
