"""Training the Keras autoencoders: the starter's ``model.fit``, and the same algorithm as one graph per epoch."""
import time
from dataclasses import dataclass

import numpy as np

from .models import _seed
from ..validation import check_nonnegative_number, check_positive_int, check_positive_number

LOSSES = {"binary_crossentropy": "binary_crossentropy", "mse": "mean_squared_error"}  # ours: Keras's names
LR_SCHEDULES = ("constant", "cosine")
# model.fit runs this many mini-batches per call into TensorFlow: the same updates, bit for bit (tested),
# in about half the time at the starter's batch of 32, where each call costs more than the step itself.
STEPS_PER_EXECUTION = 64


def _prepare(x_in, x_target, epochs, batch_size, learning_rate, loss, lr_schedule, warmup_epochs):
    """The arguments checked -> ``(x_in, x_target, steps per epoch, Adam's learning rate or schedule)``."""
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
    x_in, x_target = np.asarray(x_in, dtype="float32"), np.asarray(x_target, dtype="float32")
    if x_in.shape != x_target.shape or x_in.ndim != 2 or len(x_in) == 0:
        raise ValueError("x_in and x_target must be non-empty (n, d) arrays of the same shape, "
                         f"got {x_in.shape} and {x_target.shape}")
    steps = int(np.ceil(len(x_in) / batch_size))
    return x_in, x_target, steps, learning_rate_schedule(learning_rate, lr_schedule, steps, epochs, warmup_epochs)


def learning_rate_schedule(learning_rate, lr_schedule, steps_per_epoch, epochs, warmup_epochs=0):
    """Adam's step size: constant, or ``"cosine"``: warm-up from 5 % (at most half the run), cosine decay to 0."""
    import keras

    if lr_schedule == "constant":
        return learning_rate
    total = steps_per_epoch * epochs
    warm = min(int(round(warmup_epochs * steps_per_epoch)), total // 2)  # (0: CosineDecay's defaults, no warm-up)
    return keras.optimizers.schedules.CosineDecay(0.05 * learning_rate if warm else learning_rate, total - warm,
                                                  warmup_target=learning_rate if warm else None, warmup_steps=warm)


def train_autoencoder(model, x_in, x_target, *, epochs, batch_size=32, learning_rate=1e-3, lr_schedule="constant",
                      warmup_epochs=0, loss="binary_crossentropy", validation_data=None, seed=0):
    """The starter's ``model.compile(Adam, loss)`` and ``model.fit`` on (n, 784) rows -> ``(history, seconds)``."""
    import keras

    x_in, x_target, _, rate = _prepare(x_in, x_target, epochs, batch_size, learning_rate, loss, lr_schedule,
                                       warmup_epochs)
    _seed(seed)
    model.compile(optimizer=keras.optimizers.Adam(rate), loss=LOSSES[loss], steps_per_execution=STEPS_PER_EXECUTION)
    clock = []
    timer = keras.callbacks.LambdaCallback(
        on_epoch_begin=lambda epoch, logs: clock.append(time.perf_counter()),
        on_epoch_end=lambda epoch, logs: clock.append(time.perf_counter() - clock.pop()))
    start = time.perf_counter()
    history = model.fit(x_in, x_target, epochs=epochs, batch_size=batch_size, shuffle=True,
                        validation_data=validation_data, callbacks=[timer], verbose=0)
    seconds = time.perf_counter() - start
    out = {k: [float(v) for v in history.history[k]] for k in ("loss", "val_loss") if k in history.history}
    return {**out, "epoch_seconds": clock}, seconds


def train_fast(model, x_in, x_target, *, epochs, batch_size=256, learning_rate=1e-3, lr_schedule="constant",
               warmup_epochs=0, loss="mse", validation_data=None, seed=0):
    """:func:`train_autoencoder`'s training with the images resident, each epoch ONE graph (``fit`` returns to Python
    between groups of steps and rebuilds a ``tf.data`` pipeline each epoch, a large part of an epoch here)."""
    import keras
    import tensorflow as tf

    x_in, x_target, steps, rate = _prepare(x_in, x_target, epochs, batch_size, learning_rate, loss, lr_schedule,
                                           warmup_epochs)
    n, seed = len(x_in), 0 if seed is None else int(seed)  # as train_autoencoder
    optimizer = keras.optimizers.Adam(rate)
    optimizer.build(model.trainable_variables)
    loss_fn = keras.losses.get(LOSSES[loss])
    variables = model.trainable_variables
    x_in_t = tf.constant(x_in)
    same = x_target is x_in or np.array_equal(x_target, x_in)  # an autoencoder's target is usually its input
    x_target_t = x_in_t if same else tf.constant(x_target)

    @tf.function
    def epoch_graph(epoch):
        order = tf.random.experimental.stateless_shuffle(tf.range(n), seed=tf.stack([seed, epoch]))
        total = tf.constant(0.0)
        for i in tf.range(steps):
            rows = order[i * batch_size:(i + 1) * batch_size]
            batch = tf.gather(x_in_t, rows)
            target = batch if same else tf.gather(x_target_t, rows)
            with tf.GradientTape() as tape:
                value = tf.reduce_mean(loss_fn(target, model(batch, training=True)))
            optimizer.apply(tape.gradient(value, variables), variables)
            total += value * tf.cast(tf.shape(rows)[0], tf.float32)
        return total / n

    @tf.function
    def evaluate(x, target):
        return tf.reduce_mean(loss_fn(target, model(x, training=False)))

    val = validation_data and [tf.constant(np.asarray(v, dtype="float32")) for v in validation_data]
    history = {"loss": [], "epoch_seconds": [], **({"val_loss": []} if val else {})}
    start = time.perf_counter()
    for epoch in range(epochs):
        tick = time.perf_counter()
        history["loss"].append(float(epoch_graph(tf.constant(epoch))))
        if val:
            history["val_loss"].append(float(evaluate(*val)))
        history["epoch_seconds"].append(time.perf_counter() - tick)
    return history, time.perf_counter() - start


def reconstruct(model, x, batch_size=4096):
    """``model`` applied to ``x`` (n, 784) -> float32 (n, out), in batches (eagerly: no progress output)."""
    x = np.asarray(x, dtype="float32")
    return np.concatenate([np.asarray(model(x[i:i + batch_size], training=False))
                           for i in range(0, len(x), batch_size)])


def dead_relu_units(model, x):
    """``{ReLU layer name: [units]}``: the units 0 on every row of x (n, 784), so without gradient (2(a)'s reason)."""
    from keras import Model

    names = [layer.name for layer in model.layers
             if hasattr(layer, "units") and getattr(layer.activation, "__name__", "") == "relu"]
    probe = Model(model.inputs[0], {name: model.get_layer(name).output for name in names})
    x = np.asarray(x, dtype="float32")
    peak = dict.fromkeys(names, 0.0)
    for i in range(0, len(x), 4096):
        for name, out in probe(x[i:i + 4096], training=False).items():
            peak[name] = np.maximum(peak[name], np.asarray(out).max(axis=0))
    return {name: np.flatnonzero(peak[name] <= 0).tolist() for name in names}


@dataclass
class TrainedAutoencoder:
    """One trained model: errors ``{"train", "test"}``, test reconstructions (n_test, 784), dead units after/before."""

    model: object
    encoder: object
    history: dict
    seconds: float
    errors: dict
    test_hat: np.ndarray
    settings: dict
    dead: dict
    dead_init: dict

    def __post_init__(self):
        self.train_mse, self.test_mse = (self.errors[k]["mse_per_pixel"] for k in ("train", "test"))

    def record(self, **extra):
        """JSON-ready summary: sizes, settings, errors, fit time, loss per epoch, dead units, ``extra``."""
        return {"n_params": int(self.model.count_params()), **self.settings,
                "epochs_run": len(self.history["loss"]), "fit_seconds": round(float(self.seconds), 2),
                "train": self.errors["train"], "test": self.errors["test"],
                "history": {k: v for k, v in self.history.items() if k in ("loss", "val_loss")},
                "dead_units": self.dead, "dead_units_at_init": self.dead_init, **extra}


def run_autoencoder(name, built, x_in, x_target, x_test_in, x_test, *, epochs, fast=True, validation_data=None,
                    **settings):
    """Train ``built`` = ``(autoencoder, encoder)``, evaluate it, print one line -> :class:`TrainedAutoencoder`."""
    from .metrics import squared_errors

    model, encoder = built
    dead_init = dead_relu_units(model, x_test_in)
    history, seconds = (train_fast if fast else train_autoencoder)(model, x_in, x_target, epochs=epochs,
                                                                   validation_data=validation_data, **settings)
    test_hat = reconstruct(model, x_test_in)
    errors = {"train": squared_errors(x_target, reconstruct(model, x_in)), "test": squared_errors(x_test, test_hat)}
    run = TrainedAutoencoder(model, encoder, history, seconds, errors, test_hat,
                             {"epochs": epochs, "path": "fast" if fast else "fit", **settings},
                             dead_relu_units(model, x_test_in), dead_init)
    val = f", validation loss {history['val_loss'][-1]:.5f}" if history.get("val_loss") else ""
    print(f"{name}: {epochs} epochs, {seconds:.0f} s; final training loss {history['loss'][-1]:.5f}{val}; "
          f"test MSE {run.test_mse:.5f}")
    return run
