"""Trabajo largo en segundo plano (django-tasks) con su avance a la vista.

Cada tarea es un envoltorio delgado sobre un servicio de siempre: ``con_avance`` le da la
``Tarea`` (qué hacer, de quién) y un ``Avance`` que anota cada tantas filas cuánto lleva; la
página ``/tareas/<id>/`` lo muestra. Si el servicio truena, la persona ve un mensaje en
español y el detalle técnico queda en la bitácora del servidor y en el backend de tareas.
"""

import datetime as dt
import functools
import logging
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from programa.models import Tarea
from programa.respaldo import respaldo_crear, respaldo_filas_totales

logger = logging.getLogger(__name__)

# Anotar el avance cuesta un UPDATE: cada tantas filas (unas décimas de segundo de trabajo). Por
# filas y no por reloj, así las consultas de una importación no dependen de la máquina.
CADA_FILAS = 500
# El hilo del latido escribe cada tantos segundos; muy por debajo de TAREAS_SIN_LATIDO_MINUTOS.
LATIDO_SEGUNDOS = 10
# Los archivos de las tareas van bajo tmp/ del almacenamiento: el respaldo no los incluye (un
# respaldo no debe llevar dentro los respaldos anteriores).
CARPETA_ARCHIVOS = "tmp/tareas"

MENSAJE_FALLO = (
    "No se pudo terminar: ocurrió un error inesperado en el servidor y no se guardó nada. "
    "Vuelva a intentarlo; si se repite, avise al área de sistemas (referencia {referencia})."
)
MENSAJE_SIN_COLA = (
    "No se pudo poner el trabajo en la cola de tareas; no se guardó nada. Vuelva a intentarlo "
    "en unos minutos; si se repite, avise al área de sistemas (referencia {referencia})."
)
MENSAJE_CANCELADA = "Se canceló a petición suya antes de terminar; no se guardó nada."
MENSAJE_PERDIDA = (
    "No se pudo terminar: el servidor de tareas dejó de trabajar en esto (no da señales desde "
    "hace más de {minutos} min) y no se guardó nada. Vuelva a pedirlo; si se repite, avise al "
    "área de sistemas (referencia {referencia})."
)


def _referencia(tarea) -> str:
    return str(tarea.pk)[:8]


class TareaDetenida(Exception):
    """La tarea ya no está en curso (se canceló o se dio por perdida): se deja de trabajar."""


class FalloExplicado(Exception):
    """Un fallo que la persona puede entender: su mensaje (en español) es lo que ve."""


class Avance:
    """Lo que el servicio llama al abrir (``al_abrir(total)``) y por cada fila (``avance(n)``).

    ``directo=False`` para un servicio que trabaja dentro de una transacción de solo lectura
    (el respaldo): entonces el avance lo anota el hilo del latido, con su propia conexión.
    """

    def __init__(self, tarea: Tarea, *, directo: bool = True):
        self.tarea = tarea
        self.hechos = 0
        self.directo = directo
        self._anotados = 0
        self.detenida = threading.Event()

    def al_abrir(self, total: int | None) -> None:
        Tarea.objects.filter(pk=self.tarea.pk).update(total=total)

    def __call__(self, n: int = 1) -> None:
        self.hechos += n
        if self.detenida.is_set():
            raise TareaDetenida
        if self.directo and self.hechos - self._anotados >= CADA_FILAS:
            self.anotar()

    def paso(self) -> None:
        """Un paso de un trabajo con pocos pasos largos: se anota en seguida."""
        self(1)
        if self.directo and self._anotados != self.hechos:
            self.anotar()

    def anotar(self) -> None:
        en_curso = Tarea.objects.filter(pk=self.tarea.pk, estado=Tarea.Estado.EN_CURSO)
        self._anotados = self.hechos
        if not en_curso.update(hechos=self.hechos, latido=timezone.now()):
            raise TareaDetenida


class _Latido(threading.Thread):
    """Anota cada LATIDO_SEGUNDOS que el trabajador sigue vivo (y el avance, si no es directo).

    Corre en su propio hilo, con su propia conexión: late aunque el servicio pase minutos en un
    solo paso (un PDF, una tabla grande del respaldo). Si la tarea dejó de estar en curso
    (cancelada, o dada por perdida), avisa al servicio por ``avance.detenida``.
    """

    def __init__(self, avance: Avance):
        super().__init__(name=f"latido-{avance.tarea.pk}", daemon=True)
        self.avance = avance
        self._alto = threading.Event()

    def run(self):
        try:
            while not self._alto.wait(LATIDO_SEGUNDOS):
                self._latir()
        finally:
            connections.close_all()  # solo las de este hilo

    def _latir(self):
        campos = {"latido": timezone.now()}
        if not self.avance.directo:
            campos["hechos"] = self.avance.hechos
        try:
            tarea = Tarea.objects.filter(pk=self.avance.tarea.pk)
            if not tarea.filter(estado=Tarea.Estado.EN_CURSO).update(**campos) and (
                tarea.filter(estado__in=[Tarea.Estado.CANCELADA, Tarea.Estado.FALLIDA]).exists()
            ):
                self.avance.detenida.set()
        except Exception:
            # Una base ocupada (SQLite con una importación escribiendo) no detiene el trabajo.
            logger.warning("No se pudo anotar el latido de %s", self.avance.tarea.pk, exc_info=True)

    def detener(self):
        self._alto.set()
        # Sin esperar de más: si el hilo aguarda un candado que tiene quien lo detiene, se le
        # abandona (es daemon, y ya no escribe en una tarea que dejó de estar en curso).
        self.join(timeout=LATIDO_SEGUNDOS)


def con_avance(funcion=None, *, directo: bool = True):
    """Cuerpo de una tarea ``funcion(tarea, avance) -> resultado`` (un dict JSON pequeño).

    La tarea de django-tasks recibe solo el id de la ``Tarea``: sus argumentos viajan por la
    cola como JSON, y lo demás ya está en la base.
    """
    if funcion is None:
        return functools.partial(con_avance, directo=directo)

    @functools.wraps(funcion)
    def envoltura(tarea_id: str) -> None:
        tarea = Tarea.objects.select_related("usuario").get(pk=tarea_id)
        ahora = timezone.now()
        empezada = Tarea.objects.filter(pk=tarea.pk, estado=Tarea.Estado.EN_ESPERA).update(
            estado=Tarea.Estado.EN_CURSO, iniciada=ahora, latido=ahora
        )
        if not empezada:
            return  # se canceló mientras esperaba
        avance = Avance(tarea, directo=directo)
        latido = _Latido(avance)
        latido.start()
        try:
            resultado = funcion(tarea, avance)
        except TareaDetenida:
            logger.info("La tarea %s (%s) se detuvo: ya no estaba en curso", tarea.pk, tarea.tipo)
            return
        except FalloExplicado as fallo:
            _terminar(tarea, estado=Tarea.Estado.FALLIDA, error=str(fallo))
            return
        except Exception:
            logger.exception("Falló la tarea %s (%s)", tarea.pk, tarea.tipo)
            _terminar(
                tarea,
                estado=Tarea.Estado.FALLIDA,
                error=MENSAJE_FALLO.format(referencia=_referencia(tarea)),
            )
            raise  # el backend también la anota como fallida, con su traza
        finally:
            latido.detener()
        # Sin filtrar por estado: si lo pidió cancelar cuando ya estaba todo guardado, la
        # persona debe ver lo que sí se hizo.
        Tarea.objects.filter(pk=tarea.pk).update(
            estado=Tarea.Estado.TERMINADA,
            terminada=timezone.now(),
            hechos=avance.hechos,
            resultado=resultado or {},
            error="",
        )

    return envoltura


def _terminar(tarea, *, estado, error):
    Tarea.objects.filter(pk=tarea.pk, estado=Tarea.Estado.EN_CURSO).update(
        estado=estado, terminada=timezone.now(), error=error
    )


def tarea_encolar(tarea_django, *, tipo: str, usuario, descripcion: str = "", datos=None) -> Tarea:
    """Crea la ``Tarea`` y la encola; con ImmediateBackend (pruebas) ya corrió al volver."""
    archivos_vencidos_borrar()
    tarea = Tarea.objects.create(
        tipo=tipo, usuario=usuario, descripcion=descripcion[:300], datos=datos or {}
    )
    try:
        tarea_django.enqueue(str(tarea.pk))
    except Exception:
        # Redis caído, por ejemplo: la persona ve un mensaje, no un error 500.
        logger.exception("No se pudo encolar la tarea %s", tarea.pk)
        Tarea.objects.filter(pk=tarea.pk).update(
            estado=Tarea.Estado.FALLIDA,
            terminada=timezone.now(),
            error=MENSAJE_SIN_COLA.format(referencia=_referencia(tarea)),
        )
    return tarea


def tarea_cancelar(tarea: Tarea) -> bool:
    """Pide detener una tarea que espera o corre; el servicio se detiene en su siguiente paso."""
    return bool(
        Tarea.objects.filter(
            pk=tarea.pk, estado__in=[Tarea.Estado.EN_ESPERA, Tarea.Estado.EN_CURSO]
        ).update(estado=Tarea.Estado.CANCELADA, terminada=timezone.now(), error=MENSAJE_CANCELADA)
    )


def tarea_revisar_perdida(tarea: Tarea, ahora=None) -> Tarea:
    """Una tarea en curso sin latido desde hace más del plazo se da por fallida.

    Solo si nadie anotó un latido desde que se leyó: un trabajador lento pero vivo gana.
    """
    if tarea.estado != Tarea.Estado.EN_CURSO:
        return tarea
    ahora = ahora or timezone.now()
    ultimo = tarea.latido or tarea.iniciada
    plazo = dt.timedelta(minutes=settings.TAREAS_SIN_LATIDO_MINUTOS)
    if ultimo is None or ahora - ultimo <= plazo:
        return tarea
    error = MENSAJE_PERDIDA.format(
        minutos=settings.TAREAS_SIN_LATIDO_MINUTOS, referencia=_referencia(tarea)
    )
    mismo_latido = Q(latido=tarea.latido) if tarea.latido else Q(latido__isnull=True)
    if Tarea.objects.filter(mismo_latido, pk=tarea.pk, estado=Tarea.Estado.EN_CURSO).update(
        estado=Tarea.Estado.FALLIDA, terminada=ahora, error=error
    ):
        logger.error("La tarea %s (%s) se dio por perdida: sin latido", tarea.pk, tarea.tipo)
        tarea.estado, tarea.terminada, tarea.error = Tarea.Estado.FALLIDA, ahora, error
    else:
        tarea.refresh_from_db()
    return tarea


@contextmanager
def archivo_temporal(nombre: str) -> Iterator[Path]:
    """Una ruta local donde el servicio escribe el archivo antes de guardarlo con la tarea."""
    with tempfile.TemporaryDirectory(prefix="tarea-") as carpeta:
        yield Path(carpeta) / nombre


def archivo_guardar(tarea: Tarea, ruta: Path, *, mensaje: str) -> dict:
    """Guarda el archivo en el almacenamiento de archivos (local o S3) y lo liga a la tarea.

    Solo quien pidió la tarea lo descarga (``programa.views.tarea_descargar``); el nombre en
    el almacenamiento lleva el id al azar de la tarea, nunca algo que se pueda adivinar.
    """
    with ruta.open("rb") as origen:
        guardado = default_storage.save(
            f"{CARPETA_ARCHIVOS}/{tarea.pk}/{ruta.name}", File(origen, name=ruta.name)
        )
    Tarea.objects.filter(pk=tarea.pk).update(archivo=guardado)
    return {"mensaje": mensaje, "descarga": ruta.name}


def archivos_vencidos_borrar(ahora=None) -> int:
    """Borra los archivos de tareas terminadas hace más de TAREAS_ARCHIVOS_DIAS días."""
    limite = (ahora or timezone.now()) - dt.timedelta(days=settings.TAREAS_ARCHIVOS_DIAS)
    vencidas = list(
        Tarea.objects.filter(terminada__lt=limite)
        .exclude(archivo="")
        .values_list("pk", "archivo")[:100]
    )
    for pk, archivo in vencidas:
        try:
            default_storage.delete(archivo)
        except Exception:
            logger.warning("No se pudo borrar %s", archivo, exc_info=True)
            continue
        Tarea.objects.filter(pk=pk).update(archivo="")
    return len(vencidas)


SINGULARES = {"filas": "fila", "actividades": "actividad", "pasos": "paso"}


def exportadas_texto(n: int, donde: str = "") -> str:
    """«Se exportaron 12,000 actividades de Oaxaca.» («Se exportó 1 actividad…» con una)."""
    if n == 1:
        return f"Se exportó 1 actividad{donde}."
    return f"Se exportaron {_cifra(n)} actividades{donde}."


def _cifra(n: int) -> str:
    return f"{n:,}"


def _duracion(segundos: float) -> str:
    if segundos < 60:
        return f"{max(5, round(segundos / 5) * 5)} s"
    if segundos < 3600:
        return f"{round(segundos / 60)} min"
    return f"{segundos / 3600:.1f} h"


def tarea_avance_texto(tarea: Tarea, ahora=None) -> str:
    """«12,000 de 50,000 filas (24 %), faltan unos 40 s»: lo que dice la página de avance."""
    if tarea.estado == Tarea.Estado.EN_ESPERA:
        return "En espera: empezará en cuanto el servidor de tareas la tome."
    unidad = tarea.datos.get("unidad", "filas")
    if tarea.total == 1:
        unidad = SINGULARES.get(unidad, unidad)
    if not tarea.total:
        if unidad == "filas":
            return f"{_cifra(tarea.hechos)} filas revisadas."
        return f"Van {_cifra(tarea.hechos)} {unidad}."
    hechos = min(tarea.hechos, tarea.total)
    texto = f"{_cifra(hechos)} de {_cifra(tarea.total)} {unidad} ({hechos * 100 // tarea.total} %)"
    if tarea.acabada:
        return texto + "."
    if hechos >= tarea.total:
        if tarea.tipo in (Tarea.Tipo.VISTA_PREVIA, Tarea.Tipo.IMPORTACION):
            return texto + "; ahora se compara con lo guardado y se termina."
        return texto + "; ahora se termina de escribir el archivo."
    if hechos and tarea.iniciada:
        transcurrido = ((ahora or timezone.now()) - tarea.iniciada).total_seconds()
        faltan = transcurrido * (tarea.total - hechos) / hechos
        return texto + f", faltan unos {_duracion(faltan)}."
    return texto + "."


@task()
@con_avance(directo=False)
def respaldo_tarea(tarea, avance) -> dict:
    """El respaldo completo de ``respaldar``, para descargarlo desde el admin.

    El respaldo lee todo en una transacción de solo lectura: el avance lo anota el latido.
    """
    avance.al_abrir(respaldo_filas_totales())
    with archivo_temporal(tarea.datos["nombre"]) as ruta:
        manifiesto = respaldo_crear(destino=ruta, progreso=lambda _etiqueta, n: avance(n))
        filas = sum(t["filas"] for t in manifiesto["tablas"].values())
        return archivo_guardar(
            tarea,
            ruta,
            mensaje=f"Respaldo listo: {filas:,} filas de {len(manifiesto['tablas'])} tablas y "
            f"{len(manifiesto['archivos'])} archivos.",
        )
