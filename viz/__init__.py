"""Interactive, offline HTML network views of the graph."""
