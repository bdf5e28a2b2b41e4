"""Fashion-MNIST files: checksums, and where they come from (the download from a local HTTP server)."""
import functools
import gzip
import http.server
import re
import shutil
import threading

import numpy as np
import pytest

from helpers.autoencoder import data
from helpers.autoencoder.data import (FILES, FashionMNISTError, check_fashion_mnist_arrays, keras_cache_dir,
                                      prepare_fashion_mnist, verify_fashion_mnist)

REAL = keras_cache_dir()  # this machine's files (`make data` puts them there), before any test changes the environment


def _copy_with_links(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        (folder / name).symlink_to((REAL / name).resolve())
    return folder


@pytest.mark.parametrize("damage, says", [("remove", "is missing"), ("truncate", "is truncated or corrupt"),
                                          ("zeros", "is corrupt: decompressed size 60008")])
def test_a_damaged_file_is_named_with_every_fix(tmp_path, damage, says):
    """Catches a missing, truncated or corrupt (right size, wrong SHA-256) file that passes or is misnamed."""
    path = _copy_with_links(tmp_path) / "train-labels-idx1-ubyte.gz"
    raw = path.read_bytes()
    path.unlink()  # (a link to the real file)
    if damage == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "zeros":
        path.write_bytes(gzip.compress(b"\0" * 60008))  # valid gzip, wrong contents
    with pytest.raises(FashionMNISTError, match=re.escape(f"{path} {says}")) as e:
        verify_fashion_mnist(tmp_path)
    assert "make data" in str(e.value) and "FASHION_MNIST_DIR" in str(e.value)


def test_array_check_rejects_wrong_shapes_and_classes():
    x_train, x_test = np.zeros((60000, 28, 28)), np.zeros((10000, 28, 28))
    y_train, y_test = np.arange(60000) % 10, np.arange(10000) % 10
    check_fashion_mnist_arrays(x_train, y_train, x_test, y_test)
    with pytest.raises(FashionMNISTError, match="x_test"):
        check_fashion_mnist_arrays(x_train, y_train, x_test[:5], y_test)
    with pytest.raises(FashionMNISTError, match="y_train"):
        check_fashion_mnist_arrays(x_train, np.zeros(60000, dtype=int), x_test, y_test)


@pytest.fixture
def nowhere(tmp_path, monkeypatch):
    """No FASHION_MNIST_DIR, an empty Keras home, no Debian copy, and a download URL nothing answers."""
    monkeypatch.delenv("FASHION_MNIST_DIR", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setattr(data, "DEBIAN_DIR", tmp_path / "no-debian")
    monkeypatch.setenv("FASHION_MNIST_URL", "http://127.0.0.1:9/")  # discard port: connection refused
    return tmp_path


@pytest.mark.parametrize("sources, winner", [(("mine", "keras", "debian"), "mine"), (("keras", "debian"), "keras"),
                                             (("debian",), "debian")])
def test_the_first_source_fills_the_keras_cache(nowhere, monkeypatch, sources, winner):
    """Order: FASHION_MNIST_DIR, a verified Keras cache (kept as it is), Debian's copy (linked into the cache)."""
    cache = nowhere / "keras" / "datasets" / "fashion-mnist"
    folders = {"mine": nowhere / "mine", "keras": cache, "debian": nowhere / "debian"}
    for source in sources:
        _copy_with_links(folders[source])
    for name in FILES:  # the winner's files are its own copies, the others' links to this machine's files
        (folders[winner] / name).unlink()
        shutil.copyfile(REAL / name, folders[winner] / name)
    monkeypatch.setattr(data, "DEBIAN_DIR", folders["debian"])
    if "mine" in sources:
        monkeypatch.setenv("FASHION_MNIST_DIR", str(folders["mine"]))
    assert prepare_fashion_mnist() == cache
    assert all((cache / n).resolve() == (folders[winner] / n).resolve() for n in FILES)
    assert all((cache / n).is_symlink() == (winner != "keras") for n in FILES)


@pytest.fixture
def http_mirror(nowhere, monkeypatch):
    """``nowhere``, but FASHION_MNIST_URL a local HTTP server of the four files; yields (request log, its folder)."""
    served = _copy_with_links(nowhere / "served")
    log = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, fmt, *args):
            log.append(self.path)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(served)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("FASHION_MNIST_URL", f"http://127.0.0.1:{server.server_address[1]}/")
    yield log, served
    server.shutdown()
    server.server_close()


def test_keras_download_refuses_a_broken_file_and_fetches_only_what_is_missing(http_mirror):
    log, served = http_mirror
    bad = served / "t10k-labels-idx1-ubyte.gz"
    bad.unlink()
    bad.write_bytes(gzip.compress(b"\1" * 10008))
    with pytest.raises(FashionMNISTError, match="t10k-labels-idx1-ubyte.gz is corrupt") as e:
        prepare_fashion_mnist()
    assert "FASHION_MNIST_DIR" in str(e.value)
    bad.unlink()
    bad.symlink_to((REAL / bad.name).resolve())  # the mirror fixed
    cache = prepare_fashion_mnist()
    assert sorted(log) == sorted([f"/{n}" for n in FILES] + ["/" + bad.name])  # again only the broken file ...
    assert not any((cache / n).is_symlink() for n in FILES)                  # ... into real files in the cache
    assert prepare_fashion_mnist() == cache and len(log) == 5                # the third time nothing is fetched
    from keras.datasets import fashion_mnist  # Keras's own loader now reads the cache without a network
    (x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()
    check_fashion_mnist_arrays(x_train, y_train, x_test, y_test)


def test_no_data_and_no_network_tries_the_download_then_lists_every_fix(nowhere):
    with pytest.raises(FashionMNISTError) as e:
        prepare_fashion_mnist()
    msg = str(e.value)
    assert "downloading from http://127.0.0.1:9/ failed" in msg
    for fix in ("FASHION_MNIST_DIR", "internet", "apt-get install dataset-fashion-mnist", "make data"):
        assert fix in msg, fix
    assert "\n" not in msg                                            # one message
    assert e.value._render_traceback_() == [f"FashionMNISTError: {msg}"]


def test_fashion_mnist_dir_with_a_bad_file_is_not_silently_skipped(nowhere, monkeypatch):
    mine = _copy_with_links(nowhere / "mine")
    (mine / "train-labels-idx1-ubyte.gz").unlink()
    monkeypatch.setenv("FASHION_MNIST_DIR", str(mine))
    monkeypatch.setattr(data, "DEBIAN_DIR", _copy_with_links(nowhere / "debian"))
    with pytest.raises(FashionMNISTError, match=re.escape(str(mine / "train-labels-idx1-ubyte.gz")) + " is missing"):
        prepare_fashion_mnist()
