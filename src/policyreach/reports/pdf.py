"""HTML to PDF with headless chromium's print-to-PDF (Debian's chromium, the CJK font from fonts-noto-cjk)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


class PdfUnavailable(RuntimeError):
    pass


def chromium() -> str:
    """POLICYREACH_CHROMIUM, else the first chromium on PATH (Debian installs /usr/bin/chromium)."""
    found = os.environ.get("POLICYREACH_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise PdfUnavailable("未安装 chromium，无法生成 PDF（make run 会自动安装）")
    return found


def html_to_pdf(html: str, timeout: float = 60) -> bytes:
    with tempfile.TemporaryDirectory(prefix="policyreach-pdf-") as tmp:
        source, target = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        source.write_text(html, encoding="utf-8")
        command = [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp}/profile",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        if result.returncode != 0 or not target.exists():
            raise PdfUnavailable(f"chromium 生成 PDF 失败：{result.stderr.decode(errors='replace')[-500:]}")
        return target.read_bytes()
