"""Operaciones de migración que solo tienen sentido en PostgreSQL.

Los índices GIN de trigramas y GiST de rangos de fechas no existen en SQLite (la base de las
pruebas y de la demo); ``SoloPostgreSQL`` los crea en PostgreSQL y no hace nada en otra base.
Como no tocan el estado de los modelos, ``makemigrations --check`` sigue limpio.
"""

from django.db import migrations


class SoloPostgreSQL(migrations.RunSQL):
    """Un RunSQL que corre solo si la base es PostgreSQL (en las dos direcciones)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return "SQL solo para PostgreSQL"
