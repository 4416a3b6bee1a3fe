# La lista del admin filtrada por entidad y año cuenta sus actividades cruzando las del año con
# las de la entidad. Con (fecha_fin, fecha_inicio) INCLUDE (id) las del año salen del índice sin
# leer la tabla. Reemplaza a actividad_fecha_fin (la misma primera columna: sigue sirviendo el
# MAX(fecha_fin) del filtro de año y las próximas actividades del tablero). Con 1,000,000 de
# actividades en PostgreSQL tarda unos segundos (ver README, «Rendimiento»).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("capacitaciones", "0011_vinculos_recomendaciones"),
        ("convenios", "0006_ayuda_textos_libres"),
        ("programa", "0007_tareas_en_segundo_plano"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="actividad",
            index=models.Index(
                fields=["fecha_fin", "fecha_inicio"], include=("id",), name="actividad_fin_inicio"
            ),
        ),
        migrations.RemoveIndex(
            model_name="actividad",
            name="actividad_fecha_fin",
        ),
    ]
