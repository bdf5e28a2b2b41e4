"""Problem 2, live: sliders over the trained autoencoders.  All a slider shows is computed when the explorer is
made, so a slider only draws a picture (kept once drawn)."""
import ipywidgets as widgets
import numpy as np
from matplotlib import colormaps
from matplotlib.figure import Figure

from .common import SLIDER, Explorer, html_table, png, show_png
from ..autoencoder.data import CLASS_NAMES
from ..validation import check_labels, check_matrix, require

NOISE_LEVELS = tuple(np.round(np.arange(0.0, 0.61, 0.05), 2).tolist())  # the starter's 0.2 among them
PER_CLASS = 10        # images shown when one class is picked
N_NOISE_EVAL = 2000   # the noise levels' errors: over the first 2,000 test images
ONE_OF_EACH = "one of each class"


def apply(f, x, batch_size=4096):
    """``f`` (a Keras model or any callable (m, 784) -> (m, d)) applied to x (n, 784) in batches -> float32 (n, d)."""
    x = np.asarray(x, dtype=np.float32)
    return np.concatenate([np.asarray(f(x[i:i + batch_size]), dtype=np.float32) for i in range(0, len(x), batch_size)])


def mse(x, x_hat):
    """Mean squared error per pixel of x_hat (n, D) against x (n, D)."""
    return float(np.mean((np.asarray(x, np.float64) - x_hat) ** 2))


def image_rows(rows, titles, gap=3):
    """A figure of ``rows`` [(label, images (m, 784))] under ``titles``, as one image (10x faster than m axes)."""
    step = 28 + gap
    mosaic = np.ones((len(rows) * step - gap, len(titles) * step - gap), np.float32)
    for r, (_, images) in enumerate(rows):
        for c, image in enumerate(images[:len(titles)]):
            mosaic[r * step:r * step + 28, c * step:c * step + 28] = image.reshape(28, 28)
    cell = 0.9 / step  # inches per pixel of the mosaic
    width, height = 1.4 + cell * mosaic.shape[1], 0.25 + cell * mosaic.shape[0]
    fig = Figure(figsize=(width, height), dpi=80)
    ax = fig.add_axes([1.4 / width, 0, cell * mosaic.shape[1] / width, cell * mosaic.shape[0] / height])
    ax.imshow(mosaic, cmap="gray", vmin=0, vmax=1, interpolation="nearest")
    ax.axis("off")
    for r, (label, _) in enumerate(rows):
        ax.text(-6, r * step + 14, label, ha="right", va="center", fontsize=9)
    for c, title in enumerate(titles):
        ax.text(c * step + 14, -4, title, ha="center", va="bottom", fontsize=8)
    return fig


def check_args(models, x_test, y_test, pca, denoiser, deep, encoder2, class_names):
    """The explorer's arguments, checked before any work (ValueError naming a bad one); returns x_test, y_test."""
    x_test = check_matrix(x_test, "x_test", n_cols=784, dtype=np.float32)
    y_test = check_labels(y_test, len(x_test), n_classes=len(class_names), name="y_test")
    require(isinstance(models, dict) and models, "models", "a non-empty dict code_size -> model")
    named = [(f"models[{c}]", f) for c, f in models.items()] + [
        ("denoiser", denoiser), ("deep", deep), ("pca.reconstruct", getattr(pca, "reconstruct", None))]
    for name, f in named + ([("encoder2", encoder2)] if encoder2 is not None else []):
        require(callable(f), name, f"callable (a model), got {type(f).__name__}")
    codes_shape = apply(encoder2, x_test[:2]).shape if encoder2 is not None else (None, 2)
    require(codes_shape[1:] == (2,), "encoder2", f"a map of (n, 784) images to (n, 2) codes, got {codes_shape}")
    return x_test, y_test


class AutoencoderExplorer(Explorer):
    """Sliders over Problem 2's models (docs/explore.md): ``models`` {code_size: (n, 784) -> (n, 784)}, ``x_test``
    (n, 784), ``y_test`` (n,), ``pca.reconstruct(x, k)``, ``denoiser``, ``deep``, ``encoder2`` (n, 784) -> (n, 2)
    or None; the widgets ``code_size``, ``noise``, ``images`` drive ``sweep_*`` and ``noise_*``."""

    def __init__(self, models, x_test, y_test, pca, denoiser, deep, encoder2, class_names=CLASS_NAMES):
        x_test, y_test = check_args(models, x_test, y_test, pca, denoiser, deep, encoder2, class_names)
        self.class_names, self.x_test, self.y_test = list(class_names), x_test, y_test
        # What the class picker offers: one test image of each class, or a class's first PER_CLASS.
        first = {self.class_names[c]: np.flatnonzero(y_test == c)[:PER_CLASS].tolist() for c in np.unique(y_test)}
        self.choices = {ONE_OF_EACH: [ix[0] for ix in first.values()], **first}
        shown = sorted(i for ix in first.values() for i in ix)
        self._row = {i: r for r, i in enumerate(shown)}  # test index -> row of the precomputed arrays
        self.sizes, self.shown, self.errors = sorted(models), {"original": x_test[shown]}, {"sweep": {}, "noise": {}}
        for size in self.sizes:
            x_hat, pca_hat = apply(models[size], x_test), np.asarray(pca.reconstruct(x_test, size))
            self.errors["sweep"][size] = {"ae": mse(x_test, x_hat), "pca": mse(x_test, pca_hat)}
            self.shown[("ae", size)], self.shown[("pca", size)] = x_hat[shown], pca_hat[shown].clip(0, 1)
        # Noise: one fixed draw per test image (seed 0), scaled by the level, as the starter's clip(x + level * eps)
        # on the first N_NOISE_EVAL images (the errors) and on the shown ones.
        self.n_noise_eval = min(N_NOISE_EVAL, len(x_test))
        rows = np.r_[np.arange(self.n_noise_eval), shown]
        eps = np.random.default_rng(0).standard_normal((rows.max() + 1, 784), np.float32)[rows]
        x_rows, n = x_test[rows], self.n_noise_eval
        for level in NOISE_LEVELS:
            noisy = np.clip(x_rows + np.float32(level) * eps, 0.0, 1.0)
            out = {"noisy": noisy, "denoiser": apply(denoiser, noisy), "deep": apply(deep, noisy)}
            self.errors["noise"][level] = {k: mse(x_rows[:n], v[:n]) for k, v in out.items()}
            self.shown.update({(k, level): v[n:] for k, v in out.items()})
        self.codes = None if encoder2 is None else apply(encoder2, x_test)

        self.code_size = widgets.SelectionSlider(options=self.sizes, value=self.sizes[len(self.sizes) // 2],
                                                 description="code_size", **SLIDER)
        self.noise = widgets.SelectionSlider(options=NOISE_LEVELS, value=0.2, description="noise", **SLIDER)
        self.images = widgets.Dropdown(options=list(self.choices), description="images", style=SLIDER["style"])
        self.sweep_picture, self.noise_picture, self.codes_picture = (widgets.Output() for _ in range(3))
        self.sweep_errors, self.noise_errors, self._pngs = widgets.HTML(), widgets.HTML(), {}
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

    def picked(self, key):
        """Precomputed images of ``key`` (a key of ``shown``) for the images the class picker chose: (m, 784)."""
        return self.shown[key][[self._row[i] for i in self.choices[self.images.value]]]

    def _show_rows(self, output, what, rows):
        """Show ``rows`` [(label, key of ``shown``)] of the picked images in ``output``; drawn pictures are kept."""
        key, ix = (what, self.images.value), self.choices[self.images.value]
        if key not in self._pngs:
            titles = [self.class_names[self.y_test[i]] if self.images.value == ONE_OF_EACH else f"#{i}" for i in ix]
            self._pngs[key] = png(image_rows([(label, self.picked(k)) for label, k in rows], titles))
        show_png(output, self._pngs[key], what)

    def show_sweep(self):
        """Show the chosen images, their reconstructions at the chosen code size and PCA's, and the errors."""
        size, e = self.code_size.value, self.errors["sweep"][self.code_size.value]
        x, ae, pca = self.picked("original"), self.picked(("ae", size)), self.picked(("pca", size))
        self.sweep_errors.value = html_table(
            [f"MSE per pixel, code_size {size}", "autoencoder", f"PCA, k = {size}"],
            [[f"all {len(self.x_test):,} test images", f"{e['ae']:.5f}", f"{e['pca']:.5f}"],
             [f"these {len(x)} images", f"{mse(x, ae):.5f}", f"{mse(x, pca):.5f}"]])
        self._show_rows(self.sweep_picture, f"code_size {size}",
                        [("original", "original"), (f"code_size {size}", ("ae", size)),
                         (f"PCA, k = {size}", ("pca", size))])

    def show_noise(self):
        """Show clean, noisy and both models' outputs at the chosen noise level, and the errors."""
        level, e = self.noise.value, self.errors["noise"][self.noise.value]
        self.noise_errors.value = html_table(
            [f"MSE per pixel against the clean images, noise {level:.2f}", "noisy input", "denoiser",
             "deep AE (clean-trained)"],
            [[f"first {self.n_noise_eval:,} test images", *(f"{e[k]:.5f}" for k in ("noisy", "denoiser", "deep"))]])
        self._show_rows(self.noise_picture, f"noise {level:.2f}",
                        [("clean", "original"), (f"noisy ({level:.2f})", ("noisy", level)),
                         ("denoiser", ("denoiser", level)), ("deep AE", ("deep", level))])

    def show_codes(self):
        """Scatter of the code_size 2 model's codes of the test images, coloured by class."""
        if self.codes is None:
            return self.codes_picture.append_stdout("No code_size 2 model in this run.\n")
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
        show_png(self.codes_picture, png(fig), "codes")


explore_autoencoders = AutoencoderExplorer  # the notebook's call: a cell's last line shows the explorer
