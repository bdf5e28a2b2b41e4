"""explore_autoencoders driven as a person uses it: move the sliders, pick a class, read what is shown."""
import time

import numpy as np
import pytest

from helpers.autoencoder import PCA
from helpers.explore import explore_autoencoders
from helpers.explore.common import shown_png

N = 400
X, Y = np.random.default_rng(1).random((N, 784), dtype=np.float32), np.arange(N) % 10
FIRST = list(range(10))  # what "one of each class" shows: the labels are 0, 1, ..., 9, 0, 1, ...
PCA_X = PCA.fit(X)


def mse(x, x_hat):
    return float(np.mean((x.astype(np.float64) - x_hat) ** 2))


def make(**kw):
    """The explorer over stand-ins: models that scale or clip the images, an encoder keeping two pixels."""
    args = dict(models={2: lambda x: x * 0.5, 8: lambda x: x * 0.9}, x_test=X, y_test=Y, pca=PCA_X,
                denoiser=lambda x: np.clip(x, 0.25, 0.75), deep=lambda x: x * 0.8, encoder2=lambda x: x[:, :2])
    return explore_autoencoders(**{**args, **kw})


def test_code_size_slider_and_class_picker():
    """Catches: the slider showing another size's reconstructions or errors, PCA at the wrong k, no redraw; the
    class picker ignored by one of the two pictures, or images of another class."""
    ex = make()
    ex.code_size.value = 2
    before = shown_png(ex.sweep_picture)
    ex.code_size.value = 8
    assert shown_png(ex.sweep_picture) != before
    html = ex.sweep_errors.value
    assert f"{mse(X, X * 0.9):.5f}" in html and f"{mse(X, PCA_X.reconstruct(X, 8)):.5f}" in html
    np.testing.assert_array_equal(ex.picked(("ae", 8)), X[FIRST] * np.float32(0.9))
    np.testing.assert_allclose(ex.picked(("pca", 8)), PCA_X.reconstruct(X[FIRST], 8).clip(0, 1), atol=1e-6)
    assert f"{mse(X[FIRST], X[FIRST] * np.float32(0.9)):.5f}" in html
    sweep, noise = shown_png(ex.sweep_picture), shown_png(ex.noise_picture)
    ex.images.value = "Trouser"
    np.testing.assert_array_equal(ex.picked("original"), X[np.flatnonzero(Y == 1)[:10]])
    assert shown_png(ex.sweep_picture) != sweep and shown_png(ex.noise_picture) != noise


def test_noise_slider_applies_both_models_at_that_level(monkeypatch):
    """Catches: the level not applied, denoiser and clean-trained model swapped, errors against the noisy
    images instead of the clean ones or over other images, another noise draw than the one shown."""
    monkeypatch.setattr("helpers.explore.autoencoders.N_NOISE_EVAL", 300)
    ex = make()
    before = shown_png(ex.noise_picture)
    ex.noise.value = 0.4
    assert shown_png(ex.noise_picture) != before
    x = X[:300]
    noisy = np.clip(x + np.float32(0.4) * np.random.default_rng(0).standard_normal((300, 784), np.float32), 0, 1)
    html = ex.noise_errors.value
    cells = [f"{mse(x, noisy):.5f}", f"{mse(x, np.clip(noisy, 0.25, 0.75)):.5f}", f"{mse(x, noisy * 0.8):.5f}"]
    assert html.index(cells[0]) < html.index(cells[1]) < html.index(cells[2])  # noisy input, denoiser, deep model
    assert "first 300 test images" in html
    np.testing.assert_array_equal(ex.picked(("noisy", 0.4)), noisy[FIRST])  # the same draw as the errors'
    np.testing.assert_array_equal(ex.picked(("denoiser", 0.4)), np.clip(noisy[FIRST], 0.25, 0.75))
    ex.noise.value = 0.0
    np.testing.assert_array_equal(ex.picked(("noisy", 0.0)), ex.picked("original"))


def test_codes_scatter_with_and_without_a_code_size_2_model():
    ex = make()
    np.testing.assert_array_equal(ex.codes, X[:, :2])
    assert shown_png(ex.codes_picture).startswith(b"\x89PNG")
    ex = make(encoder2=None)
    assert ex.codes is None and "No code_size 2 model" in ex.codes_picture.outputs[0]["text"]


def test_sliders_answer_within_0_3_s():
    """Every slider move and class pick, drawn afresh, within 0.3 s (the issue's target); best of 3 tries of each
    move: the machine is shared, and a busy neighbour is not the explorer's cost."""
    ex = make()
    for widget, v in [(ex.code_size, 2), (ex.code_size, 8), (ex.noise, 0.0), (ex.noise, 0.35), (ex.noise, 0.6),
                      (ex.images, "Bag"), (ex.images, "Coat")]:
        tries = []
        for _ in range(3):
            widget.value = next(o for o in widget.options if o != v)
            ex._pngs.clear()
            t = time.perf_counter()
            widget.value = v
            tries.append(time.perf_counter() - t)
        assert min(tries) < 0.3, (widget.description, v, tries)


@pytest.mark.parametrize("bad, name", [(dict(x_test=X[:, :100]), "x_test"), (dict(y_test=Y[:5]), "y_test"),
                                       (dict(denoiser=None), "denoiser"), (dict(models={}), "models"),
                                       (dict(models={4: X}), r"models\[4\]"),
                                       (dict(encoder2=lambda x: x[:, :3]), "encoder2")])
def test_bad_arguments_are_named(bad, name):
    with pytest.raises(ValueError, match=name):
        make(**bad)


def test_with_keras_models_trained_a_step():
    """The notebook passes Keras models: their outputs (tensors) become the numbers shown."""
    from helpers.autoencoder import build_deep_autoencoder, build_shallow_autoencoder

    built = {c: build_shallow_autoencoder(c, seed=0) for c in (2, 4)}
    deep, _ = build_deep_autoencoder(8, hidden=16, seed=0)
    for model in [m for m, _ in built.values()] + [deep]:
        model.compile("adam", "mse")
        model.fit(X[:64], X[:64], epochs=1, batch_size=64, verbose=0)
    ex = explore_autoencoders({c: m for c, (m, _) in built.items()}, X, Y, PCA_X, deep, deep, built[2][1])
    ex.code_size.value = 4
    assert f"{mse(X, built[4][0].predict(X, verbose=0)):.5f}" in ex.sweep_errors.value
    np.testing.assert_allclose(ex.codes, built[2][1].predict(X, verbose=0), rtol=1e-5, atol=1e-6)
