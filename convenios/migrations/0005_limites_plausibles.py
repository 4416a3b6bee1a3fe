"""Límites de valores plausibles (programa/limites.py): el rango fijo que guarda la base.

Primero se revisa que ninguna fila existente lo rompa (si alguna lo rompe, la migración se
detiene y dice cuáles); los validadores de los campos no tocan la base.
"""

import datetime

from django.db import migrations, models

import programa.limites
from programa.migraciones import revisar_rango


class Migration(migrations.Migration):
    dependencies = [
        ("convenios", "0004_historial_borrado_en_grupo"),
        ("programa", "0004_roles"),
    ]

    operations = [
        revisar_rango(
            "convenios.Convenio",
            fechas=("fecha_firma", "vigencia_inicio", "vigencia_fin"),
            piso=datetime.date(2000, 1, 1),
            techo=datetime.date(2100, 12, 31),
        ),
        migrations.AlterField(
            model_name="convenio",
            name="fecha_firma",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[programa.limites.validar_fecha],
                verbose_name="fecha de firma",
            ),
        ),
        migrations.AlterField(
            model_name="convenio",
            name="vigencia_fin",
            field=models.DateField(
                blank=True,
                help_text="Déjelo vacío si la vigencia es indefinida.",
                null=True,
                validators=[programa.limites.validar_fin_de_vigencia],
                verbose_name="fin de vigencia",
            ),
        ),
        migrations.AlterField(
            model_name="convenio",
            name="vigencia_inicio",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[programa.limites.validar_fecha],
                verbose_name="inicio de vigencia",
            ),
        ),
        migrations.AlterField(
            model_name="historicalconvenio",
            name="fecha_firma",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[programa.limites.validar_fecha],
                verbose_name="fecha de firma",
            ),
        ),
        migrations.AlterField(
            model_name="historicalconvenio",
            name="vigencia_fin",
            field=models.DateField(
                blank=True,
                help_text="Déjelo vacío si la vigencia es indefinida.",
                null=True,
                validators=[programa.limites.validar_fin_de_vigencia],
                verbose_name="fin de vigencia",
            ),
        ),
        migrations.AlterField(
            model_name="historicalconvenio",
            name="vigencia_inicio",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[programa.limites.validar_fecha],
                verbose_name="inicio de vigencia",
            ),
        ),
        migrations.AddConstraint(
            model_name="convenio",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        models.Q(
                            ("fecha_firma__gte", datetime.date(2000, 1, 1)),
                            ("fecha_firma__lte", datetime.date(2100, 12, 31)),
                        ),
                        ("fecha_firma__isnull", True),
                        _connector="OR",
                    ),
                    models.Q(
                        models.Q(
                            ("vigencia_inicio__gte", datetime.date(2000, 1, 1)),
                            ("vigencia_inicio__lte", datetime.date(2100, 12, 31)),
                        ),
                        ("vigencia_inicio__isnull", True),
                        _connector="OR",
                    ),
                    models.Q(
                        models.Q(
                            ("vigencia_fin__gte", datetime.date(2000, 1, 1)),
                            ("vigencia_fin__lte", datetime.date(2100, 12, 31)),
                        ),
                        ("vigencia_fin__isnull", True),
                        _connector="OR",
                    ),
                ),
                name="convenio_fechas_plausibles",
                violation_error_message="Las fechas deben estar entre el 01/01/2000 y el 31/12/2100.",
            ),
        ),
    ]
