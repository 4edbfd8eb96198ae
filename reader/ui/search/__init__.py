"""Find in the open transcript: the search bar, its results list and their keys."""
