"""Problem 1: the notebook's answer (``answer.py``, from its ``#@save`` cells), every argument checked first."""
import functools

from . import answer
from ..validation import checked

make_spiral = checked(answer.make_spiral)
init_params = checked(answer.init_params)
two_layer_loss_and_grads = checked(answer.two_layer_loss_and_grads, layers=2)
three_layer_loss_and_grads = checked(answer.three_layer_loss_and_grads, layers=3)
_CHECKED = {f.__wrapped__: f for f in (two_layer_loss_and_grads, three_layer_loss_and_grads)}


def _checked_trainer(train):
    """``train`` with its arguments checked; the network's predict() and accuracy() check their X too."""
    train_checked = checked(train)

    @functools.wraps(train)
    def call(*args, **kwargs):
        net = train_checked(*args, **kwargs)
        net.loss_and_grads = _CHECKED[net.loss_and_grads]
        return net
    return call


train_2_layer_network = _checked_trainer(answer.train_2_layer_network)
train_3_layer_network = _checked_trainer(answer.train_3_layer_network)

__all__ = ["make_spiral", "init_params", "two_layer_loss_and_grads", "three_layer_loss_and_grads",
           "train_2_layer_network", "train_3_layer_network"]
