"""GUI-free core: transcript model, file formats, search and media pairing.

Nothing under this package may import Qt or vlc (a test keeps it so).
"""
