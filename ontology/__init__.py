"""The ecokg OWL ontology (``ecokg.ttl``) and SHACL shapes (``shapes.ttl``), as package data."""
