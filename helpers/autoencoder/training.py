"""Training the Keras autoencoders: the starter's ``model.fit``, and the same algorithm one compiled graph per epoch.

* :func:`train_autoencoder` -- ``model.compile`` + ``model.fit``, as the starter does (the starter's runs).
* :func:`train_fast` -- ``fit`` rebuilds a ``tf.data`` pipeline every epoch and returns to Python between
  groups of steps, a large part of an epoch for these small dense models (``make bench`` measures both);
  ``train_fast`` keeps the images resident as one tensor and runs an epoch as ONE compiled graph (a
  stateless shuffle, then a ``tf.range`` loop of ``GradientTape`` steps and Adam's ``apply``).  No Keras
  callbacks or ``History``; it returns the per-epoch loss and validation loss, all the notebook uses.

:func:`run_autoencoder` trains one model either way, evaluates it and returns a :class:`TrainedAutoencoder`.
"""
import time
from dataclasses import dataclass, field

import numpy as np

from .models import _seed
from ..validation import check_nonnegative_number, check_positive_int, check_positive_number

LOSSES = {"binary_crossentropy": "binary_crossentropy", "mse": "mean_squared_error"}  # ours: Keras's names
LR_SCHEDULES = ("constant", "cosine")
# model.fit runs this many mini-batches per call into TensorFlow: the same updates, bit for bit (tested),
# in about half the time at the starter's batch of 32, where each call costs more than the step itself.
STEPS_PER_EXECUTION = 64


def _check(x_in, x_target, epochs, batch_size, learning_rate, loss, lr_schedule, warmup_epochs):
    epochs = check_positive_int(epochs, "epochs")
    batch_size = check_positive_int(batch_size, "batch_size")
    learning_rate = check_positive_number(learning_rate, "learning_rate")
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {sorted(LOSSES)}, got {loss!r}")
    if lr_schedule not in LR_SCHEDULES:
        raise ValueError(f"lr_schedule must be one of {LR_SCHEDULES}, got {lr_schedule!r}")
    warmup_epochs = check_nonnegative_number(warmup_epochs, "warmup_epochs")
    if warmup_epochs and lr_schedule != "cosine":
        raise ValueError("warmup_epochs needs lr_schedule='cosine'")
    x_in = np.asarray(x_in, dtype="float32")
    x_target = np.asarray(x_target, dtype="float32")
    if x_in.shape != x_target.shape or x_in.ndim != 2 or len(x_in) == 0:
        raise ValueError("x_in and x_target must be non-empty (n, d) arrays of the same shape, "
                         f"got {x_in.shape} and {x_target.shape}")
    return x_in, x_target, epochs, batch_size, learning_rate, warmup_epochs


def learning_rate_schedule(learning_rate, lr_schedule, steps_per_epoch, epochs, warmup_epochs=0):
    """Adam's step size: a constant, or (``"cosine"``) linear warm-up from 5 % then cosine decay to 0.

    The warm-up lasts ``warmup_epochs`` epochs, at most half the run.
    """
    import keras

    if lr_schedule == "constant":
        return learning_rate
    total = steps_per_epoch * epochs
    warm = min(int(round(warmup_epochs * steps_per_epoch)), total // 2)
    if warm:
        return keras.optimizers.schedules.CosineDecay(0.05 * learning_rate, decay_steps=total - warm,
                                                      warmup_target=learning_rate, warmup_steps=warm)
    return keras.optimizers.schedules.CosineDecay(learning_rate, decay_steps=total)


def train_autoencoder(model, x_in, x_target, *, epochs, batch_size=32, learning_rate=1e-3, lr_schedule="constant",
                      warmup_epochs=0, loss="binary_crossentropy", validation_data=None, seed=0):
    """``model.compile(Adam, loss)`` and ``model.fit(x_in, x_target)``; return ``(history, seconds)``.

    The defaults are the starter's: Adam at 0.001, binary cross-entropy, batch 32 (``STEPS_PER_EXECUTION``
    changes how often Python is visited, not the training).  x_in, x_target:
    (n, 784) float32; ``validation_data`` = ``(x_val_in, x_val_target)`` adds ``val_loss``.  Keras
    prints nothing (``verbose=0``); ``history`` is ``{"loss": [...], "val_loss": [...]}`` per epoch
    (plus ``"epoch_seconds"``, each epoch's wall time) and ``seconds`` the wall time of ``fit``.
    """
    import keras

    x_in, x_target, epochs, batch_size, learning_rate, warmup_epochs = _check(
        x_in, x_target, epochs, batch_size, learning_rate, loss, lr_schedule, warmup_epochs)
    steps = int(np.ceil(len(x_in) / batch_size))
    rate = learning_rate_schedule(learning_rate, lr_schedule, steps, epochs, warmup_epochs)
    _seed(seed)
    model.compile(optimizer=keras.optimizers.Adam(rate), loss=LOSSES[loss], steps_per_execution=STEPS_PER_EXECUTION)
    clock = []
    timer = keras.callbacks.LambdaCallback(on_epoch_begin=lambda epoch, logs: clock.append(time.perf_counter()),
                                           on_epoch_end=lambda epoch, logs: clock.append(time.perf_counter() - clock.pop()))
    start = time.perf_counter()
    history = model.fit(x_in, x_target, epochs=epochs, batch_size=batch_size, shuffle=True,
                        validation_data=validation_data, callbacks=[timer], verbose=0)
    seconds = time.perf_counter() - start
    out = {k: [float(v) for v in history.history[k]] for k in ("loss", "val_loss") if k in history.history}
    return {**out, "epoch_seconds": clock}, seconds


def train_fast(model, x_in, x_target, *, epochs, batch_size=256, learning_rate=1e-3, lr_schedule="constant",
               warmup_epochs=0, loss="mse", validation_data=None, seed=0):
    """The same training as :func:`train_autoencoder`, one compiled graph per epoch; ``(history, seconds)``.

    Adam (with :func:`learning_rate_schedule`) on mini-batches of a fresh random order every epoch
    (``stateless_shuffle`` seeded by ``(seed, epoch)``, so a rerun with the same seed on the same
    machine repeats every step); the last mini-batch of an epoch is the remainder, as in ``fit``.
    ``history["loss"]`` is the mean training loss over each epoch's mini-batches (weighted by their
    size, as ``fit`` reports it); ``history["val_loss"]`` the loss on ``validation_data`` after it;
    ``history["epoch_seconds"]`` each epoch's wall time (the first includes compiling the graph).
    """
    import keras
    import tensorflow as tf

    x_in, x_target, epochs, batch_size, learning_rate, warmup_epochs = _check(
        x_in, x_target, epochs, batch_size, learning_rate, loss, lr_schedule, warmup_epochs)
    n = len(x_in)
    steps = int(np.ceil(n / batch_size))
    seed = 0 if seed is None else int(seed)
    optimizer = keras.optimizers.Adam(learning_rate_schedule(learning_rate, lr_schedule, steps, epochs, warmup_epochs))
    optimizer.build(model.trainable_variables)
    loss_fn = keras.losses.get(LOSSES[loss])
    variables = model.trainable_variables
    x_in_t = tf.constant(x_in)
    same = x_target is x_in or np.array_equal(x_target, x_in)  # an autoencoder's target is usually its input
    x_target_t = x_in_t if same else tf.constant(x_target)

    def batch_loss(target, out):
        return tf.reduce_mean(loss_fn(target, out))

    @tf.function
    def epoch_graph(epoch):
        order = tf.random.experimental.stateless_shuffle(tf.range(n), seed=tf.stack([seed, epoch]))
        total = tf.constant(0.0)
        for i in tf.range(steps):
            rows = order[i * batch_size:(i + 1) * batch_size]
            batch = tf.gather(x_in_t, rows)
            target = batch if same else tf.gather(x_target_t, rows)
            with tf.GradientTape() as tape:
                value = batch_loss(target, model(batch, training=True))
            optimizer.apply(tape.gradient(value, variables), variables)
            total += value * tf.cast(tf.shape(rows)[0], tf.float32)
        return total / n

    @tf.function
    def evaluate(x, target):
        return batch_loss(target, model(x, training=False))

    history = {"loss": [], "epoch_seconds": []}
    if validation_data is not None:
        x_val = tf.constant(np.asarray(validation_data[0], dtype="float32"))
        t_val = tf.constant(np.asarray(validation_data[1], dtype="float32"))
        history["val_loss"] = []
    start = time.perf_counter()
    for epoch in range(epochs):
        tick = time.perf_counter()
        history["loss"].append(float(epoch_graph(tf.constant(epoch))))
        if validation_data is not None:
            history["val_loss"].append(float(evaluate(x_val, t_val)))
        history["epoch_seconds"].append(time.perf_counter() - tick)
    return history, time.perf_counter() - start


def reconstruct(model, x, batch_size=4096):
    """``model`` applied to ``x`` (n, 784) -> float32 (n, out), in batches (eagerly: no progress output)."""
    from keras import ops

    x = np.asarray(x, dtype="float32")
    return np.concatenate([ops.convert_to_numpy(model(x[i:i + batch_size], training=False))
                           for i in range(0, len(x), batch_size)])


def dead_relu_units(model, x, batch_size=4096):
    """For each ReLU Dense layer of ``model``: the units that output 0 for every input in x (n, 784).

    Returns ``{layer name: [unit numbers]}`` (numbered from 0, as in the weight grids).  A unit that is 0 for all inputs gets no gradient (the ReLU's
    derivative is 0 there), so it has stopped learning -- Problem 2(a)'s first reason, in a Keras model.
    """
    from keras import Model

    relu_layers = [layer for layer in model.layers
                   if hasattr(layer, "units") and getattr(layer.activation, "__name__", "") == "relu"]
    if not relu_layers:
        return {}
    probe = Model(model.inputs[0], [layer.output for layer in relu_layers])
    x = np.asarray(x, dtype="float32")
    peak = [np.zeros(layer.units) for layer in relu_layers]
    for i in range(0, len(x), batch_size):
        outs = probe(x[i:i + batch_size], training=False)
        for k, out in enumerate(outs if isinstance(outs, (list, tuple)) else [outs]):
            peak[k] = np.maximum(peak[k], np.asarray(out).max(axis=0))
    return {layer.name: np.flatnonzero(p <= 0).tolist() for layer, p in zip(relu_layers, peak)}


@dataclass
class TrainedAutoencoder:
    """One trained model and what the notebook shows about it.

    ``errors`` = ``{"train": ..., "test": ...}`` squared errors (:func:`helpers.autoencoder.squared_errors`),
    ``test_hat`` the test reconstructions (n_test, 784), ``history`` the loss per epoch,
    ``settings`` how it was trained, ``dead`` / ``dead_init`` the dead ReLU units per layer on the test
    inputs after training / at initialisation (:func:`dead_relu_units`).
    """

    name: str
    model: object
    encoder: object
    history: dict
    seconds: float
    errors: dict
    test_hat: np.ndarray
    settings: dict
    dead: dict = field(default_factory=dict)
    dead_init: dict = field(default_factory=dict)

    @property
    def test_mse(self):
        return self.errors["test"]["mse_per_pixel"]

    @property
    def train_mse(self):
        return self.errors["train"]["mse_per_pixel"]

    def record(self, **extra):
        """JSON-ready summary: sizes, settings, errors, fit time, loss per epoch, dead units, ``extra``."""
        return {"n_params": int(self.model.count_params()), **self.settings,
                "epochs_run": len(self.history["loss"]), "fit_seconds": round(float(self.seconds), 2),
                "train": self.errors["train"], "test": self.errors["test"],
                "history": {k: v for k, v in self.history.items() if k in ("loss", "val_loss")},
                "dead_units": self.dead, "dead_units_at_init": self.dead_init, **extra}


def run_autoencoder(name, built, x_in, x_target, x_test_in, x_test, *, epochs, fast=True, validation_data=None,
                    verbose=True, **settings):
    """Train ``built`` = ``(autoencoder, encoder)``, evaluate it and print one line; return a :class:`TrainedAutoencoder`.

    ``fast=True`` trains with :func:`train_fast`, ``False`` with ``model.fit`` (:func:`train_autoencoder`);
    ``settings``: batch_size, learning_rate, lr_schedule, warmup_epochs, loss, seed.  Errors: of the
    reconstructions of ``x_in`` against ``x_target`` (training) and of ``x_test_in`` against ``x_test``.
    """
    from .metrics import squared_errors

    model, encoder = built
    dead_init = dead_relu_units(model, x_test_in)
    train = train_fast if fast else train_autoencoder
    history, seconds = train(model, x_in, x_target, epochs=epochs, validation_data=validation_data, **settings)
    test_hat = reconstruct(model, x_test_in)
    errors = {"train": squared_errors(x_target, reconstruct(model, x_in)), "test": squared_errors(x_test, test_hat)}
    run = TrainedAutoencoder(name, model, encoder, history, seconds, errors, test_hat,
                             {"epochs": epochs, "path": "fast" if fast else "fit", **settings},
                             dead_relu_units(model, x_test_in), dead_init)
    if verbose:
        val = f", validation loss {history['val_loss'][-1]:.5f}" if history.get("val_loss") else ""
        print(f"{name}: {epochs} epochs, {seconds:.0f} s; final training loss {history['loss'][-1]:.5f}{val}; "
              f"test MSE {run.test_mse:.5f}")
    return run
