"""Full-text index of the library's `search_text` (already lower-case and accent-free), built
only by the database that runs this migration:

- PostgreSQL: a stored generated column `search_vector` (`to_tsvector('french', search_text)`,
  French stemming) with a GIN index; the database keeps it up to date by itself.
- SQLite: an external-content FTS5 table `resources_resource_fts` (porter stemming over
  unicode61) kept in sync with `resources_resource` by three triggers.

Neither is known to Django's model state (`nec.resources.selectors.search` reads them). On
SQLite, a later migration that makes Django rebuild `resources_resource` drops its triggers:
such a migration must run `install_sqlite` again (it is idempotent and re-indexes)."""

from django.db import migrations

SQLITE_INSTALL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS resources_resource_fts USING fts5(
        search_text, content='resources_resource', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS resources_resource_fts_insert
        AFTER INSERT ON resources_resource BEGIN
        INSERT INTO resources_resource_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS resources_resource_fts_delete
        AFTER DELETE ON resources_resource BEGIN
        INSERT INTO resources_resource_fts(resources_resource_fts, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS resources_resource_fts_update
        AFTER UPDATE OF search_text ON resources_resource BEGIN
        INSERT INTO resources_resource_fts(resources_resource_fts, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        INSERT INTO resources_resource_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    "INSERT INTO resources_resource_fts(resources_resource_fts) VALUES ('rebuild')",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS resources_resource_fts_insert",
    "DROP TRIGGER IF EXISTS resources_resource_fts_delete",
    "DROP TRIGGER IF EXISTS resources_resource_fts_update",
    "DROP TABLE IF EXISTS resources_resource_fts",
]
POSTGRESQL_INSTALL = [
    """ALTER TABLE resources_resource ADD COLUMN IF NOT EXISTS search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('french'::regconfig, search_text)) STORED""",
    """CREATE INDEX IF NOT EXISTS resources_resource_search_vector
        ON resources_resource USING gin (search_vector)""",
]
POSTGRESQL_REMOVE = [
    "DROP INDEX IF EXISTS resources_resource_search_vector",
    "ALTER TABLE resources_resource DROP COLUMN IF EXISTS search_vector",
]


def _run(schema_editor, statements) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)


def install_sqlite(schema_editor) -> None:
    _run(schema_editor, SQLITE_INSTALL)


def install(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_INSTALL)
    elif vendor == "sqlite":
        install_sqlite(schema_editor)


def remove(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_REMOVE)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_REMOVE)


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
