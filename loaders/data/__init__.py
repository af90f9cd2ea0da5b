"""Loader data files: gazetteer, suffix lists, boilerplate markers (hand-edited)."""
