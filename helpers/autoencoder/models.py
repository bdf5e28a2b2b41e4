"""Keras autoencoders of Problem 2 (b), (c): data preparation, noise, the builders and their weights.

Architectures are the starter notebook's (Keras functional API: ``Input``, ``Dense``, ``Model``):

* shallow:  784 -> Dense(code_size, relu) -> Dense(784, sigmoid)
* deep:     784 -> Dense(hidden, relu) -> Dense(code_size, relu) -> Dense(hidden, relu) -> Dense(784, sigmoid)
* denoising: the deep model, trained on noisy inputs (:func:`add_noise`) against clean targets.

Images are rows of 784 = 28 x 28 pixel intensities in [0, 1] (float32).  Keras is imported
lazily, inside the functions, so ``import helpers`` stays fast for the numpy-only parts.
Training is in :mod:`helpers.autoencoder.training`.
"""
import numpy as np

from ..validation import check_nonnegative_number, check_positive_int, check_positive_number

IMAGE_SHAPE = (28, 28)
INPUT_DIM = IMAGE_SHAPE[0] * IMAGE_SHAPE[1]  # 784


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
