"""Helpers for Assignment 7: one sub-package per notebook, plus the shared modules.

* ``helpers.minimal_nn``  -- Problem 1, numpy networks on the spiral
* ``helpers.autoencoder`` -- Problem 2, Keras autoencoders on Fashion-MNIST (and the numpy 2(a) model)
* ``helpers.report``, ``helpers.validation``, ``helpers.gradient_check`` -- shared
"""
from .gradient_check import check_gradients, eval_numerical_gradient, max_relative_error
from .report import Claims, Num, Shown, markdown_table, records_table, write_json
from .minimal_nn import *  # noqa: F401,F403
from .minimal_nn import __all__ as _nn_all
from .autoencoder import *  # noqa: F401,F403
from .autoencoder import __all__ as _ae_all

__all__ = ["check_gradients", "eval_numerical_gradient", "max_relative_error",
           "Claims", "Num", "Shown", "markdown_table", "records_table", "write_json", *_nn_all, *_ae_all]
