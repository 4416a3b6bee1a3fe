# Índices para la escala nacional (issue 7): cada uno dice qué consulta sirve. Los de
# PostgreSQL (GiST, GIN de trigramas) van con SoloPostgreSQL: SQLite migra sin ellos.

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from programa.migraciones import SoloPostgreSQL

# Las expresiones deben ser idénticas a las que genera el ORM para que el planificador las use:
# ActividadQuerySet.en_periodo() en PostgreSQL y el «icontains» de la búsqueda del admin.
LAPSO = "daterange(fecha_inicio, fecha_fin, '[]')"


def _trigramas(campo: str) -> SoloPostgreSQL:
    nombre = f"actividad_{campo}_trgm"
    return SoloPostgreSQL(
        f"CREATE INDEX {nombre} ON capacitaciones_actividad "
        f"USING gin ((UPPER({campo}::text)) gin_trgm_ops)",
        f"DROP INDEX IF EXISTS {nombre}",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("capacitaciones", "0003_historial"),
        ("convenios", "0002_historial"),
        ("programa", "0004_roles"),
    ]

    operations = [
        # La lista del admin en su orden (-fecha_inicio, -id): lee las primeras filas del índice
        # en vez de ordenar un millón. También anio_predeterminado() y el MIN del filtro de año.
        migrations.AddIndex(
            model_name="actividad",
            index=models.Index(fields=["-fecha_inicio", "-id"], name="actividad_fecha_desc"),
        ),
        # MAX(fecha_fin) del filtro de año del admin (la lista de años).
        migrations.AddIndex(
            model_name="actividad",
            index=models.Index(fields=["fecha_fin"], name="actividad_fecha_fin"),
        ),
        # Las actividades de un periodo (cobertura, tablero, informe de contribución, filtro de
        # año del admin): en_periodo() pide el traslape de los lapsos con &&, que este GiST
        # resuelve sin recorrer los diez años. Solo PostgreSQL.
        SoloPostgreSQL(
            f"CREATE INDEX actividad_lapso_gist ON capacitaciones_actividad USING gist ({LAPSO})",
            "DROP INDEX IF EXISTS actividad_lapso_gist",
        ),
        # Las actividades de una entidad: filtro de entidad del admin y cobertura por entidad.
        # La tabla intermedia solo tenía (actividad, entidad); con (entidad, actividad) la lista
        # de una entidad sale del índice sin leer la tabla. SQL común: también en SQLite.
        migrations.RunSQL(
            "CREATE INDEX actividad_entidades_por_entidad "
            "ON capacitaciones_actividad_entidades (entidadfederativa_id, actividad_id)",
            "DROP INDEX actividad_entidades_por_entidad",
        ),
        # La búsqueda del admin (search_fields folio, título y sede, «icontains»): trigramas
        # sobre UPPER(campo), la expresión exacta de icontains en PostgreSQL. No hace nada en
        # SQLite (CreateExtension ya lo omite en otras bases).
        TrigramExtension(),
        _trigramas("folio"),
        _trigramas("titulo"),
        _trigramas("sede"),
    ]
