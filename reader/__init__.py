"""Transcript Reader: read a timestamped transcript while its recording plays."""

__version__ = "0.1.0"
