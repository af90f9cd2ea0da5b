"""ecokg benchmarks: synthetic graphs and articles, and a runner that measures every stage.

``python -m bench`` runs them (see ``bench/run.py``) and writes ``bench/results.json`` and
``docs/benchmarks.md``.
"""
