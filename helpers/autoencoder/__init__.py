"""Problem 2 (autoencoder.ipynb): Keras autoencoders on Fashion-MNIST, and the numpy ReLU autoencoder of 2(a).

Modules: ``models`` (data preparation, noise, builders), ``training`` (``model.fit`` and the compiled-epoch
fast path, one helper per trained model), ``metrics`` (squared errors, PCA), ``plots``, ``relu_autoencoder``
(2(a): loss, gradients and the dead-pixel demonstration), ``data`` (Fashion-MNIST files), ``params`` (the
notebook's parameters, checked before any work).
Keras is imported inside the functions that need it, so importing this package stays fast.
"""
from .metrics import PCA, error_table, per_class_mse, squared_errors
from .models import add_noise, build_deep_autoencoder, build_shallow_autoencoder
from .relu_autoencoder import relu_autoencoder_loss_and_grads, relu_output_dead_pixel_demo
from .training import TrainedAutoencoder, run_autoencoder, train_autoencoder, train_fast

__all__ = ["PCA", "error_table", "per_class_mse", "squared_errors", "add_noise", "build_deep_autoencoder",
           "build_shallow_autoencoder", "relu_autoencoder_loss_and_grads", "relu_output_dead_pixel_demo",
           "TrainedAutoencoder", "run_autoencoder", "train_autoencoder", "train_fast"]
