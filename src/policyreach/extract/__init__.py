"""Reading policy text: clauses split from a document, and draft rules drafted from each clause."""
