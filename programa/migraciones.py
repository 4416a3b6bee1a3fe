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


def revisar_rango(modelo: str, *, fechas=(), piso=None, techo=None, cifras=(), tope=None):
    """Un RunPython que corre antes de agregar un CHECK de rango y, si alguna fila ya lo rompe,
    detiene la migración diciendo cuáles (hasta 20 por campo) y qué hacer.

    No corrige nada por su cuenta: una fecha de 0001 o una cifra de 10^12 la tiene que revisar
    alguien que sepa cuál era la buena. Los límites llegan escritos en la migración, no leídos de
    programa/limites.py, para que la migración no cambie si las constantes cambian después.
    """
    from django.db.models import Q

    app_label, nombre_modelo = modelo.split(".")

    def revisar(apps, schema_editor):
        Modelo = apps.get_model(app_label, nombre_modelo)
        filas = Modelo._default_manager.using(schema_editor.connection.alias)
        lineas = []
        condiciones = [(c, Q(**{f"{c}__lt": piso}) | Q(**{f"{c}__gt": techo})) for c in fechas]
        condiciones += [(c, Q(**{f"{c}__gt": tope})) for c in cifras]
        for campo, fuera in condiciones:
            for pk, valor in filas.filter(fuera).order_by("pk").values_list("pk", campo)[:20]:
                lineas.append(f"  {Modelo._meta.verbose_name} id={pk}: {campo} = {valor}")
        if lineas:
            limites = [f"fechas del {piso} al {techo}"] if fechas else []
            limites += [f"cifras hasta {tope:,}"] if cifras else []
            raise RuntimeError(
                f"No se pudieron agregar los límites de {Modelo._meta.verbose_name_plural} "
                f"({', '.join(limites)}): estas filas ya los rompen:\n"
                + "\n".join(lineas)
                + "\nCorríjalas en el admin (o con manage.py shell) y vuelva a correr migrate; "
                "no se cambió nada."
            )

    return migrations.RunPython(revisar, migrations.RunPython.noop, elidable=False)
