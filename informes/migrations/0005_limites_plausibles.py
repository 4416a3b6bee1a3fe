"""Límites de valores plausibles (programa/limites.py): el rango fijo que guarda la base.

Primero se revisa que ninguna fila existente lo rompa (si alguna lo rompe, la migración se
detiene y dice cuáles); los validadores de los campos no tocan la base.
"""

import datetime
import importlib

from django.conf import settings
from django.db import migrations, models

import programa.limites
from programa.migraciones import revisar_rango

inmutable = importlib.import_module("informes.migrations.0002_informe_final_inmutable")


def disparadores_sqlite(apps, schema_editor):
    """En SQLite, agregar un CHECK rehace la tabla y se lleva sus disparadores: se reponen."""
    if schema_editor.connection.vendor == "sqlite":
        for sentencia in inmutable.SQLITE_REVERSA + inmutable.SQLITE:
            schema_editor.execute(sentencia)


class Migration(migrations.Migration):
    dependencies = [
        ("convenios", "0005_limites_plausibles"),
        ("informes", "0004_revision_bloqueo_optimista"),
        ("programa", "0004_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        revisar_rango(
            "informes.InformeContribucion",
            fechas=("desde", "hasta", "corte"),
            piso=datetime.date(2000, 1, 1),
            techo=datetime.date(2100, 12, 31),
        ),
        migrations.AlterField(
            model_name="informecontribucion",
            name="corte",
            field=models.DateField(
                help_text="Lo programado después de esta fecha se redacta en futuro.",
                validators=[programa.limites.validar_fecha],
                verbose_name="fecha de corte",
            ),
        ),
        migrations.AlterField(
            model_name="informecontribucion",
            name="desde",
            field=models.DateField(
                validators=[programa.limites.validar_fecha], verbose_name="periodo desde"
            ),
        ),
        migrations.AlterField(
            model_name="informecontribucion",
            name="hasta",
            field=models.DateField(
                validators=[programa.limites.validar_fecha], verbose_name="periodo hasta"
            ),
        ),
        migrations.AddConstraint(
            model_name="informecontribucion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("desde__gte", datetime.date(2000, 1, 1)),
                    ("desde__lte", datetime.date(2100, 12, 31)),
                    ("hasta__gte", datetime.date(2000, 1, 1)),
                    ("hasta__lte", datetime.date(2100, 12, 31)),
                    ("corte__gte", datetime.date(2000, 1, 1)),
                    ("corte__lte", datetime.date(2100, 12, 31)),
                ),
                name="informe_contribucion_fechas_plausibles",
                violation_error_message="Las fechas deben estar entre el 01/01/2000 y el 31/12/2100.",
            ),
        ),
        migrations.RunPython(disparadores_sqlite, disparadores_sqlite),
    ]
