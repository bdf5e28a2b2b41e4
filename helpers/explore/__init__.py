"""Live explorers for an interactive session (core ipywidgets; pictures are matplotlib PNGs in an Output).

``explore_spiral()`` (Problem 1) and ``explore_autoencoders(...)`` (Problem 2); see docs/explore.md.
"""
from .autoencoders import AutoencoderExplorer, explore_autoencoders
from .spiral import SpiralExplorer, explore_spiral

__all__ = ["AutoencoderExplorer", "explore_autoencoders", "SpiralExplorer", "explore_spiral"]
