"""Problem 1's measures of a figure's data (regions of a decision boundary, convergence) and its loss curves."""
import matplotlib.pyplot as plt
import numpy as np
from scipy import ndimage


def boundary_length(Z, h=0.015):
    """Length of the decision boundary on grid Z of step h: grid edges between cells of different classes, times h."""
    return h * float((Z[1:] != Z[:-1]).sum() + (Z[:, 1:] != Z[:, :-1]).sum())


def loss_change(loss_history, fraction=0.1):
    """Relative change (%) of the loss over the last ``fraction`` of the iterations (positive: still falling)."""
    its, losses = np.array(loss_history).T
    start = np.searchsorted(its, its[-1] * (1 - fraction))
    return 100 * (losses[start] - losses[-1]) / losses[-1]


def plot_loss_curves(nets):
    """Training loss (log scale) against iteration, one line per ``label: network`` of ``nets``."""
    _, ax = plt.subplots(figsize=(8, 4.5))
    for label, net in nets.items():
        ax.plot(*np.array(net.loss_history).T, label=label)
    ax.set(yscale="log", xlabel="iteration", ylabel="training loss", facecolor="white")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    return ax


def region_facts(Z, X, y, x0, y0, h=0.015, n_classes=3):
    """Per connected region (4-neighbour) of each class on grid Z (rows, cols; step h, cell [0, 0] at (x0, y0)): its
    class, area, whether it touches the edge, and how many training points (X (n, 2), y) of its class lie in it."""
    cols = np.clip(np.rint((X[:, 0] - x0) / h).astype(int), 0, Z.shape[1] - 1)
    rows = np.clip(np.rint((X[:, 1] - y0) / h).astype(int), 0, Z.shape[0] - 1)
    facts = []
    for k in range(n_classes):
        labels, n = ndimage.label(Z == k)
        edge = set(np.unique(np.r_[labels[0], labels[-1], labels[:, 0], labels[:, -1]])) - {0}
        own = labels[rows[y == k], cols[y == k]]
        for r in range(1, n + 1):
            facts.append({"class": k, "area": h * h * float((labels == r).sum()), "edge": r in edge,
                          "points": int((own == r).sum())})
    return facts


def islands(facts, max_points=3):
    """The regions of region_facts that do not touch the edge and hold 1 to max_points training points."""
    return [f for f in facts if not f["edge"] and 1 <= f["points"] <= max_points]
