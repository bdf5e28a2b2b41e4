"""Problem 1 (minimal_neural_network.ipynb): numpy ReLU/softmax networks on the spiral."""
from .answer import show_answer
from .networks import init_params, softmax_cross_entropy, three_layer_loss_and_grads, two_layer_loss_and_grads
from .plots import plot_boundaries, plot_decision_boundary, plot_loss_curves, plot_spiral, use_starter_style
from .spiral import make_spiral
from .training import (FittedNetwork, gradient_descent, train_2_layer_network,
                       train_3_layer_network)

__all__ = ["show_answer", "init_params", "softmax_cross_entropy", "three_layer_loss_and_grads", "two_layer_loss_and_grads",
           "plot_boundaries", "plot_decision_boundary", "plot_loss_curves", "plot_spiral", "use_starter_style",
           "make_spiral", "FittedNetwork", "gradient_descent", "train_2_layer_network",
           "train_3_layer_network"]
