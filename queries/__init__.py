"""Named SPARQL queries (``*.rq``), one per competency question, and the code that runs them."""
