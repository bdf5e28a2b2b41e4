"""Problem 2, live: look through the trained autoencoders with sliders.

Everything a slider can show is computed when the explorer is made (reconstructions of the shown images
for every code size, the noisy images and both models' outputs at every noise level, the errors), so a
slider only draws a picture; pictures once drawn are kept.
"""
import time

import ipywidgets as widgets
import numpy as np
from matplotlib import colormaps
from matplotlib.figure import Figure

from .common import figure_png, html_table, positive_int, show_png
from ..autoencoder.data import CLASS_NAMES

NOISE_LEVELS = tuple(np.round(np.arange(0.0, 0.61, 0.05), 2).tolist())  # the starter's 0.2 among them


def apply(f, x, batch_size=4096):
    """``f`` (a Keras model or any callable (m, 784) -> (m, d)) applied to x (n, 784) in batches -> float32 (n, d)."""
    x = np.asarray(x, dtype=np.float32)
    return np.concatenate([np.asarray(f(x[i:i + batch_size]), dtype=np.float32) for i in range(0, len(x), batch_size)])


def mse(x, x_hat):
    """Mean squared error per pixel of x_hat (n, D) against x (n, D)."""
    return float(np.mean((np.asarray(x, np.float64) - x_hat) ** 2))


def add_noise(x, level, eps):
    """``clip(x + level * eps, 0, 1)``: the starter's Gaussian corruption with a fixed draw ``eps`` (n, 784)."""
    return np.clip(x + np.float32(level) * eps, 0.0, 1.0)


def image_rows(rows, titles, gap=3):
    """A figure of image rows drawn as one picture: ``rows`` = [(label, images (m, 784))], a title per column.

    One image instead of one axes per image: about ten times faster to draw.
    """
    n_rows, n_cols = len(rows), len(titles)
    mosaic = np.ones((n_rows * (28 + gap) - gap, n_cols * (28 + gap) - gap), np.float32)
    for r, (_, images) in enumerate(rows):
        for c, image in enumerate(images[:n_cols]):
            mosaic[r * (28 + gap):r * (28 + gap) + 28, c * (28 + gap):c * (28 + gap) + 28] = image.reshape(28, 28)
    cell = 0.9 / (28 + gap)  # inches per pixel of the mosaic
    width, height = 1.4 + cell * mosaic.shape[1], 0.25 + cell * mosaic.shape[0]
    fig = Figure(figsize=(width, height), dpi=80)
    ax = fig.add_axes([1.4 / width, 0, cell * mosaic.shape[1] / width, cell * mosaic.shape[0] / height])
    ax.imshow(mosaic, cmap="gray", vmin=0, vmax=1, interpolation="nearest")
    ax.axis("off")
    for r, (label, _) in enumerate(rows):
        ax.text(-6, r * (28 + gap) + 14, label, ha="right", va="center", fontsize=9)
    for c, title in enumerate(titles):
        ax.text(c * (28 + gap) + 14, -4, title, ha="center", va="bottom", fontsize=8)
    return fig


def check_args(models, x_test, y_test, pca, denoiser, deep, encoder2, class_names):
    """The explorer's arguments, checked before any work (ValueError naming a bad one); returns x_test, y_test."""
    x_test, y_test = np.asarray(x_test, dtype=np.float32), np.asarray(y_test)
    if x_test.ndim != 2 or x_test.shape[1] != 784 or len(x_test) == 0:
        raise ValueError(f"x_test must be an (n, 784) array of images, got shape {x_test.shape}")
    if y_test.shape != (len(x_test),) or y_test.dtype.kind not in "iu":
        raise ValueError(f"y_test must hold one integer label per row of x_test ({len(x_test)}), "
                         f"got shape {y_test.shape}, dtype {y_test.dtype}")
    if y_test.min() < 0 or y_test.max() >= len(class_names):
        raise ValueError(f"y_test labels must lie in 0..{len(class_names) - 1} (one per name in class_names)")
    if not isinstance(models, dict) or not models:
        raise ValueError("models must be a non-empty dict code_size -> model (callable) or its test reconstructions")
    for size, f in models.items():
        if not callable(f) and np.shape(f) != x_test.shape:
            raise ValueError(f"models[{size}] must be a model (callable) or its reconstructions of x_test "
                             f"{x_test.shape}, got {type(f).__name__} of shape {np.shape(f)}")
    optional = [("encoder2", encoder2)] if encoder2 is not None else []
    for name, f in [("pca.reconstruct", getattr(pca, "reconstruct", None)), ("denoiser", denoiser), ("deep", deep),
                    *optional]:
        if not callable(f):
            raise ValueError(f"{name} must be callable, got {type(f).__name__}")
    codes_shape = apply(encoder2, x_test[:2]).shape if encoder2 is not None else (None, 2)
    if codes_shape[1:] != (2,):
        raise ValueError(f"encoder2 must map (n, 784) images to (n, 2) codes, got shape {codes_shape}")
    return x_test, y_test


class AutoencoderExplorer:
    """The widgets of :func:`explore_autoencoders` and what they show (displaying it shows the widgets).

    ``code_size`` (slider over the sweep's sizes), ``noise`` (slider over ``NOISE_LEVELS``) and ``images``
    (a class picker) drive ``sweep_picture`` / ``sweep_errors`` and ``noise_picture`` / ``noise_errors``;
    ``codes_picture`` shows the 2-number codes.  ``errors`` holds every number shown.
    """

    def __init__(self, models, x_test, y_test, pca, denoiser, deep, encoder2, class_names=CLASS_NAMES,
                 per_class=10, n_noise_eval=2000, seed=0):
        x_test, y_test = check_args(models, x_test, y_test, pca, denoiser, deep, encoder2, class_names)
        per_class = positive_int(per_class, "per_class")
        n_noise_eval = positive_int(n_noise_eval, "n_noise_eval")
        self.class_names, self.x_test, self.y_test = list(class_names), x_test, y_test
        t0 = time.perf_counter()
        # What each choice of the class picker shows: one test image of each class, or a class's first per_class.
        classes = np.unique(y_test)
        self.choices = {"one of each class": [int(np.flatnonzero(y_test == c)[0]) for c in classes]}
        self.choices.update({self.class_names[c]: np.flatnonzero(y_test == c)[:per_class].tolist() for c in classes})
        shown = sorted({i for ix in self.choices.values() for i in ix})
        self._row = {i: r for r, i in enumerate(shown)}  # test index -> row of the precomputed arrays
        x_shown = x_test[shown]

        self.sizes = sorted(models)
        self.shown = {"original": x_shown}
        self.errors = {"sweep": {}, "noise": {}}
        for size in self.sizes:
            f = models[size]
            x_hat = apply(f, x_test) if callable(f) else np.asarray(f, dtype=np.float32)
            pca_hat = np.asarray(pca.reconstruct(x_test, size))
            self.errors["sweep"][size] = {"ae": mse(x_test, x_hat), "pca": mse(x_test, pca_hat)}
            self.shown[("ae", size)], self.shown[("pca", size)] = x_hat[shown], pca_hat[shown].clip(0, 1)

        # Noise: one fixed draw eps, scaled by the level, for the shown images and the first n_noise_eval.
        rng = np.random.default_rng(seed)
        n_eval = min(int(n_noise_eval), len(x_test))
        x_eval = x_test[:n_eval]
        eps_eval = rng.standard_normal(x_eval.shape, np.float32)
        eps_shown = rng.standard_normal(x_shown.shape, np.float32)
        self.n_noise_eval = n_eval
        for level in NOISE_LEVELS:
            noisy_eval, noisy = add_noise(x_eval, level, eps_eval), add_noise(x_shown, level, eps_shown)
            self.errors["noise"][level] = {"noisy": mse(x_eval, noisy_eval),
                                           "denoiser": mse(x_eval, apply(denoiser, noisy_eval)),
                                           "deep": mse(x_eval, apply(deep, noisy_eval))}
            self.shown[("noisy", level)] = noisy
            self.shown[("denoiser", level)], self.shown[("deep", level)] = apply(denoiser, noisy), apply(deep, noisy)
        self.codes = None if encoder2 is None else apply(encoder2, x_test)
        self.precompute_seconds = time.perf_counter() - t0

        self.code_size = widgets.SelectionSlider(options=self.sizes, value=self.sizes[len(self.sizes) // 2],
                                                 description="code_size", continuous_update=False)
        self.noise = widgets.SelectionSlider(options=NOISE_LEVELS, value=0.2, description="noise",
                                             continuous_update=False)  # one picture per move, not one per pixel dragged
        self.images = widgets.Dropdown(options=list(self.choices), description="images")
        self.sweep_picture, self.noise_picture, self.codes_picture = (widgets.Output() for _ in range(3))
        self.sweep_errors, self.noise_errors = widgets.HTML(), widgets.HTML()
        self._pngs = {}
        self.code_size.observe(lambda change: self.show_sweep(), "value")
        self.noise.observe(lambda change: self.show_noise(), "value")
        self.images.observe(lambda change: (self.show_sweep(), self.show_noise()), "value")
        self.ui = widgets.VBox([self.images, widgets.HTML("<b>Code size</b>: test images and their reconstructions"),
                                self.code_size, self.sweep_errors, self.sweep_picture,
                                widgets.HTML("<b>Noise</b>: the denoiser and the deep model trained on clean images"),
                                self.noise, self.noise_errors, self.noise_picture,
                                widgets.HTML("<b>The 2-number codes</b> of the code_size 2 model, test images"),
                                self.codes_picture])
        self.show_sweep()
        self.show_noise()
        self.show_codes()

    def _ipython_display_(self):  # a cell's last line shows the widgets (ipywidgets 7 and 8 alike)
        from IPython.display import display

        display(self.ui)

    def _picked(self, key):
        """Precomputed images of ``key`` for the images the class picker chose: (m, 784)."""
        return self.shown[key][[self._row[i] for i in self.choices[self.images.value]]]

    def _titles(self):
        return [self.class_names[self.y_test[i]] if self.images.value == "one of each class" else f"#{i}"
                for i in self.choices[self.images.value]]

    def _cached(self, output, key, make_figure, text):
        if key not in self._pngs:
            self._pngs[key] = figure_png(make_figure())
        show_png(output, self._pngs[key], text)

    def show_sweep(self):
        """Show the chosen images, their reconstructions at the chosen code size and PCA's, and the errors."""
        size, e = self.code_size.value, self.errors["sweep"][self.code_size.value]
        x, ae, pca = self._picked("original"), self._picked(("ae", size)), self._picked(("pca", size))
        self.sweep_errors.value = html_table(
            [f"MSE per pixel, code_size {size}", "autoencoder", f"PCA, k = {size}"],
            [[f"all {len(self.x_test):,} test images", f"{e['ae']:.5f}", f"{e['pca']:.5f}"],
             [f"these {len(x)} images", f"{mse(x, ae):.5f}", f"{mse(x, pca):.5f}"]])
        self._cached(self.sweep_picture, ("sweep", size, self.images.value),
                     lambda: image_rows([("original", x), (f"code_size {size}", ae), (f"PCA, k = {size}", pca)],
                                        self._titles()), f"code_size {size}")

    def show_noise(self):
        """Show clean, noisy and both models' outputs at the chosen noise level, and the errors."""
        level, e = self.noise.value, self.errors["noise"][self.noise.value]
        self.noise_errors.value = html_table(
            [f"MSE per pixel against the clean images, noise {level:.2f}", "noisy input", "denoiser",
             "deep AE (clean-trained)"],
            [[f"first {self.n_noise_eval:,} test images", *(f"{e[k]:.5f}" for k in ("noisy", "denoiser", "deep"))]])
        self._cached(self.noise_picture, ("noise", level, self.images.value),
                     lambda: image_rows([("clean", self._picked("original")),
                                         (f"noisy ({level:.2f})", self._picked(("noisy", level))),
                                         ("denoiser", self._picked(("denoiser", level))),
                                         ("deep AE", self._picked(("deep", level)))], self._titles()),
                     f"noise {level:.2f}")

    def show_codes(self):
        """Scatter of the code_size 2 model's codes of the test images, coloured by class."""
        if self.codes is None:
            self.codes_picture.outputs = ({"output_type": "stream", "name": "stdout",
                                           "text": "No code_size 2 model in this run.\n"},)
            return
        fig = Figure(figsize=(7, 5.5), dpi=80)
        ax = fig.subplots()
        colors = colormaps["tab10"](np.arange(len(self.class_names)) % 10)
        for c, name in enumerate(self.class_names):
            pts = self.codes[self.y_test == c]
            ax.scatter(pts[:, 0], pts[:, 1], s=3, color=colors[c], label=name, alpha=0.6, rasterized=True)
        ax.set_xlabel("code unit 0")
        ax.set_ylabel("code unit 1")
        ax.legend(fontsize=8, markerscale=4, loc="center left", bbox_to_anchor=(1, 0.5))
        fig.subplots_adjust(left=0.1, right=0.72, bottom=0.1, top=0.97)
        show_png(self.codes_picture, figure_png(fig), "codes")


def explore_autoencoders(models, x_test, y_test, pca, denoiser, deep, encoder2, class_names=CLASS_NAMES,
                         per_class=10, n_noise_eval=2000, seed=0):
    """Sliders over Problem 2's trained models: returns an :class:`AutoencoderExplorer` (a cell's last line shows it).

    ``models``: dict code_size -> the sweep's model (a Keras model or any callable (n, 784) -> (n, 784)) or its
    reconstructions of ``x_test`` (n, 784); ``x_test`` (n, 784) in [0, 1], ``y_test`` (n,) class labels;
    ``pca``: has ``reconstruct(x, k)`` -> (n, 784); ``denoiser``, ``deep``: models (n, 784) -> (n, 784), the
    trained denoiser and the deep model trained on clean images; ``encoder2``: the code_size 2 model's
    encoder (n, 784) -> (n, 2), or None (no scatter).  Shown: the first ``per_class`` test images of the
    picked class; errors on all of x_test (code sizes) and on its first ``n_noise_eval`` images (noise
    levels, one noise draw from ``seed``).
    """
    return AutoencoderExplorer(models, x_test, y_test, pca, denoiser, deep, encoder2, class_names, per_class,
                               n_noise_eval, seed)
