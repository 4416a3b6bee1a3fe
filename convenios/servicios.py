"""Escrituras de convenios que tocan varios modelos."""

from django.db import transaction

from convenios.models import Convenio, ParteConvenio
from programa.historial import renglones_en_version, renglones_restaurar


def partes_en_version(version) -> list:
    """Los registros históricos de las partes tal como quedaron al guardar esa versión."""
    return renglones_en_version(version, ParteConvenio, "convenio", ["institucion"])


@transaction.atomic
def convenio_partes_restaurar(*, convenio: Convenio, version, usuario) -> int:
    """Deja las partes del convenio como estaban en ``version``; devuelve cuántas no pudo
    devolver (su institución ya no existe)."""
    return renglones_restaurar(
        padre=convenio,
        version=version,
        Renglon=ParteConvenio,
        campo="convenio",
        usuario=usuario,
        requeridas=["institucion"],
    )
