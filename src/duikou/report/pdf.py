"""The report as PDF: the same HTML document as the .html download and the web page, laid out by
WeasyPrint (A4, page numbers from the print CSS). The fonts are the system's Noto CJK fonts, found through
fontconfig and embedded (subset) in the file, so the text is readable and extractable anywhere.
"""
from __future__ import annotations

import logging
from typing import Any

from duikou.report.errors import ReportError, missing_extra
from duikou.report.htmldoc import TEMPLATES, render_html
from duikou.report.view import ReportView

# The font families the style sheet asks for; without one of them the Chinese text would be drawn in
# whatever fontconfig falls back to, or not at all.
CJK_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError as exc:
        raise missing_extra("PDF", "weasyprint") from exc
    except OSError as exc:  # the library is there but pango (its layout engine) is not
        raise ReportError(f"WeasyPrint cannot start ({exc}): install pango (Debian: libpango-1.0-0 "
                          "libpangoft2-1.0-0) to write PDF reports") from exc
    return weasyprint


def cjk_fonts_missing() -> list[str]:
    """The families of :data:`CJK_FAMILIES` fontconfig does not know (``fc-list``; [] when it cannot ask)."""
    import shutil
    import subprocess

    exe = shutil.which("fc-list")
    if exe is None:
        return []
    out = subprocess.run([exe, ":", "family"], capture_output=True, text=True, timeout=60).stdout
    return [f for f in CJK_FAMILIES if f not in out]


def render_pdf(view: ReportView) -> bytes:
    """The report as a PDF (bytes). A :class:`ReportError` when WeasyPrint or the CJK fonts are missing."""
    weasyprint = _weasyprint()
    missing = cjk_fonts_missing()
    if missing:
        raise ReportError(f"the fonts {', '.join(missing)} are not installed (Debian: fonts-noto-cjk): a PDF "
                          "report without them would not show its Chinese text")
    # WeasyPrint logs every CSS property it does not know at WARNING; the report's CSS also serves browsers.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    doc = weasyprint.HTML(string=render_html(view), base_url=str(TEMPLATES))
    pdf: bytes = doc.write_pdf()
    return pdf


__all__ = ["render_pdf", "cjk_fonts_missing", "CJK_FAMILIES"]
