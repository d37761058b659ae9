from tests.ledger.conftest import db_url, fake_gazetteer, ledger, pg_server, pg_template, pg_url  # noqa: F401
