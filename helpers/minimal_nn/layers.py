"""ReLU and its backward step, for the numpy ReLU autoencoder of Problem 2(a) (helpers.autoencoder)."""
import numpy as np


def relu(z):
    """ReLU(z) = max(0, z), componentwise."""
    return np.maximum(z, 0)


def relu_backward(dh, h):
    """Gradient through ``h = ReLU(z)``: ``dz = dh * 1[z > 0]`` (in place on ``dh``); ``h > 0`` exactly where ``z > 0``."""
    return np.multiply(dh, h > 0, out=dh)
