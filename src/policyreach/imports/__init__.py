"""Import entities from CSV/XLSX (Chinese or English headers), all or nothing, with a marked error copy."""

from policyreach.imports.validate import ImportIssue, ImportResult, validate_import
from policyreach.imports.xlsx import write_marked_copy, write_template

__all__ = ["ImportIssue", "ImportResult", "validate_import", "write_marked_copy", "write_template"]
