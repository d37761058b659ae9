"""The report as HTML (Jinja2, autoescaped): the standalone document with its print styles (the .html
download, and the .pdf through WeasyPrint) and the body alone (the web app's report page)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from duikou.report import labels
from duikou.report.view import ReportView

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The report's own Jinja2 environment over ``report/templates`` (autoescape on)."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def css() -> Markup:
    """The report's style sheet (our own file, never report text: safe to put in a ``<style>``)."""
    return Markup((TEMPLATES / "report.css").read_text(encoding="utf-8"))


def render_html(view: ReportView) -> str:
    """The whole report as one HTML document, styles inline (print CSS: A4, page numbers)."""
    return environment().get_template("report.html").render(v=view, css=css(), no_source=labels.NO_SOURCE,
                                                            source_links=False)


def render_body(view: ReportView, source_links: bool = False) -> Markup:
    """The report's ``<article class="report">`` alone, for a page that has its own head and frame; with
    ``source_links`` each source links to its report in the web app (``/documents/{id}#fact-{fact}``) and
    the pairing to its page. It is markup made by this autoescaped template (every report text in it
    escaped), hence :class:`Markup`."""
    return Markup(environment().get_template("_body.html").render(v=view, no_source=labels.NO_SOURCE,
                                                                  source_links=source_links))


__all__ = ["render_html", "render_body", "css", "environment", "TEMPLATES"]
