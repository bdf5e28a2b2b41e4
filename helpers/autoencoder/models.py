"""Problem 2 (b), (c): images as float32 rows of 784 pixels in [0, 1], noise, the starter's Keras autoencoders."""
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
    """``(x_fit, y_fit, x_val, y_val)``: the last ``round(fraction * n)`` rows held out, as ``validation_split``."""
    fraction = check_positive_number(fraction, "fraction", high=1)
    n = len(x)
    if len(y) != n:
        raise ValueError(f"x and y must have the same number of rows, got {n} and {len(y)}")
    n_val = max(1, int(round(fraction * n)))
    if n_val >= n:
        raise ValueError(f"fraction={fraction} leaves no training rows out of {n}")
    return x[:-n_val], y[:-n_val], x[-n_val:], y[-n_val:]


def add_noise(x, noise_factor=0.20, seed=0):
    """The starter's corruption ``clip(x + noise_factor * N(0, 1), 0, 1)``: (n, 784) -> float32 (n, 784)."""
    noise_factor = check_nonnegative_number(noise_factor, "noise_factor")
    x = np.asarray(x, dtype="float32")
    noisy = x + np.float32(noise_factor) * np.random.default_rng(seed).standard_normal(x.shape, dtype="float32")
    return np.clip(noisy, 0.0, 1.0, out=noisy)


def _seed(seed):
    if seed is not None:
        import keras
        keras.utils.set_random_seed(int(seed))


def _build(kind, layers, seed):
    """``(autoencoder, encoder up to "code")``: 784 -> Dense(units, relu) per (name, units) -> Dense(784, sigmoid)."""
    _seed(seed)
    from keras import Input, Model
    from keras.layers import Dense

    x = h = Input(shape=(INPUT_DIM,), name="image")
    outputs = {}
    for name, units in layers:
        h = outputs[name] = Dense(units, activation="relu", name=name)(h)
    out = Dense(INPUT_DIM, activation="sigmoid", name="reconstruction")(h)
    size = dict(layers)["code"]
    return Model(x, out, name=f"{kind}_{size}"), Model(x, outputs["code"], name=f"{kind}_{size}_encoder")


def build_shallow_autoencoder(code_size=32, seed=None):
    """The starter's 784 -> code_size -> 784 (50,992 parameters for 32): ``(autoencoder, encoder)``."""
    return _build("shallow", [("code", check_positive_int(code_size, "code_size"))], seed)


def build_deep_autoencoder(code_size=32, hidden=128, seed=None):
    """The starter's 784 -> hidden -> code_size -> hidden -> 784 (209,968 parameters for 32, 128)."""
    code_size, hidden = check_positive_int(code_size, "code_size"), check_positive_int(hidden, "hidden")
    return _build("deep", [("encoder_hidden", hidden), ("code", code_size), ("decoder_hidden", hidden)], seed)


def _kernels(model):
    return [np.asarray(layer.get_weights()[0]) for layer in model.layers if hasattr(layer, "units")]


def first_layer_weights(model):
    """Kernel of the first Dense layer, (784, units): column j is the 28 x 28 input filter of unit j."""
    return _kernels(model)[0]


def last_layer_weights(model):
    """Kernel of the output Dense layer, (units, 784): row j is the image unit j adds to the output."""
    return _kernels(model)[-1]
