"""Problem 2: the Keras builders, the noise and the data preparation."""
import functools

import numpy as np
import pytest

from helpers.autoencoder.models import (add_noise, build_deep_autoencoder, build_shallow_autoencoder,
                                        first_layer_weights, last_layer_weights, prepare_images, split_validation)

DEEP = functools.partial(build_deep_autoencoder, hidden=128)


@pytest.mark.parametrize("build, widths, n_params", [(build_shallow_autoencoder, lambda c: [784, c, 784], 50992),
                                                     (DEEP, lambda c: [784, 128, c, 128, 784], 209968)])
def test_builders_layers_and_parameter_counts(build, widths, n_params):
    """Catches another architecture, activation, code size or encoder than the starter's."""
    assert build(32)[0].count_params() == n_params
    auto, enc = build(2)
    w = widths(2)
    assert [layer.units for layer in auto.layers[1:]] == w[1:]
    assert [layer.activation.__name__ for layer in auto.layers[1:]] == ["relu"] * (len(w) - 2) + ["sigmoid"]
    assert auto.count_params() == sum((a + 1) * b for a, b in zip(w, w[1:]))
    assert tuple(auto.input_shape) == tuple(auto.output_shape) == (None, 784) and tuple(enc.output_shape) == (None, 2)
    assert first_layer_weights(auto).shape == (784, w[1]) and last_layer_weights(auto).shape == (w[-2], 784)


@pytest.mark.parametrize("bad", [0, -3, 2.5, "32", None, True])
@pytest.mark.parametrize("build, name", [(build_shallow_autoencoder, "code_size"), (DEEP, "code_size"),
                                         (lambda bad: build_deep_autoencoder(32, hidden=bad), "hidden")])
def test_builders_reject_bad_sizes(build, name, bad):
    with pytest.raises(ValueError, match=name):
        build(bad)


def test_seeded_builders_are_reproducible():
    a, b, c = (build_shallow_autoencoder(8, seed=seed)[0].get_weights() for seed in (3, 3, 4))
    assert all(np.array_equal(u, v) for u, v in zip(a, b)) and not np.array_equal(a[0], c[0])


def test_add_noise_is_clipped_reproducible_and_gaussian():
    x = np.full((200, 784), 0.5, dtype="float32")
    noisy = add_noise(x, 0.2, seed=1)
    assert noisy.dtype == np.float32 and noisy.shape == x.shape
    assert noisy.min() >= 0 and noisy.max() <= 1
    assert np.array_equal(noisy, add_noise(x, 0.2, seed=1)) and not np.array_equal(noisy, add_noise(x, 0.2, seed=2))
    assert abs(float(np.std(noisy - x)) - 0.2) < 0.01  # at 0.5 the clipping (2.5 sigma) hardly matters
    assert np.array_equal(add_noise(x, 0.0), x)
    with pytest.raises(ValueError, match="noise_factor"):
        add_noise(x, -0.1)


def test_prepare_images_and_validation_split():
    x = np.arange(5 * 784, dtype=np.uint8).reshape(5, 28, 28)
    flat = prepare_images(x)
    assert flat.shape == (5, 784) and flat.dtype == np.float32 and flat.max() <= 1
    assert flat[0, 1] == pytest.approx(1 / 255)
    xf, yf, xv, yv = split_validation(flat, np.arange(5), 0.2)
    assert len(xf) == 4 and len(xv) == 1 and yv.tolist() == [4] and np.array_equal(xv[0], flat[4])
    with pytest.raises(ValueError, match="784"):
        prepare_images(np.zeros((3, 10)))
    with pytest.raises(ValueError, match="fraction"):
        split_validation(flat, np.arange(5), 1.5)
