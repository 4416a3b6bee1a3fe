"""Bloqueo optimista del borrador: su revisión y quién lo cambió por última vez.

En SQLite, agregar una columna con valor por omisión rehace la tabla y con ella se pierden
los disparadores del informe final (0002): se vuelven a crear.
"""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

inmutable = importlib.import_module("informes.migrations.0002_informe_final_inmutable")


def _disparadores_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sentencia in [*inmutable.SQLITE_REVERSA, *inmutable.SQLITE]:
            schema_editor.execute(sentencia)


class Migration(migrations.Migration):
    dependencies = [
        ("informes", "0003_permiso_finalizar"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="informecontribucion",
            name="modificado_por",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="modificado por",
            ),
        ),
        migrations.AddField(
            model_name="informecontribucion",
            name="revision",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Sube con cada cambio; evita que un formulario viejo borre otro cambio.",
                verbose_name="revisión",
            ),
        ),
        migrations.RunPython(_disparadores_sqlite, migrations.RunPython.noop),
    ]
