"""Helpers for Assignment 7: numpy networks (Problem 1) and Keras autoencoders (Problem 2)."""
from .gradient_check import check_gradients, eval_numerical_gradient, max_relative_error
from .layers import relu, softmax_cross_entropy
from .networks import three_layer_loss_and_grads, two_layer_loss_and_grads
from .spiral import make_spiral
from .trainers import FittedNetwork, train_2_layer_network, train_3_layer_network
from .relu_autoencoder import relu_autoencoder_loss_and_grads
from .plotting import (plot_boundaries, plot_decision_boundary, plot_loss_curves, plot_spiral,
                       use_starter_style)
from .report import markdown_table, network_summary, records_table, show_source, write_json
from .autoencoders import add_noise, build_deep_autoencoder, build_shallow_autoencoder, train_autoencoder
from .ae_metrics import PCA, per_class_mse, squared_errors
