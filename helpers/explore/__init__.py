"""The live explorers: ``explore_spiral()`` (Problem 1), ``explore_autoencoders(...)`` (Problem 2); docs/explore.md."""
from .autoencoders import explore_autoencoders
from .spiral import SpiralExplorer, explore_spiral

__all__ = ["explore_autoencoders", "SpiralExplorer", "explore_spiral"]
