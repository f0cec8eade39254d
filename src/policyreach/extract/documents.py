"""Policy documents as text: plain text, or Word (.docx) read with python-docx, one paragraph per line."""

from __future__ import annotations

from pathlib import Path


def read_document(path: Path) -> str:
    if path.suffix.lower() == ".docx":
        from docx import Document

        document = Document(str(path))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:  # clauses are sometimes laid out in a table
            lines += [" ".join(cell.text for cell in row.cells) for row in table.rows]
        return "\n".join(line for line in lines if line.strip())
    return path.read_text(encoding="utf-8")
