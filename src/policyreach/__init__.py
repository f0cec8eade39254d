"""PolicyReach (政策通): support policies as executable rules, matched to the entities of a city."""

__version__ = "0.1.0"
