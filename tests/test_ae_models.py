"""Problem 2: the Keras builders, the noise and the data preparation."""
import numpy as np
import pytest

from helpers.autoencoder.models import (IMAGE_SHAPE, INPUT_DIM, add_noise, build_deep_autoencoder,
                                        build_shallow_autoencoder, first_layer_weights, last_layer_weights,
                                        prepare_images, split_validation)


def test_shallow_builder_shapes_and_parameter_count():
    auto, enc = build_shallow_autoencoder(32)
    assert tuple(auto.input_shape) == (None, 784) and tuple(auto.output_shape) == (None, 784)
    assert tuple(enc.output_shape) == (None, 32)
    assert auto.count_params() == 784 * 32 + 32 + 32 * 784 + 784 == 50992
    assert enc.count_params() == 784 * 32 + 32
    assert [layer.activation.__name__ for layer in auto.layers[1:]] == ["relu", "sigmoid"]
    assert build_shallow_autoencoder(2)[0].count_params() == 3922
    assert first_layer_weights(auto).shape == (784, 32) and last_layer_weights(auto).shape == (32, 784)


def test_deep_builder_shapes_and_parameter_count():
    auto, enc = build_deep_autoencoder(32, hidden=128)
    assert tuple(auto.output_shape) == (None, 784) and tuple(enc.output_shape) == (None, 32)
    assert auto.count_params() == (784 * 128 + 128) + (128 * 32 + 32) + (32 * 128 + 128) + (128 * 784 + 784) == 209968
    assert [(layer.units, layer.activation.__name__) for layer in auto.layers[1:]] == [
        (128, "relu"), (32, "relu"), (128, "relu"), (784, "sigmoid")]
    assert IMAGE_SHAPE == (28, 28) and INPUT_DIM == 784


@pytest.mark.parametrize("bad", [0, -3, 2.5, "32", None, True])
def test_builders_reject_bad_code_size(bad):
    with pytest.raises(ValueError, match="code_size"):
        build_shallow_autoencoder(bad)
    with pytest.raises(ValueError, match="code_size"):
        build_deep_autoencoder(bad)


def test_deep_builder_rejects_bad_hidden():
    with pytest.raises(ValueError, match="hidden"):
        build_deep_autoencoder(32, hidden=0)


def test_seeded_builders_are_reproducible():
    a, _ = build_shallow_autoencoder(8, seed=3)
    b, _ = build_shallow_autoencoder(8, seed=3)
    c, _ = build_shallow_autoencoder(8, seed=4)
    assert all(np.array_equal(u, v) for u, v in zip(a.get_weights(), b.get_weights()))
    assert not np.array_equal(a.get_weights()[0], c.get_weights()[0])


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
