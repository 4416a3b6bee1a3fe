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
        ("capacitaciones", "0007_historial_borrado_en_grupo"),
        ("convenios", "0002_historial"),
        ("programa", "0004_roles"),
    ]

    operations = [
        revisar_rango(
            "capacitaciones.Actividad",
            fechas=("fecha_inicio", "fecha_fin"),
            piso=datetime.date(2000, 1, 1),
            techo=datetime.date(2100, 12, 31),
        ),
        revisar_rango(
            "capacitaciones.Producto",
            fechas=("fecha",),
            piso=datetime.date(2000, 1, 1),
            techo=datetime.date(2100, 12, 31),
        ),
        revisar_rango(
            "capacitaciones.Participacion", cifras=("total", "mujeres", "hombres"), tope=10_000_000
        ),
        migrations.AlterField(
            model_name="actividad",
            name="fecha_fin",
            field=models.DateField(
                blank=True,
                help_text="Vacía si dura un solo día o un solo periodo de la precisión elegida.",
                validators=[programa.limites.validar_fecha],
                verbose_name="fecha de término",
            ),
        ),
        migrations.AlterField(
            model_name="actividad",
            name="fecha_inicio",
            field=models.DateField(
                validators=[programa.limites.validar_fecha], verbose_name="fecha de inicio"
            ),
        ),
        migrations.AlterField(
            model_name="historicalactividad",
            name="fecha_fin",
            field=models.DateField(
                blank=True,
                help_text="Vacía si dura un solo día o un solo periodo de la precisión elegida.",
                validators=[programa.limites.validar_fecha],
                verbose_name="fecha de término",
            ),
        ),
        migrations.AlterField(
            model_name="historicalactividad",
            name="fecha_inicio",
            field=models.DateField(
                validators=[programa.limites.validar_fecha], verbose_name="fecha de inicio"
            ),
        ),
        migrations.AlterField(
            model_name="historicalparticipacion",
            name="hombres",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[programa.limites.validar_participantes],
                verbose_name="hombres",
            ),
        ),
        migrations.AlterField(
            model_name="historicalparticipacion",
            name="mujeres",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[programa.limites.validar_participantes],
                verbose_name="mujeres",
            ),
        ),
        migrations.AlterField(
            model_name="historicalparticipacion",
            name="total",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="Vacío si no se registró el número.",
                null=True,
                validators=[programa.limites.validar_participantes],
                verbose_name="personas",
            ),
        ),
        migrations.AlterField(
            model_name="historicalproducto",
            name="fecha",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[programa.limites.validar_fecha],
                verbose_name="fecha",
            ),
        ),
        migrations.AlterField(
            model_name="participacion",
            name="hombres",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[programa.limites.validar_participantes],
                verbose_name="hombres",
            ),
        ),
        migrations.AlterField(
            model_name="participacion",
            name="mujeres",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[programa.limites.validar_participantes],
                verbose_name="mujeres",
            ),
        ),
        migrations.AlterField(
            model_name="participacion",
            name="total",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="Vacío si no se registró el número.",
                null=True,
                validators=[programa.limites.validar_participantes],
                verbose_name="personas",
            ),
        ),
        migrations.AlterField(
            model_name="producto",
            name="fecha",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[programa.limites.validar_fecha],
                verbose_name="fecha",
            ),
        ),
        migrations.AddConstraint(
            model_name="actividad",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("fecha_inicio__gte", datetime.date(2000, 1, 1)),
                    ("fecha_inicio__lte", datetime.date(2100, 12, 31)),
                    ("fecha_fin__gte", datetime.date(2000, 1, 1)),
                    ("fecha_fin__lte", datetime.date(2100, 12, 31)),
                ),
                name="actividad_fechas_plausibles",
                violation_error_message="Las fechas deben estar entre el 01/01/2000 y el 31/12/2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="participacion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("total__lte", 10000000), ("total__isnull", True), _connector="OR"),
                    models.Q(
                        ("mujeres__lte", 10000000), ("mujeres__isnull", True), _connector="OR"
                    ),
                    models.Q(
                        ("hombres__lte", 10000000), ("hombres__isnull", True), _connector="OR"
                    ),
                ),
                name="participacion_cifras_plausibles",
                violation_error_message="Ninguna cifra de una audiencia puede pasar de 10,000,000 personas.",
            ),
        ),
        migrations.AddConstraint(
            model_name="producto",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("fecha__gte", datetime.date(2000, 1, 1)),
                        ("fecha__lte", datetime.date(2100, 12, 31)),
                    ),
                    ("fecha__isnull", True),
                    _connector="OR",
                ),
                name="producto_fecha_plausible",
                violation_error_message="La fecha debe estar entre el 01/01/2000 y el 31/12/2100.",
            ),
        ),
    ]
