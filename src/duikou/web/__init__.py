"""The web app (``duikou serve``): server-rendered pages (FastAPI + Jinja2 + htmx) and a JSON API under
``/api``, both calling :mod:`duikou.services`, as the CLI does."""
