"""Helpers for Assignment 7: numpy networks (Problem 1) and Keras autoencoders (Problem 2)."""
from .gradient_check import eval_numerical_gradient, max_relative_error
from .layers import relu, softmax_cross_entropy
from .networks import three_layer_loss_and_grads, two_layer_loss_and_grads
from .spiral import make_spiral
from .trainers import FittedNetwork, train_2_layer_network, train_3_layer_network
