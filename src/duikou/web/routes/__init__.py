"""The app's pages and API, one module per area. :func:`duikou.web.app.create_app` includes every module
here that has a module-level ``router`` (an :class:`fastapi.APIRouter`), by module name; add a module, not
a line in app.py. Pages are ``include_in_schema=False`` (create_app makes sure); ``/api/...`` routes are the
OpenAPI schema."""
