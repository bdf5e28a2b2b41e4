"""Assignment 7: ``minimal_nn`` (Problem 1), ``autoencoder`` (Problem 2); shared: report, validation, gradient_check."""
from . import autoencoder, minimal_nn
from .autoencoder import *  # noqa: F401,F403
from .gradient_check import check_gradients, eval_numerical_gradient, max_relative_error
from .minimal_nn import *  # noqa: F401,F403
from .report import Claims, Num, Shown, markdown_table, records_table, write_json

__all__ = ["check_gradients", "eval_numerical_gradient", "max_relative_error", "Claims", "Num", "Shown",
           "markdown_table", "records_table", "write_json", *minimal_nn.__all__, *autoencoder.__all__]
