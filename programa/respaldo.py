"""Respaldo completo en un solo archivo .zip, y su restauración exacta en una base vacía.

El archivo lleva ``datos.json`` (todos los registros, su historial, usuarios, roles y
bitácora, con llaves naturales para usuarios, grupos y permisos), los archivos subidos bajo
``archivos/`` y ``manifiesto.json`` con el SHA-256 de cada pieza, que se verifica al restaurar.
"""

import hashlib
import json
import tempfile
import zipfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from programa.archivos import escritura_completa

VERSION = 1
# Se regeneran solos al migrar; los permisos y tipos de contenido viajan como llaves naturales.
EXCLUIDOS = ["contenttypes", "auth.permission", "sessions"]
# Registros de lo que una base recién migrada ya trae: se reemplazan por los del respaldo.
SEMBRADOS = ["programa.EntidadFederativa", "programa.Tema", "programa.Audiencia", "auth.Group"]
# Con cualquiera de estos, la base ya está en uso y no se restaura encima.
EN_USO = ["capacitaciones.Actividad", "convenios.Convenio", "capacitaciones.Producto", "auth.User"]


class ErrorDeRespaldo(Exception):
    """Un problema que la persona puede resolver; el mensaje dice cuál."""


def _sha256(datos: bytes) -> str:
    return hashlib.sha256(datos).hexdigest()


def _archivos_subidos() -> list[str]:
    raiz = Path(settings.MEDIA_ROOT)
    if not raiz.exists():
        return []
    relativas = (p.relative_to(raiz) for p in raiz.rglob("*") if p.is_file())
    # tmp/ guarda hojas en espera de confirmar su importación: no son registros.
    return sorted(str(r) for r in relativas if r.parts[0] != "tmp")


def respaldo_crear(*, destino: Path) -> dict:
    """Escribe el respaldo en ``destino`` y devuelve su manifiesto."""
    with tempfile.TemporaryDirectory() as carpeta:
        datos = Path(carpeta) / "datos.json"
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUIDOS,
            output=str(datos),
            verbosity=0,
        )
        contenido = datos.read_bytes()
    registros = json.loads(contenido)
    conteos: dict[str, int] = {}
    for registro in registros:
        conteos[registro["model"]] = conteos.get(registro["model"], 0) + 1
    manifiesto = {
        "version": VERSION,
        "creado": timezone.now().isoformat(),
        "registros": conteos,
        "datos_sha256": _sha256(contenido),
        "archivos": {},
    }
    destino.parent.mkdir(parents=True, exist_ok=True)
    with (
        escritura_completa(destino) as salida,
        zipfile.ZipFile(salida, "w", compression=zipfile.ZIP_DEFLATED) as zip_,
    ):
        zip_.writestr("datos.json", contenido)
        for ruta in _archivos_subidos():
            with default_storage.open(ruta, "rb") as archivo:
                bytes_ = archivo.read()
            manifiesto["archivos"][ruta] = _sha256(bytes_)
            zip_.writestr(f"archivos/{ruta}", bytes_)
        zip_.writestr("manifiesto.json", json.dumps(manifiesto, indent=2, ensure_ascii=False))
    return manifiesto


def _leer(origen: Path) -> tuple[dict, bytes, zipfile.ZipFile]:
    if not origen.is_file():
        raise ErrorDeRespaldo(f"No existe el archivo {origen}.")
    if not zipfile.is_zipfile(origen):
        raise ErrorDeRespaldo(f"{origen} no es un respaldo: no es un archivo .zip.")
    zip_ = zipfile.ZipFile(origen)
    try:
        manifiesto = json.loads(zip_.read("manifiesto.json"))
        datos = zip_.read("datos.json")
    except (KeyError, ValueError) as error:
        raise ErrorDeRespaldo(f"{origen} no es un respaldo de este sistema ({error}).") from None
    if manifiesto.get("version") != VERSION:
        raise ErrorDeRespaldo(f"El respaldo es de la versión {manifiesto.get('version')}.")
    if _sha256(datos) != manifiesto["datos_sha256"]:
        raise ErrorDeRespaldo("El respaldo está dañado: los datos no coinciden con su SHA-256.")
    return manifiesto, datos, zip_


def respaldo_restaurar(*, origen: Path) -> dict:
    """Restaura el respaldo en una base recién migrada; si algo falla, no deja nada a medias."""
    manifiesto, datos, zip_ = _leer(origen)
    en_uso = {m: apps.get_model(m).objects.count() for m in EN_USO}
    if any(en_uso.values()):
        detalle = ", ".join(
            f"{n} {apps.get_model(m)._meta.verbose_name_plural}" for m, n in en_uso.items() if n
        )
        raise ErrorDeRespaldo(
            f"La base de datos no está vacía ({detalle}). Restaure en una base recién creada "
            "y migrada."
        )
    archivos = {}
    raiz = Path(settings.MEDIA_ROOT).resolve()
    for ruta, sha in manifiesto["archivos"].items():
        if not (raiz / ruta).resolve().is_relative_to(raiz):
            raise ErrorDeRespaldo(f"El respaldo trae una ruta fuera de los archivos: {ruta}.")
        bytes_ = zip_.read(f"archivos/{ruta}")
        if _sha256(bytes_) != sha:
            raise ErrorDeRespaldo(f"El archivo {ruta} del respaldo está dañado.")
        archivos[ruta] = bytes_

    with tempfile.TemporaryDirectory() as carpeta, transaction.atomic():
        for modelo in SEMBRADOS:
            apps.get_model(modelo).objects.all().delete()
        ruta_datos = Path(carpeta) / "datos.json"
        ruta_datos.write_bytes(datos)
        # El historial viene en el respaldo: cargar no debe escribir historial nuevo.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", str(ruta_datos), verbosity=0)
    for ruta, bytes_ in archivos.items():
        destino = Path(settings.MEDIA_ROOT) / ruta
        destino.parent.mkdir(parents=True, exist_ok=True)
        destino.write_bytes(bytes_)
    return manifiesto
