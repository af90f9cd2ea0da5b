"""RDF side of ecokg: namespaces, IRI minting, records to triples, the store, export, the CLI."""
