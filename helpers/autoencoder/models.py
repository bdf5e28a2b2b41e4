"""Keras autoencoders of Problem 2 (b), (c): builders, noise, data preparation and training.

Architectures are the starter notebook's (Keras functional API: ``Input``, ``Dense``, ``Model``):

* shallow:  784 -> Dense(code_size, relu) -> Dense(784, sigmoid)
* deep:     784 -> Dense(hidden, relu) -> Dense(code_size, relu) -> Dense(hidden, relu) -> Dense(784, sigmoid)
* denoising: the deep model, trained on noisy inputs (:func:`add_noise`) against clean targets.

Images are rows of 784 = 28 x 28 pixel intensities in [0, 1] (float32).  Keras is imported
lazily, inside the functions, so ``import helpers`` stays fast for the numpy-only parts.
"""
import time

import numpy as np

from ..validation import check_nonnegative_number, check_positive_int, check_positive_number

IMAGE_SHAPE = (28, 28)
INPUT_DIM = IMAGE_SHAPE[0] * IMAGE_SHAPE[1]  # 784
LOSSES = {"binary_crossentropy": "binary_crossentropy", "bce": "binary_crossentropy",
          "mse": "mean_squared_error", "mean_squared_error": "mean_squared_error"}
LR_SCHEDULES = ("constant", "cosine")


def prepare_images(x):
    """uint8 images (n, 28, 28) in 0..255 -> float32 rows (n, 784) in [0, 1] (as the starter does)."""
    x = np.asarray(x)
    if x.ndim < 2 or x.shape[0] == 0 or int(np.prod(x.shape[1:])) != INPUT_DIM:
        raise ValueError(f"x must hold n images of 28 x 28 = {INPUT_DIM} pixels, got shape {x.shape}")
    return (x.astype("float32") / 255.0).reshape(len(x), INPUT_DIM)


def split_validation(x, y, fraction=0.1):
    """Hold out the last ``fraction`` of the rows as a validation set (the test set stays untouched).

    x: (n, 784), y: (n,) -> ``(x_fit, y_fit, x_val, y_val)`` with ``round(fraction * n)`` validation
    rows (at least 1).  Fashion-MNIST's training set is in random class order, so the last rows are a
    fair sample; Keras's ``validation_split`` holds out the same rows.
    """
    fraction = check_positive_number(fraction, "fraction")
    if fraction >= 1:
        raise ValueError(f"fraction must be < 1, got {fraction!r}")
    n = len(x)
    if len(y) != n:
        raise ValueError(f"x and y must have the same number of rows, got {n} and {len(y)}")
    n_val = max(1, int(round(fraction * n)))
    if n_val >= n:
        raise ValueError(f"fraction={fraction} leaves no training rows out of {n}")
    return x[:-n_val], y[:-n_val], x[-n_val:], y[-n_val:]


def add_noise(x, noise_factor=0.20, seed=0):
    """Gaussian corruption as in the starter: ``clip(x + noise_factor * N(0, 1), 0, 1)``.

    x: (n, 784) float in [0, 1] -> float32 (n, 784).  ``seed`` makes the noise reproducible
    (a numpy ``default_rng``); use different seeds for the training and the test set.
    """
    noise_factor = check_nonnegative_number(noise_factor, "noise_factor")
    x = np.asarray(x, dtype="float32")
    rng = np.random.default_rng(seed)
    noisy = x + np.float32(noise_factor) * rng.standard_normal(x.shape, dtype="float32")
    return np.clip(noisy, 0.0, 1.0, out=noisy)


def _seed(seed):
    if seed is not None:
        import keras
        keras.utils.set_random_seed(int(seed))


def build_shallow_autoencoder(code_size=32, input_dim=INPUT_DIM, seed=None):
    """The starter's shallow autoencoder: input_dim -> Dense(code_size, relu) -> Dense(input_dim, sigmoid).

    Returns ``(autoencoder, encoder)``: Keras models mapping (n, input_dim) -> (n, input_dim) and
    (n, input_dim) -> (n, code_size), sharing layers.  Parameters:
    ``input_dim*code_size + code_size + code_size*input_dim + input_dim`` (50,992 for 784 and 32).
    ``seed`` (optional) seeds Python, numpy and TensorFlow before the weights are drawn.
    """
    code_size = check_positive_int(code_size, "code_size")
    input_dim = check_positive_int(input_dim, "input_dim")
    _seed(seed)
    from keras import Input, Model
    from keras.layers import Dense

    x = Input(shape=(input_dim,), name="image")
    code = Dense(code_size, activation="relu", name="code")(x)
    out = Dense(input_dim, activation="sigmoid", name="reconstruction")(code)
    return Model(x, out, name=f"shallow_{code_size}"), Model(x, code, name=f"shallow_{code_size}_encoder")


def build_deep_autoencoder(code_size=32, hidden=128, input_dim=INPUT_DIM, seed=None):
    """The starter's deep autoencoder: input_dim -> hidden -> code_size -> hidden -> input_dim.

    ReLU on the three inner layers, sigmoid on the output.  Returns ``(autoencoder, encoder)``
    (encoder: (n, input_dim) -> (n, code_size)).  With 784, 128, 32: 209,968 parameters.
    """
    code_size = check_positive_int(code_size, "code_size")
    hidden = check_positive_int(hidden, "hidden")
    input_dim = check_positive_int(input_dim, "input_dim")
    _seed(seed)
    from keras import Input, Model
    from keras.layers import Dense

    x = Input(shape=(input_dim,), name="image")
    h = Dense(hidden, activation="relu", name="encoder_hidden")(x)
    code = Dense(code_size, activation="relu", name="code")(h)
    h = Dense(hidden, activation="relu", name="decoder_hidden")(code)
    out = Dense(input_dim, activation="sigmoid", name="reconstruction")(h)
    return Model(x, out, name=f"deep_{code_size}"), Model(x, code, name=f"deep_{code_size}_encoder")


def n_params_shallow(code_size=32, input_dim=INPUT_DIM):
    """Parameter count of :func:`build_shallow_autoencoder` (weights + biases of both layers)."""
    return input_dim * code_size + code_size + code_size * input_dim + input_dim


def n_params_deep(code_size=32, hidden=128, input_dim=INPUT_DIM):
    """Parameter count of :func:`build_deep_autoencoder`."""
    sizes = [input_dim, hidden, code_size, hidden, input_dim]
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))


def layer_table(model):
    """Rows ``(layer name, activation, output units, parameters)`` of the Dense layers of ``model``."""
    rows = []
    for layer in model.layers:
        if hasattr(layer, "units"):
            act = getattr(layer.activation, "__name__", str(layer.activation))
            rows.append((layer.name, act, int(layer.units), int(layer.count_params())))
    return rows


def first_layer_weights(model):
    """Kernel of the first Dense layer, (784, units): column j is the 28 x 28 input filter of unit j."""
    for layer in model.layers:
        if hasattr(layer, "units"):
            return np.asarray(layer.get_weights()[0])
    raise ValueError(f"model {model.name} has no Dense layer")


def last_layer_weights(model):
    """Kernel of the output Dense layer, (units, 784): row j is the image unit j adds to the output."""
    dense = [layer for layer in model.layers if hasattr(layer, "units")]
    if not dense:
        raise ValueError(f"model {model.name} has no Dense layer")
    return np.asarray(dense[-1].get_weights()[0])


def train_autoencoder(model, x_in, x_target, *, epochs, batch_size=256, learning_rate=1e-3,
                      lr_schedule="constant", warmup_epochs=0, loss="binary_crossentropy",
                      validation_data=None, early_stopping_patience=None, callbacks=None, seed=0, verbose=2):
    """Compile ``model`` with Adam and ``loss``, fit ``x_in`` -> ``x_target``; return ``(history, seconds)``.

    x_in, x_target: (n, 784) float32.  ``validation_data`` = ``(x_val_in, x_val_target)`` gives
    the validation loss per epoch.  ``lr_schedule``: ``"constant"`` or ``"cosine"`` (cosine decay
    from ``learning_rate`` to 0 over all ``epochs``); with ``"cosine"``, ``warmup_epochs`` > 0 first
    raises the step size linearly from 5 % of ``learning_rate`` to ``learning_rate`` over that many
    epochs (at most half the run; large first steps can push ReLU code units into the dead zone
    for good).  ``early_stopping_patience`` (needs validation data) stops after that many epochs
    without a better validation loss and restores the best weights.  ``callbacks``: extra Keras
    callbacks (e.g. timing or per-epoch evaluation).  ``loss``: ``"binary_crossentropy"`` (the starter's) or ``"mse"``.
    ``verbose=2`` prints one line per epoch.  ``history`` is the Keras ``History``
    (``history.history["loss"]``, ``["val_loss"]``); ``seconds`` the wall time of ``fit``.
    """
    import keras

    epochs = check_positive_int(epochs, "epochs")
    batch_size = check_positive_int(batch_size, "batch_size")
    learning_rate = check_positive_number(learning_rate, "learning_rate")
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {sorted(LOSSES)}, got {loss!r}")
    if lr_schedule not in LR_SCHEDULES:
        raise ValueError(f"lr_schedule must be one of {LR_SCHEDULES}, got {lr_schedule!r}")
    x_in = np.asarray(x_in, dtype="float32")
    x_target = np.asarray(x_target, dtype="float32")
    if x_in.shape != x_target.shape or x_in.ndim != 2:
        raise ValueError("x_in and x_target must be (n, d) arrays of the same shape, "
                         f"got {x_in.shape} and {x_target.shape}")
    callbacks = list(callbacks or [])
    if early_stopping_patience is not None:
        if validation_data is None:
            raise ValueError("early_stopping_patience needs validation_data")
        callbacks.append(keras.callbacks.EarlyStopping(
            monitor="val_loss", patience=check_positive_int(early_stopping_patience, "early_stopping_patience"),
            restore_best_weights=True))
    warmup_epochs = check_nonnegative_number(warmup_epochs, "warmup_epochs")
    if warmup_epochs and lr_schedule != "cosine":
        raise ValueError("warmup_epochs needs lr_schedule='cosine'")
    rate = learning_rate
    if lr_schedule == "cosine":
        per_epoch = int(np.ceil(len(x_in) / batch_size))
        warm = min(int(round(warmup_epochs * per_epoch)), per_epoch * epochs // 2)  # at most half the run
        if warm:
            rate = keras.optimizers.schedules.CosineDecay(0.05 * learning_rate, decay_steps=per_epoch * epochs - warm,
                                                          warmup_target=learning_rate, warmup_steps=warm)
        else:
            rate = keras.optimizers.schedules.CosineDecay(learning_rate, decay_steps=per_epoch * epochs)
    _seed(seed)
    model.compile(optimizer=keras.optimizers.Adam(rate), loss=LOSSES[loss])
    start = time.perf_counter()
    history = model.fit(x_in, x_target, epochs=epochs, batch_size=batch_size, shuffle=True,
                        validation_data=validation_data, callbacks=callbacks, verbose=verbose)
    return history, time.perf_counter() - start


def reconstruct(model, x, batch_size=2048):
    """``model`` applied to ``x`` (n, 784) -> float32 (n, out), in batches.

    Calls the model directly (eagerly) rather than ``model.predict``: as fast for these small
    dense models, with no progress output and no tf.function retracing warnings when many
    models are evaluated one after another.
    """
    from keras import ops

    x = np.asarray(x, dtype="float32")
    return np.concatenate([ops.convert_to_numpy(model(x[i:i + batch_size], training=False))
                           for i in range(0, len(x), batch_size)])


def dead_relu_units(model, x, batch_size=2048):
    """For each ReLU Dense layer of ``model``: how many units output 0 for every input in x (n, 784).

    Returns ``{layer name: count}``.  A unit that is 0 for all inputs gets no gradient (the ReLU's
    derivative is 0 there), so it has stopped learning and its weights stay where they were --
    Problem 2(a)'s first reason, inside a Keras model.
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
    return {layer.name: int(np.sum(p <= 0)) for layer, p in zip(relu_layers, peak)}


def evaluate_autoencoder(model, x_train_in, x_train, x_test_in, x_test):
    """Squared errors of ``model`` on train and test: inputs ``*_in`` (n, 784), targets (n, 784).

    Returns ``(errors, x_test_hat)``: ``errors = {"train": {...}, "test": {...}}`` with
    ``mse_per_pixel`` and ``sse_per_image`` each (:func:`helpers.ae_metrics.squared_errors`), and the
    test reconstructions (n_test, 784) for plotting.
    """
    from .metrics import squared_errors

    x_test_hat = reconstruct(model, x_test_in)
    errors = {"train": squared_errors(x_train, reconstruct(model, x_train_in)),
              "test": squared_errors(x_test, x_test_hat)}
    return errors, x_test_hat


def training_record(model, history, seconds, errors, settings, **extra):
    """JSON-ready summary of one trained model: sizes, settings, errors, fit time, loss per epoch."""
    h = {k: [float(v) for v in vals] for k, vals in history.history.items() if k in ("loss", "val_loss")}
    return {"n_params": int(model.count_params()), **settings, "epochs_run": len(h.get("loss", [])),
            "fit_seconds": round(float(seconds), 2), "train": errors["train"], "test": errors["test"],
            "history": h, **extra}
