"""Problem 2: the Keras builders, noise, data preparation; model.fit and the fast path train the same way."""
import numpy as np
import pytest

from helpers.autoencoder import training
from helpers.autoencoder.models import (add_noise, build_deep_autoencoder, build_shallow_autoencoder,
                                        first_layer_weights, last_layer_weights, prepare_images, split_validation)
from helpers.autoencoder.training import (dead_relu_units, learning_rate_schedule, reconstruct, run_autoencoder,
                                          train_autoencoder, train_fast)


@pytest.mark.parametrize("build, widths, n_params", [
    (build_shallow_autoencoder, lambda c: [784, c, 784], 50992),
    (build_deep_autoencoder, lambda c: [784, 128, c, 128, 784], 209968)])
def test_builders_layers_parameter_counts_and_seeds(build, widths, n_params):
    """Catches another architecture, activation, code size or encoder than the starter's, or a seed not used."""
    assert build(32)[0].count_params() == n_params
    auto, enc = build(2)
    w = widths(2)
    assert [layer.units for layer in auto.layers[1:]] == w[1:]
    assert [layer.activation.__name__ for layer in auto.layers[1:]] == ["relu"] * (len(w) - 2) + ["sigmoid"]
    assert auto.count_params() == sum((a + 1) * b for a, b in zip(w, w[1:]))
    assert tuple(auto.input_shape) == tuple(auto.output_shape) == (None, 784) and tuple(enc.output_shape) == (None, 2)
    assert first_layer_weights(auto).shape == (784, w[1]) and last_layer_weights(auto).shape == (w[-2], 784)
    a, b, c = (build(8, seed=seed)[0].get_weights() for seed in (3, 3, 4))
    assert all(np.array_equal(u, v) for u, v in zip(a, b)) and not np.array_equal(a[0], c[0])


@pytest.mark.parametrize("bad", [0, -3, 2.5, "32", None, True])
@pytest.mark.parametrize("build, name", [
    (build_shallow_autoencoder, "code_size"), (build_deep_autoencoder, "code_size"),
    (lambda bad: build_deep_autoencoder(32, hidden=bad), "hidden")])
def test_builders_reject_bad_sizes(build, name, bad):
    with pytest.raises(ValueError, match=name):
        build(bad)


def test_add_noise_is_clipped_reproducible_and_gaussian():
    x = np.full((200, 784), 0.5, dtype="float32")
    noisy = add_noise(x, 0.2, seed=1)
    assert noisy.dtype == np.float32 and noisy.shape == x.shape and noisy.min() >= 0 and noisy.max() <= 1
    assert np.array_equal(noisy, add_noise(x, 0.2, seed=1)) and not np.array_equal(noisy, add_noise(x, 0.2, seed=2))
    assert abs(float(np.std(noisy - x)) - 0.2) < 0.01  # at 0.5 the clipping (2.5 sigma) hardly matters
    assert np.array_equal(add_noise(x, 0.0), x)
    with pytest.raises(ValueError, match="noise_factor"):
        add_noise(x, -0.1)


def test_prepare_images_and_validation_split():
    x = np.arange(5 * 784, dtype=np.uint8).reshape(5, 28, 28)
    flat = prepare_images(x)
    assert flat.shape == (5, 784) and flat.dtype == np.float32 and flat[0, 1] == pytest.approx(1 / 255)
    xf, yf, xv, yv = split_validation(flat, np.arange(5), 0.2)
    assert len(xf) == 4 and len(xv) == 1 and yv.tolist() == [4] and np.array_equal(xv[0], flat[4])
    with pytest.raises(ValueError, match="784"):
        prepare_images(np.zeros((3, 10)))
    with pytest.raises(ValueError, match="fraction"):
        split_validation(flat, np.arange(5), 1.5)


def _data(n, seed=0):
    return np.random.default_rng(seed).uniform(0, 1, (n, 784)).astype("float32")


def _same_weights(a, b):
    return all(np.array_equal(u, v) for u, v in zip(a.get_weights(), b.get_weights()))


def test_fast_path_matches_fit_step_for_step_on_full_batches():
    """One mini-batch per epoch (the order of rows cannot matter): both paths take the same Adam steps."""
    x = _data(64)
    (a, _), (b, _) = build_shallow_autoencoder(8, seed=0), build_shallow_autoencoder(8, seed=0)
    settings = dict(epochs=4, batch_size=64, learning_rate=0.01, lr_schedule="cosine", warmup_epochs=1, loss="mse")
    ha, _ = train_autoencoder(a, x, x, validation_data=(x, x), **settings)
    hb, _ = train_fast(b, x, x, validation_data=(x, x), **settings)
    for u, v in zip(a.get_weights(), b.get_weights()):
        assert np.allclose(u, v, atol=2e-5), np.abs(u - v).max()
    assert np.allclose(ha["loss"], hb["loss"], rtol=1e-4) and np.allclose(ha["val_loss"], hb["val_loss"], rtol=1e-4)
    assert hb["loss"][-1] < hb["loss"][0]


def test_fast_path_is_reproducible_and_shuffles_by_seed():
    x = _data(200)
    runs = []
    for seed in (0, 0, 1):
        model, _ = build_deep_autoencoder(4, hidden=16, seed=0)
        history, seconds = train_fast(model, x, x, epochs=3, batch_size=32, learning_rate=3e-3, seed=seed)
        assert len(history["loss"]) == 3 and "val_loss" not in history and seconds > 0
        runs.append(model)
    assert _same_weights(runs[0], runs[1]) and not _same_weights(runs[0], runs[2])  # another order of mini-batches


def test_fast_path_reports_size_weighted_epoch_loss_and_validation():
    x, v = _data(100), _data(30, seed=1)
    model, _ = build_shallow_autoencoder(4, seed=0)
    history, _ = train_fast(model, x, x, epochs=2, batch_size=64, learning_rate=1e-12, validation_data=(v, v))
    # a step size of 1e-12 leaves the weights as they are: the epoch loss is the mean over all 100 rows
    assert history["loss"][1] == pytest.approx(np.mean((reconstruct(model, x) - x) ** 2), rel=1e-4)
    assert history["val_loss"][1] == pytest.approx(np.mean((reconstruct(model, v) - v) ** 2), rel=1e-4)


@pytest.mark.parametrize("train", [train_fast, train_autoencoder])
@pytest.mark.parametrize("bad, says", [({"lr_schedule": "constant", "warmup_epochs": 1}, "warmup_epochs"),
                                       ({"loss": "hinge"}, "loss"), ({"x_target": _data(10)}, "same shape"),
                                       ({"epochs": 0}, "epochs")])
def test_training_checks_its_arguments(train, bad, says):
    with pytest.raises(ValueError, match=says):
        train(build_shallow_autoencoder(4, seed=0)[0], **{"x_in": _data(32), "x_target": _data(32), "epochs": 1, **bad})


def test_learning_rate_schedule_warms_up_then_decays_to_zero():
    assert learning_rate_schedule(1e-3, "constant", 10, 5) == 1e-3
    rate = learning_rate_schedule(0.01, "cosine", steps_per_epoch=10, epochs=10, warmup_epochs=2)
    values = [float(rate(step)) for step in (0, 10, 20, 60, 100)]
    assert values[0] == pytest.approx(0.0005) and values[1] < values[2] == pytest.approx(0.01)
    assert values[2] > values[3] > values[4] and values[4] == pytest.approx(0, abs=1e-8)


def test_run_autoencoder_evaluates_and_records():
    x, t = _data(120), _data(40, seed=2)
    run = run_autoencoder("tiny", build_deep_autoencoder(4, hidden=8, seed=0), x, x, t, t, epochs=2, fast=True,
                          validation_data=(t, t), batch_size=32, learning_rate=1e-3, loss="mse")
    assert run.test_hat.shape == (40, 784)
    assert run.test_mse == pytest.approx(np.mean((reconstruct(run.model, t) - t) ** 2), rel=1e-5)
    rec = run.record(extra=1)
    assert rec["epochs_run"] == 2 and rec["path"] == "fast" and rec["n_params"] == run.model.count_params()
    assert rec["dead_units"] == run.dead and rec["dead_units_at_init"] == run.dead_init and rec["extra"] == 1
    assert set(run.dead_init) == set(run.dead) == {"encoder_hidden", "code", "decoder_hidden"}
    assert set(rec["history"]) == {"loss", "val_loss"} and len(run.history["epoch_seconds"]) == 2


def test_dead_relu_units_names_the_dead_units():
    model, _ = build_deep_autoencoder(4, hidden=8, seed=0)
    W, b = model.get_layer("encoder_hidden").get_weights()
    W[:, [1, 5]], b[[1, 5]] = -1.0, -1.0  # units 1 and 5 can never fire on inputs in [0, 1]
    model.get_layer("encoder_hidden").set_weights([W, b])
    dead = dead_relu_units(model, _data(300))
    assert list(dead) == ["encoder_hidden", "code", "decoder_hidden"] and {1, 5} <= set(dead["encoder_hidden"])
    out = reconstruct(model, _data(300), batch_size=128)
    assert out.shape == (300, 784) and np.allclose(out, model.predict(_data(300), verbose=0), atol=1e-6)


def test_fit_groups_steps_without_changing_them():
    """train_autoencoder's steps_per_execution (with a remainder batch) gives exactly plain model.fit's weights."""
    import keras

    x = _data(32 * 5 + 7)
    assert training.STEPS_PER_EXECUTION > 1
    (a, _), (b, _) = build_shallow_autoencoder(8, seed=0), build_shallow_autoencoder(8, seed=0)
    ha, _ = train_autoencoder(a, x, x, epochs=2, validation_data=(x, x), seed=0)
    keras.utils.set_random_seed(0)
    b.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy")
    hb = b.fit(x, x, epochs=2, batch_size=32, shuffle=True, validation_data=(x, x), verbose=0).history
    assert _same_weights(a, b) and ha["loss"] == hb["loss"] and ha["val_loss"] == hb["val_loss"]
