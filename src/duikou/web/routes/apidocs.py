"""GET /api/docs: the OpenAPI documentation (Swagger UI, served from the package's vendored copy)."""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

router = APIRouter()


@router.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
def api_docs() -> HTMLResponse:
    """The JSON API's interactive documentation, read from /api/openapi.json."""
    return get_swagger_ui_html(openapi_url="/api/openapi.json", title="duikou API",
                               swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                               swagger_css_url="/static/vendor/swagger-ui.css",
                               swagger_favicon_url="/static/favicon.svg")
