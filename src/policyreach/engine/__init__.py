"""Evaluation of compiled libraries: one entity at a time, or a whole population at once.

Imports no web framework or database; the columnar back end uses Polars and NumPy.
"""
