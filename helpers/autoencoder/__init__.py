"""Problem 2 (autoencoder.ipynb): Keras autoencoders on Fashion-MNIST, and the numpy ReLU autoencoder of 2(a).

Keras is imported inside the functions that need it, so importing this package stays fast.
"""
from .metrics import PCA, per_class_mse, squared_errors
from .models import add_noise, build_deep_autoencoder, build_shallow_autoencoder, train_autoencoder
from .relu_autoencoder import relu_autoencoder_loss_and_grads

__all__ = ["PCA", "per_class_mse", "squared_errors", "add_noise", "build_deep_autoencoder", "build_shallow_autoencoder", "train_autoencoder", "relu_autoencoder_loss_and_grads"]
