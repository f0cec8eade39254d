"""Policy documents as text: plain text, or Word (.docx) read with python-docx, one paragraph per line."""

from __future__ import annotations

from pathlib import Path

from policyreach.workbooks import UnreadableFile, check_zip, decode_text


def read_document(path: Path) -> str:
    if path.suffix.lower() == ".docx":
        # python-docx (with lxml) takes ~40 ms to import: paid only when a Word file is read
        from docx import Document
        from docx.table import Table

        with path.open("rb") as handle:
            check_zip(handle, path.name)  # a .docx is a zip: its inflated size is checked before python-docx opens it
        try:
            document = Document(str(path))
        except Exception as exc:  # python-docx raises many kinds for a damaged file: all mean "cannot read this"
            raise UnreadableFile(f"无法读取“{path.name}”：请上传用 Word 保存的 .docx 文件") from exc
        lines: list[str] = []
        # paragraphs and tables in the order they appear: clauses are sometimes laid out in a table row
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines += [" ".join(dict.fromkeys(cell.text for cell in row.cells)) for row in block.rows]
            else:
                lines.append(block.text)
        return "\n".join(line for line in lines if line.strip())
    return decode_text(path.read_bytes(), path.name)
