"""Policy documents as text: plain text, or Word (.docx) read with python-docx, one paragraph per line."""

from __future__ import annotations

from pathlib import Path


def read_document(path: Path) -> str:
    if path.suffix.lower() == ".docx":
        # python-docx (with lxml) takes ~40 ms to import: paid only when a Word file is read
        from docx import Document
        from docx.table import Table

        document = Document(str(path))
        lines: list[str] = []
        # paragraphs and tables in the order they appear: clauses are sometimes laid out in a table row
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines += [" ".join(dict.fromkeys(cell.text for cell in row.cells)) for row in block.rows]
            else:
                lines.append(block.text)
        return "\n".join(line for line in lines if line.strip())
    return path.read_text(encoding="utf-8")
