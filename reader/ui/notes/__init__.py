"""Marks and notes: marking lines while listening, the Notes panel, its note editor, export."""
