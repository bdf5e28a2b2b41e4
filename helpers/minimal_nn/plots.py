"""Problem 1's measures of a figure's data (regions of a decision boundary, convergence) and its loss curves."""
import matplotlib.pyplot as plt
import numpy as np
from scipy import ndimage


def regions_per_class(Z, n_classes=3):
    """Connected regions (4-neighbour) of each class on the class grid Z (rows, cols): a list of ints."""
    return [ndimage.label(Z == k)[1] for k in range(n_classes)]


def boundary_length(Z, h=0.015):
    """Length of the decision boundary on grid Z of step h: grid edges between cells of different classes, times h."""
    return h * float((Z[1:] != Z[:-1]).sum() + (Z[:, 1:] != Z[:, :-1]).sum())


def loss_change(loss_history, fraction=0.1):
    """Relative change (%) of the loss over the last ``fraction`` of the iterations (positive: still falling)."""
    its, losses = np.array(loss_history).T
    start = np.searchsorted(its, its[-1] * (1 - fraction))
    return 100 * (losses[start] - losses[-1]) / losses[-1]


def plot_loss_curves(nets, ax=None):
    """Training loss (log scale) against iteration, one line per ``label: network`` of ``nets``."""
    ax = ax or plt.subplots(figsize=(8, 4.5))[1]
    for label, net in nets.items():
        ax.plot(*np.array(net.loss_history).T, label=label)
    ax.set(yscale="log", xlabel="iteration", ylabel="training loss", facecolor="white")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    return ax
