"""The library: every transcript in the user's folders, browsed and searched at once."""
