"""Fashion-MNIST offline: find the four original files, verify them, link them for Keras.

Keras's ``fashion_mnist.load_data()`` reads ``train-images-idx3-ubyte.gz`` etc. from
``$KERAS_HOME/datasets/fashion-mnist/`` (default ``~/.keras``) and downloads only when a
file is missing -- which fails on a machine without internet.  Debian's package
``dataset-fashion-mnist`` ships the same files in ``/usr/share/datasets/fashion-mnist/``;
``python -m helpers.data`` (run by ``make data``) verifies them and links them there.

Debian recompressed the ``.gz`` files, so we pin SHA-256 of the *decompressed* bytes.
"""
import gzip
import hashlib
import os
import zlib
from pathlib import Path

import numpy as np

DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")
FILES = {  # name: (sha256 of the decompressed bytes, decompressed size)
    "train-images-idx3-ubyte.gz": ("c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", 47040016),
    "train-labels-idx1-ubyte.gz": ("bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", 60008),
    "t10k-images-idx3-ubyte.gz": ("5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", 7840016),
    "t10k-labels-idx1-ubyte.gz": ("0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 10008),
}
CLASS_NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
HOW_TO_FIX = ("Fix: run `make data` (installs Debian's package dataset-fashion-mnist and links it for Keras), "
              "or `sudo apt-get install dataset-fashion-mnist`, or put the four original files in a folder "
              "and set FASHION_MNIST_DIR to it.")


class FashionMNISTError(RuntimeError):
    """The Fashion-MNIST files are missing, truncated or corrupt."""


def keras_cache_dir():
    """The folder Keras's ``fashion_mnist.load_data()`` reads: ``$KERAS_HOME/datasets/fashion-mnist``."""
    home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return Path(home) / "datasets" / "fashion-mnist"


def _has_all(folder):
    return folder is not None and all((Path(folder) / f).exists() for f in FILES)


def default_folder():
    """``FASHION_MNIST_DIR`` if set, else Keras's cache folder if complete, else Debian's folder."""
    if os.environ.get("FASHION_MNIST_DIR"):
        return Path(os.environ["FASHION_MNIST_DIR"])
    return keras_cache_dir() if _has_all(keras_cache_dir()) else DEBIAN_DIR


def _digest(path):
    h, size = hashlib.sha256(), 0
    try:
        with gzip.open(path, "rb") as f:
            while chunk := f.read(1 << 22):
                h.update(chunk)
                size += len(chunk)
    except (OSError, EOFError, zlib.error) as e:
        raise FashionMNISTError(f"Fashion-MNIST file {path} is truncated or corrupt ({e}). {HOW_TO_FIX}") from None
    return h.hexdigest(), size


def verify_fashion_mnist(folder=None):
    """Check the four files in ``folder`` (default: :func:`default_folder`) and return the folder.

    Raises :class:`FashionMNISTError` naming the first missing, truncated or
    corrupt file and how to fix it.
    """
    folder = Path(folder) if folder is not None else default_folder()
    for name, (sha, size) in FILES.items():
        path = folder / name
        if not path.exists():
            raise FashionMNISTError(f"Fashion-MNIST file {path} is missing. {HOW_TO_FIX}")
        got_sha, got_size = _digest(path)
        if got_size != size or got_sha != sha:
            raise FashionMNISTError(
                f"Fashion-MNIST file {path} is corrupt: decompressed size {got_size} (expected {size}), "
                f"sha256 {got_sha[:12]}... (expected {sha[:12]}...). {HOW_TO_FIX}")
    return folder


def link_keras_cache(source=None):
    """Verify ``source`` (default ``FASHION_MNIST_DIR`` or Debian's folder) and symlink it into Keras's cache."""
    source = verify_fashion_mnist(source or os.environ.get("FASHION_MNIST_DIR") or DEBIAN_DIR)
    cache = keras_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        dest = cache / name
        if dest.is_symlink() or dest.exists():
            if dest.resolve() == (source / name).resolve():
                continue
            dest.unlink()
        dest.symlink_to((source / name).resolve())
    return verify_fashion_mnist(cache)


def check_fashion_mnist_arrays(x_train, y_train, x_test, y_test):
    """Assert what ``fashion_mnist.load_data()`` returned is the real data set (shapes, 10 balanced classes)."""
    expect = {"x_train": (60000, 28, 28), "y_train": (60000,), "x_test": (10000, 28, 28), "y_test": (10000,)}
    for name, arr in zip(expect, (x_train, y_train, x_test, y_test)):
        if np.shape(arr) != expect[name]:
            raise FashionMNISTError(f"{name} has shape {np.shape(arr)}, expected {expect[name]}. {HOW_TO_FIX}")
    for name, y, per_class in (("y_train", y_train, 6000), ("y_test", y_test, 1000)):
        counts = np.bincount(np.asarray(y), minlength=10)
        if len(counts) != 10 or not np.all(counts == per_class):
            raise FashionMNISTError(f"{name} is not {per_class} images per class: {counts.tolist()}. {HOW_TO_FIX}")


if __name__ == "__main__":
    import sys
    try:
        print(f"Fashion-MNIST verified and linked in {link_keras_cache()}")
    except FashionMNISTError as e:
        sys.exit(f"error: {e}")
