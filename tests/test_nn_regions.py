"""The region measures the 1(c) discussions quote: regions per class, touching the edge, training points inside."""
import numpy as np

from helpers.minimal_nn.plots import islands, region_facts


def test_region_facts_find_an_island_an_edge_region_and_an_empty_one():
    """Catches: an island counted as touching the edge, points counted from another class or at swapped axes."""
    Z = np.zeros((20, 30), dtype=int)
    Z[5:8, 10:14] = 1  # closed island of class 1: rows 5-7 (y), columns 10-13 (x)
    Z[:, 25:] = 2  # a band of class 2 along the right edge
    Z[15:18, 2:5] = 1  # a second island of class 1 without a training point of class 1
    h, x0, y0 = 0.1, -1.0, -2.0
    X = np.array([[x0 + 11 * h, y0 + 6 * h],  # class 1, inside the first island
                  [x0 + 26 * h, y0 + 3 * h],  # class 2, in the band
                  [x0 + 3 * h, y0 + 16 * h]])  # class 0 inside the second island: not its class
    y = np.array([1, 2, 0])
    facts = region_facts(Z, X, y, x0, y0, h=h)
    regions = sorted((f["class"], f["edge"], f["points"]) for f in facts)  # each class's regions, counted
    assert regions == [(0, True, 0), (1, False, 0), (1, False, 1), (2, True, 1)]
    assert [(f["class"], f["points"]) for f in islands(facts)] == [(1, 1)]
    assert abs(sum(f["area"] for f in facts) - Z.size * h * h) < 1e-9
