"""Data checks: ``*-violation.rq`` queries; any row returned is a failure."""
