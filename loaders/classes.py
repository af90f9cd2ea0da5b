"""Groups of ontology classes (local names) that the relation rules test against.

Each group is a class with its subclasses, read from the ontology's subclass axioms
(``class_groups.group``), so a new subclass joins the groups of its superclasses.
"""

from __future__ import annotations

from ecokg.loaders.class_groups import group

ORG = group("Organization")
PLACE = group("Place")
PRODUCT = group("Product")
POLICY = group("Policy")
# things that sit inside a park (not a subclass relation: a role)
SITE = frozenset({"Infrastructure", "Venue", "Platform", "InnovationCenter", "Company"})
