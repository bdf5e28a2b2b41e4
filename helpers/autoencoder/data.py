"""Fashion-MNIST's four files, verified, in Keras's cache: ``python -m helpers.autoencoder.data`` (``make data``)."""
import contextlib
import gzip
import hashlib
import os
import shutil
import zlib
from pathlib import Path

import numpy as np

DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")
# where load_data() downloads from; FASHION_MNIST_URL (a folder URL ending in "/") points at a mirror instead
DOWNLOAD_BASE = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
FILES = {  # name: (sha256, size) of the decompressed bytes (Debian recompressed the .gz files)
    "train-images-idx3-ubyte.gz": ("c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", 47040016),
    "train-labels-idx1-ubyte.gz": ("bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", 60008),
    "t10k-images-idx3-ubyte.gz": ("5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", 7840016),
    "t10k-labels-idx1-ubyte.gz": ("0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 10008),
}
CLASS_NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
HOW_TO_FIX = ("To fix, do one of: (1) put the four files (" + ", ".join(FILES) + ", from https://github.com/"
              "zalandoresearch/fashion-mnist) in a folder and set the environment variable FASHION_MNIST_DIR to it "
              "before starting Jupyter or make; (2) connect to the internet and run again (Keras downloads them into "
              "~/.keras/datasets/fashion-mnist); (3) on Debian/Ubuntu: `make data`, or `sudo apt-get install "
              "dataset-fashion-mnist`.")


class FashionMNISTError(RuntimeError):
    """The files are missing, truncated or corrupt, or could not be downloaded (shown without a traceback)."""

    def _render_traceback_(self):  # IPython's hook: what the notebook shows instead of a traceback
        return [f"FashionMNISTError: {self}"]


def keras_cache_dir():
    """The folder ``fashion_mnist.load_data()`` reads, ``$KERAS_HOME/datasets/fashion-mnist``, made if missing."""
    home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    cache = Path(home) / "datasets" / "fashion-mnist"
    cache.mkdir(parents=True, exist_ok=True)  # else Keras's get_file falls back to /tmp/.keras
    return cache


def _has_all(folder):
    return all((folder / f).exists() for f in FILES)


def _digest(path):
    """(sha256, size) of the decompressed bytes (at most 47 MB)."""
    try:
        with gzip.open(path, "rb") as f:
            raw = f.read()
    except (OSError, EOFError, zlib.error) as e:
        raise FashionMNISTError(f"Fashion-MNIST file {path} is truncated or corrupt ({e}). {HOW_TO_FIX}") from None
    return hashlib.sha256(raw).hexdigest(), len(raw)


def verify_fashion_mnist(folder):
    """Check the four files in ``folder`` (a Path), naming the first missing, truncated or corrupt one; return it."""
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


def link_keras_cache(source):
    """Verify ``source``, link (or copy) its four files into Keras's cache; return the cache, verified."""
    source, cache = verify_fashion_mnist(source), keras_cache_dir()
    for name in FILES:
        src, dest = (source / name).resolve(), cache / name
        if dest.resolve() != src:
            dest.unlink(missing_ok=True)
            try:
                dest.symlink_to(src)
            except OSError:  # Windows without developer mode, some network file systems
                shutil.copyfile(src, dest)
    return verify_fashion_mnist(cache)


def _reason(error):
    """A FashionMNISTError's message without its list of fixes (the final message lists them once)."""
    return str(error).split(". To fix")[0]


def _download_into_cache(base):
    """Keras's ``get_file`` (as ``load_data()`` calls it) of each file the cache lacks intact; the cache, verified."""
    from keras.utils import get_file

    cache = keras_cache_dir()
    for name in FILES:
        path = cache / name
        with contextlib.suppress(FashionMNISTError):  # missing, broken, or a link to a removed FASHION_MNIST_DIR
            if _digest(path) == FILES[name]:
                continue
        path.unlink(missing_ok=True)
        got = Path(get_file(name, origin=base + name, cache_subdir=os.path.join("datasets", "fashion-mnist"),
                            cache_dir=str(cache.parent.parent)))
        if got.resolve() != path.resolve():  # Keras chose another folder (not writable): bring it here
            shutil.copyfile(got, path)
    return verify_fashion_mnist(cache)


def prepare_fashion_mnist():
    """Keras's cache, verified, from ``FASHION_MNIST_DIR``, the cache itself, Debian's copy or Keras's download."""
    if os.environ.get("FASHION_MNIST_DIR"):  # the user's explicit choice: its errors are the answer
        return link_keras_cache(Path(os.environ["FASHION_MNIST_DIR"]).expanduser())
    tried = ["FASHION_MNIST_DIR is not set"]
    cache = keras_cache_dir()
    try:
        return verify_fashion_mnist(cache)
    except FashionMNISTError as e:
        tried.append(f"Keras's cache {cache}: {_reason(e)}" if _has_all(cache) else
                     f"Keras's cache {cache} does not hold the four files")
    if _has_all(DEBIAN_DIR):
        return link_keras_cache(DEBIAN_DIR)
    tried.append(f"Debian's {DEBIAN_DIR} is not installed")
    base = os.environ.get("FASHION_MNIST_URL") or DOWNLOAD_BASE
    try:
        return _download_into_cache(base)
    except FashionMNISTError as e:
        tried.append(f"the download gave a broken file: {_reason(e)}")
    except Exception as e:  # noqa: BLE001 -- any network error: say it in one line
        tried.append(f"downloading from {base} failed ({' '.join(str(e).split())[:200]})")
    raise FashionMNISTError("Fashion-MNIST is not available: " + "; ".join(tried) + ". " + HOW_TO_FIX)


def check_fashion_mnist_arrays(x_train, y_train, x_test, y_test):
    """Assert what ``fashion_mnist.load_data()`` returned is the real data set (shapes, 10 balanced classes)."""
    for name, arr, shape in (("x_train", x_train, (60000, 28, 28)), ("y_train", y_train, (60000,)),
                             ("x_test", x_test, (10000, 28, 28)), ("y_test", y_test, (10000,))):
        if np.shape(arr) != shape:
            raise FashionMNISTError(f"{name} has shape {np.shape(arr)}, expected {shape}. {HOW_TO_FIX}")
    for name, y, per_class in (("y_train", y_train, 6000), ("y_test", y_test, 1000)):
        counts = np.bincount(np.asarray(y), minlength=10)
        if len(counts) != 10 or not np.all(counts == per_class):
            raise FashionMNISTError(f"{name} is not {per_class} images per class: {counts.tolist()}. {HOW_TO_FIX}")


if __name__ == "__main__":
    try:
        print(f"Fashion-MNIST verified in {prepare_fashion_mnist()}")
    except FashionMNISTError as e:
        raise SystemExit(f"error: {e}") from None
