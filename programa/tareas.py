"""Trabajo largo en segundo plano (django-tasks) con su avance a la vista.

Cada tarea es un envoltorio delgado sobre un servicio de siempre: ``con_avance`` le da la
``Tarea`` (qué hacer, de quién) y un ``Avance`` que anota cada tantas filas cuánto lleva; la
página ``/tareas/<id>/`` lo muestra. Si el servicio truena, la persona ve un mensaje en
español y el detalle técnico queda en la bitácora del servidor y en el backend de tareas.
"""

import functools
import logging

from django.utils import timezone

from programa.models import Tarea

logger = logging.getLogger(__name__)

# Anotar el avance cuesta un UPDATE: cada tantas filas (unas décimas de segundo de trabajo). Por
# filas y no por reloj, así las consultas de una importación no dependen de la máquina.
CADA_FILAS = 500

MENSAJE_FALLO = (
    "No se pudo terminar: ocurrió un error inesperado en el servidor y no se guardó nada. "
    "Vuelva a intentarlo; si se repite, avise al área de sistemas (referencia {referencia})."
)
MENSAJE_SIN_COLA = (
    "No se pudo poner el trabajo en la cola de tareas; no se guardó nada. Vuelva a intentarlo "
    "en unos minutos; si se repite, avise al área de sistemas (referencia {referencia})."
)


class Avance:
    """Lo que el servicio llama al abrir (``al_abrir(total)``) y por cada fila (``avance(n)``)."""

    def __init__(self, tarea: Tarea):
        self.tarea = tarea
        self.hechos = 0
        self._anotados = 0

    def al_abrir(self, total: int | None) -> None:
        Tarea.objects.filter(pk=self.tarea.pk).update(total=total)

    def __call__(self, n: int = 1) -> None:
        self.hechos += n
        if self.hechos - self._anotados >= CADA_FILAS:
            self.anotar()

    def anotar(self) -> None:
        Tarea.objects.filter(pk=self.tarea.pk).update(hechos=self.hechos)
        self._anotados = self.hechos


def con_avance(funcion):
    """Cuerpo de una tarea ``funcion(tarea, avance) -> resultado`` (un dict JSON pequeño).

    La tarea de django-tasks recibe solo el id de la ``Tarea``: sus argumentos viajan por la
    cola como JSON, y lo demás ya está en la base.
    """

    @functools.wraps(funcion)
    def envoltura(tarea_id: str) -> None:
        tarea = Tarea.objects.select_related("usuario").get(pk=tarea_id)
        Tarea.objects.filter(pk=tarea.pk).update(
            estado=Tarea.Estado.EN_CURSO, iniciada=timezone.now()
        )
        avance = Avance(tarea)
        try:
            resultado = funcion(tarea, avance)
        except Exception:
            logger.exception("Falló la tarea %s (%s)", tarea.pk, tarea.tipo)
            Tarea.objects.filter(pk=tarea.pk).update(
                estado=Tarea.Estado.FALLIDA,
                terminada=timezone.now(),
                error=MENSAJE_FALLO.format(referencia=str(tarea.pk)[:8]),
            )
            raise  # el backend también la anota como fallida, con su traza
        Tarea.objects.filter(pk=tarea.pk).update(
            estado=Tarea.Estado.TERMINADA,
            terminada=timezone.now(),
            hechos=avance.hechos,
            resultado=resultado or {},
        )

    return envoltura


def tarea_encolar(tarea_django, *, tipo: str, usuario, descripcion: str = "", datos=None) -> Tarea:
    """Crea la ``Tarea`` y la encola; con ImmediateBackend (pruebas) ya corrió al volver."""
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
            error=MENSAJE_SIN_COLA.format(referencia=str(tarea.pk)[:8]),
        )
    return tarea


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
    if not tarea.total:
        return f"{_cifra(tarea.hechos)} filas revisadas."
    hechos = min(tarea.hechos, tarea.total)
    texto = f"{_cifra(hechos)} de {_cifra(tarea.total)} filas ({hechos * 100 // tarea.total} %)"
    if tarea.acabada:
        return texto + "."
    if hechos >= tarea.total:
        return texto + "; ahora se compara con lo guardado y se termina."
    if hechos and tarea.iniciada:
        transcurrido = ((ahora or timezone.now()) - tarea.iniciada).total_seconds()
        faltan = transcurrido * (tarea.total - hechos) / hechos
        return texto + f", faltan unos {_duracion(faltan)}."
    return texto + "."
