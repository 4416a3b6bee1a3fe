"""Revisar e importar una hoja en segundo plano: envoltorios de ``actividades_importar``.

La hoja espera en MEDIA_ROOT/tmp/importaciones con un nombre al azar (la ficha que guarda la
sesión); junto a ella, las revisiones que vio la vista previa y sus filas (para mostrarlas
sin volver a leer la hoja).
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse
from django_tasks import task

from capacitaciones.hojas.exportar import actividades_filas, escribir_xlsx, lineas_csv
from capacitaciones.hojas.importar import Resultado, actividades_importar
from capacitaciones.hojas.validar import ErrorCelda, FilaImportada
from capacitaciones.models import Actividad
from programa.tareas import archivo_guardar, archivo_temporal, con_avance, exportadas_texto

CARPETA = "tmp/importaciones"


def carpeta() -> Path:
    ruta = Path(settings.MEDIA_ROOT) / CARPETA
    ruta.mkdir(parents=True, exist_ok=True)
    return ruta


def ruta_revisiones(ruta: Path) -> Path:
    return ruta.with_name(ruta.name + ".revisiones.json")


def ruta_filas(ruta: Path) -> Path:
    return ruta.with_name(ruta.name + ".filas.json")


def _guardar_filas(ruta: Path, resultado: Resultado) -> None:
    filas = [
        [f.numero, f.folio, f.titulo, f.accion, [[e.columna, e.mensaje] for e in f.errores]]
        for f in resultado.filas
    ]
    ruta_filas(ruta).write_text(
        json.dumps({"errores_archivo": resultado.errores_archivo, "filas": filas})
    )


def resultado_leer(ruta: Path, nombre: str) -> Resultado | None:
    """El resultado de una vista previa, como lo dejó la tarea (None si ya no está)."""
    try:
        guardado = json.loads(ruta_filas(ruta).read_text())
    except (OSError, ValueError):
        return None
    filas = [
        FilaImportada(
            numero=numero,
            folio=folio,
            titulo=titulo,
            accion=accion,
            errores=[ErrorCelda(numero, columna, mensaje) for columna, mensaje in errores],
        )
        for numero, folio, titulo, accion, errores in guardado["filas"]
    ]
    return Resultado(nombre=nombre, filas=filas, errores_archivo=guardado["errores_archivo"])


def borrar_temporales(ruta: Path) -> None:
    for archivo in (ruta, ruta_revisiones(ruta), ruta_filas(ruta)):
        archivo.unlink(missing_ok=True)


def _url_vista_previa(tarea) -> str:
    return reverse("admin:capacitaciones_actividad_importar_vista_previa", args=[tarea.pk])


@task()
@con_avance
def hoja_revisar(tarea, avance) -> dict:
    """Vista previa: valida sin guardar y deja las filas para mostrarlas."""
    ruta = carpeta() / tarea.datos["archivo"]
    with ruta.open("rb") as archivo:
        resultado = actividades_importar(
            archivo=archivo,
            nombre=tarea.datos["nombre"],
            guardar=False,
            usuario=tarea.usuario,
            avance=avance,
            al_abrir=avance.al_abrir,
        )
    _guardar_filas(ruta, resultado)
    if resultado.errores_archivo:
        # La hoja no se puede leer: se muestra el porqué y no queda nada que confirmar.
        ruta.unlink(missing_ok=True)
    else:
        # Lo que vio la vista previa: al confirmar, una actividad que cambió en medio se rechaza.
        ruta_revisiones(ruta).write_text(json.dumps(resultado.revisiones()))
    return {"redirigir": True, "url": _url_vista_previa(tarea)}


@task()
@con_avance
def hoja_importar(tarea, avance) -> dict:
    """Confirmar: vuelve a validar todo y guarda en una transacción (todo o nada)."""
    ruta = carpeta() / tarea.datos["archivo"]
    nombre = tarea.datos["nombre"]
    try:
        vistas = json.loads(ruta_revisiones(ruta).read_text())
    except (OSError, ValueError):
        vistas = None
    with ruta.open("rb") as archivo:
        resultado = actividades_importar(
            archivo=archivo,
            nombre=nombre,
            guardar=True,
            usuario=tarea.usuario,
            revisiones_vistas=vistas,
            avance=avance,
            al_abrir=avance.al_abrir,
        )
    if not resultado.guardado:
        # Algo cambió desde la vista previa: se muestra de nuevo, con los errores.
        _guardar_filas(ruta, resultado)
        return {"redirigir": True, "url": _url_vista_previa(tarea)}
    borrar_temporales(ruta)
    return {
        "mensaje": "Se importó «{nombre}»: {nuevas} nuevas, {actualizadas} actualizadas, "
        "{sin_cambios} sin cambios.".format(nombre=nombre, **resultado.conteo),
        "url": reverse("admin:capacitaciones_actividad_changelist"),
        "enlace": "Ver la lista de actividades",
    }


def actividades_del_admin(usuario, *, consulta: str, elegidas: list | None = None):
    """Las actividades que la lista del admin le muestra a ``usuario`` con esos filtros.

    La misma ChangeList que la página (filtros, búsqueda, orden y alcance del rol), armada con
    una petición de mentiras: en el trabajador no hay petición, pero sí quién la pidió.
    """
    peticion = RequestFactory().get("/admin/capacitaciones/actividad/", QueryDict(consulta))
    peticion.user = usuario
    actividades = admin.site.get_model_admin(Actividad).get_changelist_instance(peticion).queryset
    if elegidas is not None:
        actividades = actividades.filter(pk__in=elegidas)
    return actividades


def _contando(filas, avance):
    for fila in filas:
        avance(1)
        yield fila


@task()
@con_avance
def actividades_exportar(tarea, avance) -> dict:
    """Una exportación grande de la lista del admin, a un archivo que se descarga al terminar."""
    datos = tarea.datos
    actividades = actividades_del_admin(
        tarea.usuario, consulta=datos["consulta"], elegidas=datos.get("elegidas")
    )
    avance.al_abrir(actividades.count())
    filas = _contando(actividades_filas(actividades), avance)
    with archivo_temporal(datos["nombre"]) as ruta:
        if datos["formato"] == "csv":
            with ruta.open("w", encoding="utf-8", newline="") as archivo:
                archivo.writelines(lineas_csv(filas))
        else:
            escribir_xlsx(filas, ruta)
        return archivo_guardar(tarea, ruta, mensaje=exportadas_texto(avance.hechos))
