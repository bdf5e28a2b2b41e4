"""The autoencoder notebook's figures, of images as rows of 784 = 28 x 28 pixels in [0, 1]; each returns its figure."""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import ticker

from .data import CLASS_NAMES
from .models import IMAGE_SHAPE, INPUT_DIM
from ..validation import check_positive_int


def _log_y(ax):
    """Log y-axis with plain-number labels at 1, 1.5, 2, 3, 5, 7 x 10^k (readable small losses)."""
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(ticker.LogLocator(subs=(1.0, 1.5, 2.0, 3.0, 5.0, 7.0)))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:.3g}"))
    ax.yaxis.set_minor_formatter(ticker.NullFormatter())


def pick_examples(y, per_class=2, seed=0):
    """Indices (10 * per_class,) of random images: each block of 10 holds classes 0..9 in order."""
    per_class = check_positive_int(per_class, "per_class")
    y = np.asarray(y)
    rng = np.random.default_rng(seed)  # (its choice refuses a class with fewer than per_class images)
    chosen = [rng.choice(np.flatnonzero(y == c), size=per_class, replace=False) for c in range(10)]
    return np.stack(chosen, axis=1).ravel()  # (per_class, 10) block by block


def _tiles(ax, images, n_cols, gap, cmap, vmin):
    """Show images (m, 784) on ``ax`` row by row, ``gap`` pixels of ``cmap``'s bad colour (NaN) between them."""
    h, w = IMAGE_SHAPE
    n_rows = int(np.ceil(len(images) / n_cols))
    out = np.full((n_rows * (h + gap) - gap, n_cols * (w + gap) - gap), np.nan)
    for k, img in enumerate(images):
        r, c = divmod(k, n_cols)
        out[r * (h + gap):r * (h + gap) + h, c * (w + gap):c * (w + gap) + w] = np.asarray(img).reshape(h, w)
    ax.imshow(np.ma.masked_invalid(out), cmap=cmap, vmin=vmin, vmax=1, interpolation="nearest")


def plot_image_rows(rows, labels=None):
    """``rows`` = [(row label, images (m, 784)), ...] aligned in columns, 10 a panel, ``labels`` (m,) above them."""
    m = len(rows[0][1])
    if any(len(imgs) != m for _, imgs in rows):
        raise ValueError("every row must hold the same number of images")
    n_cols = min(10, m)
    blocks = int(np.ceil(m / n_cols))
    h, gap = IMAGE_SHAPE[0], 2
    # every row padded with blank (NaN) images to whole blocks, so the last, partial block stays aligned
    padded = [np.concatenate([np.reshape(imgs, (m, -1)), np.full((blocks * n_cols - m, INPUT_DIM), np.nan)])
              for _, imgs in rows]
    fig, axes = plt.subplots(blocks, 1, squeeze=False, figsize=(1.1 * n_cols + 1.4, (1.1 * len(rows) + 0.3) * blocks))
    grey = plt.get_cmap("gray").with_extremes(bad="white")
    for b, ax in enumerate(axes[:, 0]):
        sl = slice(b * n_cols, (b + 1) * n_cols)
        _tiles(ax, [img for p in padded for img in p[sl]], n_cols, gap, grey, 0)
        ax.set_xticks([])
        ax.set_yticks([r * (h + gap) + h / 2 for r in range(len(rows))], [name for name, _ in rows], fontsize=10)
        ax.tick_params(length=0)
        ax.spines[:].set_visible(False)
        for j, lab in enumerate([] if labels is None else np.asarray(labels)[sl]):
            ax.text(j * (h + gap) + h / 2, -1.5, CLASS_NAMES[int(lab)], ha="center", va="bottom", fontsize=8.5)
    fig.tight_layout()
    return fig


def plot_weight_images(W, title=None, max_images=None):
    """Columns of ``W`` (784, m) as numbered 28 x 28 images, each on its own red-blue scale (decoder: ``W.T``)."""
    W = np.asarray(W, dtype=float)
    if W.ndim != 2 or W.shape[0] != INPUT_DIM:
        raise ValueError(f"W must be (784, m), one 28 x 28 image per column, got shape {W.shape}")
    m = W.shape[1] if max_images is None else min(W.shape[1], check_positive_int(max_images, "max_images"))
    n_cols, cell, fontsize = min(16, m), 0.6, 11
    n_rows = int(np.ceil(m / n_cols))
    scale = np.abs(W[:, :m]).max(axis=0)
    scaled = (W[:, :m] / np.where(scale > 0, scale, 1.0)).T  # each image in [-1, 1]
    h, gap = IMAGE_SHAPE[0], 11
    ratio = (n_rows * (h + gap)) / (n_cols * (h + gap))
    fig, ax = plt.subplots(figsize=(cell * n_cols + 0.4, cell * n_cols * ratio + (0.6 if title else 0.2)))
    _tiles(ax, scaled, n_cols, gap, plt.get_cmap("bwr").with_extremes(bad="0.85"), -1)
    ax.axis("off")
    for k in range(m):
        r, c = divmod(k, n_cols)
        ax.text(c * (h + gap) + h / 2, r * (h + gap) - 0.8, str(k), ha="center", va="bottom", fontsize=fontsize)
    if title:
        ax.set_title(title, pad=1.8 * fontsize)  # above the unit numbers of the first row
    fig.tight_layout()
    return fig


def plot_learning_curves(histories, floors=None):
    """A panel per run {name: {"loss", "val_loss"}}: loss above ``floors[name]`` (default 0), the last tenth shaded."""
    fig, axes = plt.subplots(1, len(histories), figsize=(4.4 * len(histories), 3.2), squeeze=False)
    for ax, (name, h) in zip(axes[0], histories.items()):
        floor = (floors or {}).get(name, 0.0)
        epochs = np.arange(1, len(h["loss"]) + 1)
        ax.axvspan(len(epochs) - max(1, round(0.1 * len(epochs))) + 0.5, len(epochs) + 0.5, color="0.9")
        ax.plot(epochs, np.asarray(h["loss"]) - floor, "o-", ms=3, label="training")
        if h.get("val_loss"):
            ax.plot(epochs, np.asarray(h["val_loss"]) - floor, "s-", ms=3, label="validation")
        _log_y(ax)
        ax.set_title(name, fontsize=10)
        ax.set(xlabel="epoch", ylabel="loss" if floor == 0 else "loss above its least value")
        ax.grid(alpha=0.3, which="both")
        ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_code_size_sweep(code_sizes, train_mse, test_mse, pca_ks, pca_train, pca_test):
    """Left: training and test MSE per pixel against code_size (m,), PCA's against k (k,); right: test - training."""
    code_sizes = np.asarray(code_sizes)
    fig, (ax, gap) = plt.subplots(1, 2, figsize=(12, 4.5), gridspec_kw={"width_ratios": [1.5, 1]})
    ax.plot(code_sizes, train_mse, "o-", color="C0", label="autoencoder, training")
    ax.plot(code_sizes, test_mse, "s--", color="C1", label="autoencoder, test")
    gap.plot(code_sizes, np.asarray(test_mse) - np.asarray(train_mse), "o-", color="C0", label="autoencoder")
    ax.plot(pca_ks, pca_train, "-", color="C2", alpha=0.8, label="PCA (k = code_size), training")
    ax.plot(pca_ks, pca_test, ":", color="C3", alpha=0.9, label="PCA (k = code_size), test")
    gap.plot(pca_ks, np.asarray(pca_test) - np.asarray(pca_train), ":", color="C3", label="PCA")
    for a in (ax, gap):
        a.set_xscale("log", base=2)
        a.set_xticks(code_sizes, [str(c) for c in code_sizes])
        a.set_xlabel("code_size (bottleneck units / PCA components)")
        a.grid(alpha=0.3, which="both")
        a.legend(fontsize=8)
    _log_y(ax)
    ax.set(ylabel="MSE per pixel", title="reconstruction error")
    gap.axhline(0, color="k", lw=0.8)
    gap.set(ylabel="test MSE - training MSE", title="generalisation gap")
    fig.tight_layout()
    return fig
