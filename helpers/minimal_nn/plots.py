"""Plots for Problem 1: the spiral, decision boundaries (the starter's look), loss curves."""
import matplotlib.pyplot as plt
import numpy as np


def use_starter_style():
    """The starter notebook's matplotlib defaults."""
    plt.rcParams["figure.figsize"] = (10.0, 8.0)
    plt.rcParams["image.interpolation"] = "nearest"
    plt.rcParams["image.cmap"] = "gray"
    plt.rcParams["axes.facecolor"] = "lightgray"


def plot_spiral(X, y, ax=None, title=None):
    """Scatter the 2-D points X (n, 2) coloured by label y (n,), limits [-1.5, 1.5]."""
    ax = ax or plt.gca()
    ax.scatter(X[:, 0], X[:, 1], c=y, s=40, cmap=plt.cm.Spectral, edgecolors="k", linewidths=0.3)
    ax.set_xlim([-1.5, 1.5])
    ax.set_ylim([-1.5, 1.5])
    if title:
        ax.set_title(title)
    return ax


def plot_decision_boundary(net, X, y, ax=None, title=None, h=0.015):
    """Filled contours of ``net.predict`` over a grid (step ``h``) with the data on top.

    Grid spans [min-1, max+0.5] in each coordinate, as in the starter.
    """
    ax = ax or plt.gca()
    x_min, x_max = X[:, 0].min() - 1, X[:, 0].max() + 0.5
    y_min, y_max = X[:, 1].min() - 1, X[:, 1].max() + 0.5
    xx, yy = np.meshgrid(np.arange(x_min, x_max, h), np.arange(y_min, y_max, h))
    Z = net.predict(np.c_[xx.ravel(), yy.ravel()]).reshape(xx.shape)
    ax.contourf(xx, yy, Z, cmap=plt.cm.Spectral, alpha=0.5)
    ax.scatter(X[:, 0], X[:, 1], c=y, s=40, cmap=plt.cm.Spectral, edgecolors="k", linewidths=0.3)
    ax.set_xlim(xx.min(), xx.max())
    ax.set_ylim(yy.min(), yy.max())
    if title:
        ax.set_title(title)
    return ax


def plot_boundaries(nets, X, y, ncols=3, size=4.5):
    """One decision-boundary panel per network; ``nets`` maps a title to a fitted network."""
    nrows = -(-len(nets) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows), squeeze=False)
    for ax, (title, net) in zip(axes.flat, nets.items()):
        plot_decision_boundary(net, X, y, ax=ax, title=title)
    for ax in axes.flat[len(nets):]:
        ax.axis("off")
    fig.tight_layout()
    return fig


def plot_loss_curves(nets, ax=None):
    """Training loss (log scale) against iteration for each ``title: network`` in ``nets``."""
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 5))
    for title, net in nets.items():
        it, loss = zip(*net.loss_history)
        ax.plot(it, loss, label=title)
    ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel("training loss (mean cross-entropy)")
    ax.set_facecolor("white")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    return ax
