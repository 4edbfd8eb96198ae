"""Thin Qt views over the core and the player, one sub-package per part of the window.

Lower packages never import higher ones: startup < transcript < search, media < library < window.
"""
