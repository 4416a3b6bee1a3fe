"""Respaldo completo en un solo archivo .zip, y su restauración exacta en una base vacía.

Cada tabla de cada aplicación (registros, historial, usuarios, roles, permisos, bitácora,
intentos de acceso) va en su propia pieza ``tablas/<modelo>.jsonl``: una fila por línea, con
las columnas tal como están en la base (llaves primarias y foráneas por su número, sin llaves
naturales: una fila de historial puede nombrar a una persona ya borrada). Las fechas viajan
con sus microsegundos y los binarios en base64. Los archivos subidos van bajo ``archivos/``.
``manifiesto.json`` lleva las columnas, el número de filas y el SHA-256 de cada pieza, que se
verifica al restaurar.

Se escribe tabla por tabla en trozos (cursor del lado del servidor en PostgreSQL) y se
restaura por lotes: la memoria no crece con el tamaño de la base.
"""

import base64
import datetime as dt
import decimal
import hashlib
import io
import json
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_iso_string

from programa.archivos import escritura_completa
from programa.versiones import datos_cambiados

VERSION = 2
# Las sesiones no viajan: son efímeras y una copia con sesiones vivas permitiría suplantar
# a quien las abrió si el archivo se filtra. Tras restaurar, cada persona vuelve a entrar.
EXCLUIDOS = {"sessions.session"}
# Con cualquiera de estos, la base ya está en uso y no se restaura encima.
EN_USO = ["capacitaciones.Actividad", "convenios.Convenio", "capacitaciones.Producto", "auth.User"]
TROZO = 2000
BLOQUE = 1024 * 1024

Progreso = Callable[[str, int], None]


class ErrorDeRespaldo(Exception):
    """Un problema que la persona puede resolver; el mensaje dice cuál."""


def _modelos() -> list[type[models.Model]]:
    """Cada tabla con filas propias, incluidas las intermedias de las relaciones M2M."""
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed
        and not m._meta.proxy
        and not m._meta.swapped
        and m._meta.label_lower not in EXCLUIDOS
    ]


def _columnas(modelo) -> list[models.Field]:
    return [f for f in modelo._meta.concrete_fields]


def _a_json(valor):
    if isinstance(valor, dt.datetime | dt.date | dt.time):
        return valor.isoformat()  # con microsegundos (el JSON de Django los recorta)
    if isinstance(valor, dt.timedelta):
        return duration_iso_string(valor)
    if isinstance(valor, decimal.Decimal | uuid.UUID):
        return str(valor)
    if isinstance(valor, bytes | memoryview | bytearray):
        return base64.b64encode(bytes(valor)).decode("ascii")
    raise TypeError(f"No sé guardar {type(valor).__name__} en un respaldo.")


def _filas(modelo) -> Iterator[tuple]:
    nombres = [f.attname for f in _columnas(modelo)]
    consulta = modelo._base_manager.order_by("pk").values_list(*nombres)
    # Sin conversiones de Python (from_db_value sí): el valor tal como quedó guardado.
    return consulta.iterator(chunk_size=TROZO)


class _Contador(io.RawIOBase):
    """Envuelve la escritura de una pieza del zip y lleva su SHA-256 al paso."""

    def __init__(self, destino):
        self.destino = destino
        self.sha = hashlib.sha256()

    def writable(self):
        return True

    def write(self, datos):
        self.sha.update(datos)
        return self.destino.write(datos)


def _archivos_subidos() -> Iterator[tuple[str, Path]]:
    raiz = Path(settings.MEDIA_ROOT)
    if not raiz.exists():
        return
    for ruta in sorted(raiz.rglob("*")):
        relativa = ruta.relative_to(raiz)
        # tmp/ guarda hojas en espera de confirmar su importación: no son registros.
        if ruta.is_file() and relativa.parts[0] != "tmp":
            yield str(relativa), ruta


def respaldo_filas_totales() -> int:
    """Cuántas filas llevará el respaldo (más los archivos), para mostrar su avance."""
    return sum(m._base_manager.count() for m in _modelos()) + sum(1 for _ in _archivos_subidos())


def respaldo_crear(*, destino: Path, progreso: Progreso | None = None) -> dict:
    """Escribe el respaldo en ``destino`` y devuelve su manifiesto.

    Todo se lee en una sola transacción (en PostgreSQL, REPEATABLE READ): una foto coherente
    aunque el sistema siga en uso mientras se respalda.
    """
    avanzar = progreso or (lambda etiqueta, n: None)
    manifiesto = {
        "version": VERSION,
        "creado": timezone.now().isoformat(),
        "motor": connection.vendor,
        "migraciones": [],
        "tablas": {},
        "archivos": {},
    }
    destino.parent.mkdir(parents=True, exist_ok=True)
    with (
        escritura_completa(destino) as salida,
        zipfile.ZipFile(salida, "w", compression=zipfile.ZIP_DEFLATED) as zip_,
        transaction.atomic(),
    ):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        manifiesto["migraciones"] = sorted(
            f"{app}.{nombre}" for app, nombre in MigrationRecorder(connection).applied_migrations()
        )
        for modelo in _modelos():
            etiqueta = modelo._meta.label_lower
            with zip_.open(f"tablas/{etiqueta}.jsonl", "w", force_zip64=True) as pieza:
                contador = _Contador(pieza)
                texto = io.BufferedWriter(contador, buffer_size=BLOQUE)
                filas = 0
                for fila in _filas(modelo):
                    texto.write(
                        json.dumps(fila, default=_a_json, ensure_ascii=False).encode() + b"\n"
                    )
                    filas += 1
                    if filas % TROZO == 0:
                        avanzar(etiqueta, TROZO)
                texto.flush()
                avanzar(etiqueta, filas % TROZO)
            manifiesto["tablas"][etiqueta] = {
                "tabla": modelo._meta.db_table,
                "columnas": [f.column for f in _columnas(modelo)],
                "filas": filas,
                "sha256": contador.sha.hexdigest(),
            }
        for relativa, ruta in _archivos_subidos():
            sha = hashlib.sha256()
            with ruta.open("rb") as origen, zip_.open(f"archivos/{relativa}", "w") as pieza:
                while bloque := origen.read(BLOQUE):
                    sha.update(bloque)
                    pieza.write(bloque)
            manifiesto["archivos"][relativa] = sha.hexdigest()
            avanzar("archivos", 1)
        zip_.writestr("manifiesto.json", json.dumps(manifiesto, indent=2, ensure_ascii=False))
    return manifiesto


def _abrir(origen: Path) -> tuple[dict, zipfile.ZipFile]:
    if not origen.is_file():
        raise ErrorDeRespaldo(f"No existe el archivo {origen}.")
    if not zipfile.is_zipfile(origen):
        raise ErrorDeRespaldo(f"{origen} no es un respaldo: no es un archivo .zip.")
    zip_ = zipfile.ZipFile(origen)
    try:
        manifiesto = json.loads(zip_.read("manifiesto.json"))
    except (KeyError, ValueError) as error:
        raise ErrorDeRespaldo(f"{origen} no es un respaldo de este sistema ({error}).") from None
    if manifiesto.get("version") != VERSION:
        raise ErrorDeRespaldo(
            f"El respaldo es de la versión {manifiesto.get('version')} del formato; esta "
            f"versión del sistema restaura la {VERSION}. Restáurelo con la versión del sistema "
            "que lo hizo."
        )
    return manifiesto, zip_


def _revisar_esquema(manifiesto: dict) -> dict[str, type[models.Model]]:
    """Cada tabla del respaldo existe aquí con las mismas columnas; si no, no se toca nada."""
    modelos = {m._meta.label_lower: m for m in _modelos()}
    destino = {}
    for etiqueta, pieza in manifiesto["tablas"].items():
        modelo = modelos.get(etiqueta)
        if modelo is None:
            raise ErrorDeRespaldo(
                f"El respaldo trae la tabla {etiqueta}, que esta versión del sistema no tiene. "
                "Restáurelo con la versión del sistema que lo hizo."
            )
        aqui = [f.column for f in _columnas(modelo)]
        if pieza["columnas"] != aqui:
            faltan = sorted(set(pieza["columnas"]) - set(aqui))
            sobran = sorted(set(aqui) - set(pieza["columnas"]))
            raise ErrorDeRespaldo(
                f"La tabla {etiqueta} del respaldo no tiene las columnas de esta versión del "
                f"sistema (del respaldo: {', '.join(faltan) or '—'}; de esta versión: "
                f"{', '.join(sobran) or '—'}). Restáurelo con la versión del sistema que lo hizo."
            )
        destino[etiqueta] = modelo
    return destino


def _revisar_vacia() -> None:
    en_uso = {m: apps.get_model(m)._base_manager.count() for m in EN_USO}
    if any(en_uso.values()):
        detalle = ", ".join(
            f"{n} {apps.get_model(m)._meta.verbose_name_plural}" for m, n in en_uso.items() if n
        )
        raise ErrorDeRespaldo(
            f"La base de datos no está vacía ({detalle}). Restaure en una base recién creada "
            "y migrada."
        )


def _extraer_archivos(manifiesto: dict, zip_: zipfile.ZipFile, carpeta: Path) -> None:
    """Copia los archivos a ``carpeta`` verificando su SHA-256; nada llega aún a MEDIA_ROOT."""
    raiz = Path(settings.MEDIA_ROOT).resolve()
    for ruta in manifiesto["archivos"]:
        if not (raiz / ruta).resolve().is_relative_to(raiz) or Path(ruta).is_absolute():
            raise ErrorDeRespaldo(f"El respaldo trae una ruta fuera de los archivos: {ruta}.")
    for ruta, sha in manifiesto["archivos"].items():
        destino = carpeta / ruta
        destino.parent.mkdir(parents=True, exist_ok=True)
        suma = hashlib.sha256()
        try:
            with zip_.open(f"archivos/{ruta}") as origen, destino.open("wb") as salida:
                while bloque := origen.read(BLOQUE):
                    suma.update(bloque)
                    salida.write(bloque)
        except KeyError:
            raise ErrorDeRespaldo(f"Al respaldo le falta el archivo {ruta}.") from None
        if suma.hexdigest() != sha:
            raise ErrorDeRespaldo(f"El archivo {ruta} del respaldo está dañado.")


def _escritor(cursor, sql: str, pieza: dict) -> Callable[[list], None]:
    """En PostgreSQL, COPY (unas diez veces más rápido que INSERT); en SQLite, executemany."""
    if connection.vendor != "postgresql":
        return lambda lote: cursor.executemany(sql, lote)
    q = connection.ops.quote_name
    copiar = "COPY {} ({}) FROM STDIN".format(
        q(pieza["tabla"]), ", ".join(q(c) for c in pieza["columnas"])
    )

    def escribir(lote):
        with cursor.cursor.copy(copiar) as copia:
            for fila in lote:
                copia.write_row(fila)

    return escribir


def _insertar(modelo, pieza: dict, zip_: zipfile.ZipFile, avanzar: Progreso) -> None:
    etiqueta = modelo._meta.label_lower
    campos = _columnas(modelo)
    q = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        q(pieza["tabla"]),
        ", ".join(q(c) for c in pieza["columnas"]),
        ", ".join(["%s"] * len(campos)),
    )

    def preparar(valores):
        return [
            f.get_db_prep_save(f.to_python(v) if v is not None else None, connection)
            for f, v in zip(campos, valores, strict=True)
        ]

    suma = hashlib.sha256()
    filas = 0
    try:
        crudo = zip_.open(f"tablas/{etiqueta}.jsonl")
    except KeyError:
        raise ErrorDeRespaldo(f"Al respaldo le falta la tabla {etiqueta}.") from None
    with crudo, connection.cursor() as cursor:
        escribir = _escritor(cursor, sql, pieza)
        lote = []
        for linea in io.BufferedReader(crudo, buffer_size=BLOQUE):
            suma.update(linea)
            lote.append(preparar(json.loads(linea)))
            if len(lote) == TROZO:
                escribir(lote)
                filas += len(lote)
                avanzar(etiqueta, len(lote))
                lote = []
        if lote:
            escribir(lote)
            filas += len(lote)
            avanzar(etiqueta, len(lote))
    if suma.hexdigest() != pieza["sha256"] or filas != pieza["filas"]:
        raise ErrorDeRespaldo(
            f"El respaldo está dañado: la tabla {etiqueta} no coincide con su SHA-256."
        )


def respaldo_restaurar(*, origen: Path, progreso: Progreso | None = None) -> dict:
    """Restaura el respaldo en una base recién migrada; si algo falla, no deja nada a medias.

    Primero se revisa todo lo que se puede revisar sin escribir (formato, columnas, base vacía,
    rutas y sumas de los archivos); después, en una sola transacción, se vacían las tablas que
    la migración sembró (catálogos, roles, permisos) y se cargan las del respaldo con sus
    mismos números, sin pasar por save() ni señales: el historial no gana filas inventadas.
    """
    avanzar = progreso or (lambda etiqueta, n: None)
    manifiesto, zip_ = _abrir(origen)
    with zip_, tempfile.TemporaryDirectory(prefix="restaurar-") as carpeta:
        modelos = _revisar_esquema(manifiesto)
        _revisar_vacia()
        _extraer_archivos(manifiesto, zip_, Path(carpeta))
        with transaction.atomic():
            # Las llaves foráneas de Django se revisan al confirmar (DEFERRABLE INITIALLY
            # DEFERRED en PostgreSQL y SQLite): el orden de borrado y carga no importa.
            with connection.cursor() as cursor:
                for modelo in modelos.values():
                    cursor.execute(
                        f"DELETE FROM {connection.ops.quote_name(modelo._meta.db_table)}"
                    )
            for etiqueta, modelo in modelos.items():
                _insertar(modelo, manifiesto["tablas"][etiqueta], zip_, avanzar)
            # Los números siguen después del mayor restaurado: un alta nueva no choca.
            with connection.cursor() as cursor:
                for sentencia in connection.ops.sequence_reset_sql(
                    no_style(), list(modelos.values())
                ):
                    cursor.execute(sentencia)
            if connection.vendor == "sqlite":
                connection.check_constraints(
                    table_names=[m._meta.db_table for m in modelos.values()]
                )
        ContentType.objects.clear_cache()
        datos_cambiados(todo=True)  # otra base: nada de lo calculado antes vale
        raiz = Path(settings.MEDIA_ROOT)
        for ruta in manifiesto["archivos"]:
            destino = raiz / ruta
            destino.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(Path(carpeta) / ruta, destino)
    return manifiesto
