"""Chinese side of ecokg: read an article, clean it, split it, and extract typed records.

loaders/ knows Chinese, not RDF: it returns the plain records of ``records.py``;
``ecokg.graph.builder`` turns them into triples.
"""
