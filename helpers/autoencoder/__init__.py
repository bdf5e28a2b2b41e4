"""Problem 2 (autoencoder.ipynb): Keras autoencoders on Fashion-MNIST (Keras imported lazily), 2(a)'s numpy one."""
from .metrics import PCA, error_table, per_class_mse, squared_errors
from .models import add_noise, build_deep_autoencoder, build_shallow_autoencoder
from .relu_autoencoder import relu_autoencoder_loss_and_grads, relu_output_dead_pixel_demo
from .training import run_autoencoder

__all__ = ["PCA", "error_table", "per_class_mse", "squared_errors", "add_noise", "build_deep_autoencoder",
           "build_shallow_autoencoder", "relu_autoencoder_loss_and_grads", "relu_output_dead_pixel_demo",
           "run_autoencoder"]
