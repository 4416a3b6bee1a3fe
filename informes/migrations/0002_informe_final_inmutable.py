"""Un informe final no cambia ni se borra: disparadores en la base de datos (SQLite y PostgreSQL).

Así ni el shell, ni una actualización masiva (``QuerySet.update``), ni SQL directo pueden alterar
lo que se envió. ``InformeContribucion.save()`` da el mensaje claro; esto es la red de abajo.
"""

from django.db import migrations

MENSAJE = "informe de contribucion final: no puede cambiar ni borrarse"

SQLITE = [
    f"""CREATE TRIGGER informe_final_no_cambia BEFORE UPDATE ON informes_informecontribucion
    FOR EACH ROW WHEN OLD.estado = 'final'
    BEGIN SELECT RAISE(ABORT, '{MENSAJE}'); END;""",
    f"""CREATE TRIGGER informe_final_no_se_borra BEFORE DELETE ON informes_informecontribucion
    FOR EACH ROW WHEN OLD.estado = 'final'
    BEGIN SELECT RAISE(ABORT, '{MENSAJE}'); END;""",
]
SQLITE_REVERSA = [
    "DROP TRIGGER IF EXISTS informe_final_no_cambia;",
    "DROP TRIGGER IF EXISTS informe_final_no_se_borra;",
]
POSTGRES = [
    f"""CREATE FUNCTION informe_final_inmutable() RETURNS trigger AS $$
    BEGIN
        IF OLD.estado = 'final' THEN
            RAISE EXCEPTION '{MENSAJE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER informe_final_inmutable BEFORE UPDATE OR DELETE
    ON informes_informecontribucion FOR EACH ROW EXECUTE FUNCTION informe_final_inmutable();""",
]
POSTGRES_REVERSA = [
    "DROP TRIGGER IF EXISTS informe_final_inmutable ON informes_informecontribucion;",
    "DROP FUNCTION IF EXISTS informe_final_inmutable();",
]


def _ejecutar(sentencias_por_motor):
    def ejecutar(apps, schema_editor):
        for sentencia in sentencias_por_motor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sentencia)

    return ejecutar


class Migration(migrations.Migration):
    dependencies = [("informes", "0001_informe_contribucion")]

    operations = [
        migrations.RunPython(
            _ejecutar({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _ejecutar({"sqlite": SQLITE_REVERSA, "postgresql": POSTGRES_REVERSA}),
        )
    ]
