"""Django's SQLite backend with the Vietnamese collation PostgreSQL has from ICU."""

from django.db.backends.sqlite3 import base, schema

from borderwork.collation import VIETNAMESE, compare


class DatabaseSchemaEditor(schema.DatabaseSchemaEditor):
    def _collate_sql(self, collation):
        # Django's SQLite editor writes the name bare; "vi-VN-x-icu" needs quoting.
        return "COLLATE " + self.quote_name(collation)


class DatabaseWrapper(base.DatabaseWrapper):
    SchemaEditorClass = DatabaseSchemaEditor

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        # Name columns declare COLLATE "vi-VN-x-icu"; SQLite needs the function on every
        # connection, before the first query that sorts or compares them.
        connection.create_collation(VIETNAMESE, compare)
        return connection
