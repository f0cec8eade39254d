"""A minimal PDF writer for tests: Chinese text in a text layer (a Type0 font with a ToUnicode map and no embedded
glyphs, which is all a text extractor reads), lines broken at a fixed width the way a printed page breaks them."""

from __future__ import annotations

from pathlib import Path

COLUMN = 160  # points between the starts of a line's columns (a tab in the text)


def write_pdf(text: str, path: Path, width: int = 34, lines_per_page: int = 40) -> None:
    lines: list[str] = []
    for paragraph in text.splitlines():
        while len(paragraph) > width:  # the page's width, not the sentence, decides where a line ends
            lines.append(paragraph[:width])
            paragraph = paragraph[width:]
        lines.append(paragraph)
    chars = sorted({c for line in lines for c in line} - {"\t"})
    code = {c: i + 1 for i, c in enumerate(chars)}
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]

    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    cmap_entries = []
    for i in range(0, len(chars), 100):
        block = chars[i : i + 100]
        cmap_entries.append(f"{len(block)} beginbfchar")
        cmap_entries += [f"<{code[c]:04X}> <{ord(c):04X}>" for c in block]
        cmap_entries.append("endbfchar")
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n" + "\n".join(cmap_entries) + "\nendcmap "
        "CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    tounicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /STSong /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 "
        b"/Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
    )
    cid = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 >>" % descriptor
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong /Encoding /Identity-H /DescendantFonts [%d 0 R] "
        b"/ToUnicode %d 0 R >>" % (cid, tounicode)
    )
    page_ids = []
    parent_placeholder = len(objects) + 1 + 2 * len(pages)  # the Pages object comes after every page
    for page in pages:
        ops = ["BT", "/F1 11 Tf", "14 TL", "40 800 Td"]
        for line in page:
            # a tab sets the rest of the line in a column of its own further right (a header's two ends, a table's
            # cells), as a printed page places them: the text layer holds them apart by position, not by a space
            first, *columns = line.split("\t")
            op = "<" + "".join(f"{code[c]:04X}" for c in first) + "> Tj"
            for column in columns:
                op += f" {COLUMN} 0 Td <" + "".join(f"{code[c]:04X}" for c in column) + "> Tj"
            ops.append(op + (f" {-COLUMN * len(columns)} 0 Td T*" if columns else " T*"))
        ops.append("ET")
        stream = "\n".join(ops).encode()
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (parent_placeholder, content, font)
            )
        )
    kids = " ".join(f"{i} 0 R" for i in page_ids).encode()
    pages_id = add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids)))
    assert pages_id == parent_placeholder
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))
