"""Groups of ontology classes (local names) that the relation rules test against."""

from __future__ import annotations

ORG = frozenset({"Organization", "GovernmentBody", "Company", "InnovationCenter", "Committee"})
PLACE = frozenset({"Place", "IndustrialPark", "Venue"})
PRODUCT = frozenset({"Product", "AIModel", "Robot"})
POLICY = frozenset({"Policy", "PolicyDocument", "Fund", "Subsidy"})
SITE = frozenset({"Infrastructure", "Venue", "Platform", "InnovationCenter", "Company"})  # things inside a park
