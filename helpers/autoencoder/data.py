"""Fashion-MNIST, the way each user has it: find the four original files, verify them, hand them to Keras.

Keras's ``fashion_mnist.load_data()`` reads ``train-images-idx3-ubyte.gz`` etc. from
``$KERAS_HOME/datasets/fashion-mnist/`` (default ``~/.keras``) and downloads only what is missing.
:func:`prepare_fashion_mnist` makes that folder hold the four verified files, trying in order:

1. ``FASHION_MNIST_DIR`` (a folder with the four files): linked (or copied) into Keras's cache;
2. Keras's cache itself, if it already holds the four verified files;
3. Debian's package ``dataset-fashion-mnist`` (``/usr/share/datasets/fashion-mnist``): linked;
4. Keras's own download (needs the internet), verified afterwards by the same checksums.

With none of these it raises :class:`FashionMNISTError`, one message listing every fix (shown in a
notebook without a traceback).  ``python -m helpers.autoencoder.data`` (``make data``) runs it.

Debian recompressed the ``.gz`` files, so we pin SHA-256 of the *decompressed* bytes.
"""
import gzip
import hashlib
import os
import shutil
import zlib
from pathlib import Path

import numpy as np

DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")
# Where keras.datasets.fashion_mnist.load_data() downloads from (its `base`); the environment variable
# FASHION_MNIST_URL (a folder URL ending in "/") points the download at a mirror instead.
DOWNLOAD_BASE = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
FILES = {  # name: (sha256 of the decompressed bytes, decompressed size)
    "train-images-idx3-ubyte.gz": ("c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", 47040016),
    "train-labels-idx1-ubyte.gz": ("bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", 60008),
    "t10k-images-idx3-ubyte.gz": ("5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", 7840016),
    "t10k-labels-idx1-ubyte.gz": ("0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 10008),
}
CLASS_NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
HOW_TO_FIX = (
    "To fix, do one of: "
    "(1) put the four files (" + ", ".join(FILES) + ", from "
    "https://github.com/zalandoresearch/fashion-mnist) in a folder and set the environment variable "
    "FASHION_MNIST_DIR to it before starting Jupyter or make; "
    "(2) connect to the internet and run again (Keras downloads them into ~/.keras/datasets/fashion-mnist); "
    "(3) on Debian/Ubuntu: `make data`, or `sudo apt-get install dataset-fashion-mnist`.")


class FashionMNISTError(RuntimeError):
    """The Fashion-MNIST files are missing, truncated or corrupt, or could not be downloaded.

    In IPython/Jupyter the error shows as its one message, without a traceback.
    """

    def _render_traceback_(self):  # IPython's hook: what the notebook shows instead of a traceback
        return [f"FashionMNISTError: {self}"]


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


def _link_or_copy(src, dest):
    if dest.is_symlink() or dest.exists():
        if dest.resolve() == src.resolve():
            return
        dest.unlink()
    try:
        dest.symlink_to(src.resolve())
    except OSError:  # Windows without developer mode, some network file systems
        shutil.copyfile(src, dest)


def link_keras_cache(source):
    """Verify the folder ``source`` and link its four files into Keras's cache.

    Returns Keras's cache folder, verified.  Files are copied where symlinks are not allowed.
    """
    source = verify_fashion_mnist(source)
    cache = keras_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        _link_or_copy(source / name, cache / name)
    return verify_fashion_mnist(cache)


def _download_base():
    """Where the files are downloaded from: ``FASHION_MNIST_URL`` (a mirror) or Keras's own address."""
    return os.environ.get("FASHION_MNIST_URL") or DOWNLOAD_BASE


def _reason(error):
    """A FashionMNISTError's message without its list of fixes (the final message lists them once)."""
    return str(error).split(". To fix")[0]


def _download_into_cache():
    """Keras's own download (``keras.utils.get_file``, as ``load_data()`` calls it) of every file the
    cache lacks or holds broken; then the checksums.  Returns the cache folder."""
    from keras.utils import get_file

    base = _download_base()
    cache = keras_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)  # else get_file falls back to /tmp/.keras
    for name in FILES:
        path = cache / name
        if path.is_symlink() and not path.exists():
            path.unlink()  # a dangling link (e.g. to a removed FASHION_MNIST_DIR)
        if path.exists():
            try:
                verify_single = _digest(path) == FILES[name]
            except FashionMNISTError:
                verify_single = False
            if verify_single:
                continue
            path.unlink()
        got = Path(get_file(name, origin=base + name, cache_subdir=os.path.join("datasets", "fashion-mnist"),
                            cache_dir=str(cache.parent.parent)))
        if got.resolve() != path.resolve():  # Keras chose another folder (not writable): bring it here
            shutil.copyfile(got, path)
    return verify_fashion_mnist(cache)


def prepare_fashion_mnist(download=True):
    """Make Keras's cache hold the four verified Fashion-MNIST files; return that folder.

    After it, ``keras.datasets.fashion_mnist.load_data()`` reads them without a network.  Sources in
    order: ``FASHION_MNIST_DIR``; Keras's cache; Debian's copy; Keras's download (if ``download``).
    Raises :class:`FashionMNISTError` (one message: what was tried, and every fix).
    """
    tried = []
    if os.environ.get("FASHION_MNIST_DIR"):  # the user's explicit choice: its errors are the answer
        return link_keras_cache(Path(os.environ["FASHION_MNIST_DIR"]).expanduser())
    tried.append("FASHION_MNIST_DIR is not set")
    cache = keras_cache_dir()
    if _has_all(cache):
        try:
            return verify_fashion_mnist(cache)
        except FashionMNISTError as e:
            tried.append(f"Keras's cache {cache}: {_reason(e)}")
    else:
        tried.append(f"Keras's cache {cache} does not hold the four files")
    if _has_all(DEBIAN_DIR):
        return link_keras_cache(DEBIAN_DIR)
    tried.append(f"Debian's {DEBIAN_DIR} is not installed")
    if download:
        try:
            return _download_into_cache()
        except FashionMNISTError as e:
            tried.append(f"the download gave a broken file: {_reason(e)}")
        except Exception as e:  # noqa: BLE001 -- any network error: say it in one line
            tried.append(f"downloading from {_download_base()} failed ({' '.join(str(e).split())[:200]})")
    raise FashionMNISTError("Fashion-MNIST is not available: " + "; ".join(tried) + ". " + HOW_TO_FIX)


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
        print(f"Fashion-MNIST verified in {prepare_fashion_mnist()}")
    except FashionMNISTError as e:
        sys.exit(f"error: {e}")
