"""Policy files, the entity schema and the rules language: load → parse → check → bind.

Nothing here imports a web framework, a database or a columnar library; the compiled
form (``policyreach.rules.ir``) is what every back end consumes.
"""
