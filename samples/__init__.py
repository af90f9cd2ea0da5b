"""Sample articles written by the ecokg developers (not copies of published text)."""
