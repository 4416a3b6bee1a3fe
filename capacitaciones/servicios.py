"""Escrituras que tocan varios modelos a la vez."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from capacitaciones.models import (
    Actividad,
    ActividadInstitucion,
    Evidencia,
    Participacion,
    Producto,
    desglose_actividad_errores,
    nuevo_folio,
)
from convenios.models import Convenio, ParteConvenio
from programa import demo
from programa.alcance import entidades_asignadas
from programa.fechas import ajustar
from programa.historial import renglones_restaurar
from programa.models import (
    Audiencia,
    DocumentoOnu,
    EntidadFederativa,
    Estrategia,
    Institucion,
    Programa,
    Tema,
)


def _fecha(texto: str | None) -> dt.date | None:
    return dt.date.fromisoformat(texto) if texto else None


@transaction.atomic
def demo_cargar() -> dict[str, int]:
    """Carga los hechos de la aportación de 2015; cargarlos dos veces no cambia nada."""
    entidades = {e.clave: e for e in EntidadFederativa.objects.all()}
    temas = {t.nombre: t for t in Tema.objects.all()}
    audiencias = {a.nombre: a for a in Audiencia.objects.all()}

    instituciones: dict[str, Institucion] = {}
    for datos in demo.INSTITUCIONES:
        datos = dict(datos)
        sucesora = datos.pop("sucesora", None)
        datos["vigente_desde"] = _fecha(datos.get("vigente_desde"))
        institucion, _ = Institucion.objects.update_or_create(
            nombre=datos.pop("nombre"),
            defaults=datos | {"sucesora": instituciones.get(sucesora)},
        )
        instituciones[institucion.siglas] = institucion
    for clave, entidad in entidades.items():
        instituciones[f"DIF {clave}"], _ = Institucion.objects.update_or_create(
            nombre=demo.SISTEMA_ESTATAL.format(entidad=entidad.nombre_corto),
            defaults={
                "siglas": f"DIF {entidad.abreviatura}",
                "tipo": "estatal",
                "entidad": entidad,
            },
        )

    datos = dict(demo.PROGRAMA)
    datos["institucion_responsable"] = instituciones[datos["institucion_responsable"]]
    programa, _ = Programa.objects.update_or_create(nombre=datos.pop("nombre"), defaults=datos)

    convenios: dict[str, Convenio] = {}
    for datos in demo.CONVENIOS:
        datos = dict(datos)
        partes = datos.pop("partes")
        for campo in ("fecha_firma", "vigencia_inicio"):
            datos[campo] = _fecha(datos.get(campo))
        convenio, _ = Convenio.objects.update_or_create(
            folio=datos.pop("folio"), defaults=datos | {"programa": programa}
        )
        for siglas, rol in partes:
            ParteConvenio.objects.update_or_create(
                convenio=convenio, institucion=instituciones[siglas], defaults={"rol": rol}
            )
        convenios[convenio.folio] = convenio

    for datos in demo.ESTRATEGIAS:
        datos = dict(datos)
        participantes = [instituciones[s] for s in datos.pop("instituciones")]
        sus_temas = [temas[t] for t in datos.pop("temas")]
        estrategia, _ = Estrategia.objects.update_or_create(
            nombre=datos.pop("nombre"), defaults=datos | {"programa": programa}
        )
        estrategia.instituciones.set(participantes)
        estrategia.temas.set(sus_temas)

    for datos in demo.ACTIVIDADES:
        datos = dict(datos)
        relaciones = {
            campo: datos.pop(campo, [])
            for campo in (
                "temas",
                "entidades",
                "entidades_participantes",
                "organiza",
                "imparte",
                "participa",
            )
        }
        participacion = datos.pop("participacion", {})
        inicio, fin = ajustar(_fecha(datos.pop("fecha_inicio")), None, datos["precision"])
        convenio = convenios.get(datos.pop("convenio", None))
        actividad, _ = Actividad.objects.update_or_create(
            folio=datos.pop("folio"),
            defaults=datos
            | {
                "programa": programa,
                "convenio": convenio,
                "fecha_inicio": inicio,
                "fecha_fin": fin,
            },
        )
        actividad.temas.set([temas[t] for t in relaciones["temas"]])
        actividad.entidades.set([entidades[c] for c in relaciones["entidades"]])
        actividad.entidades_participantes.set(
            [entidades[c] for c in relaciones["entidades_participantes"]]
        )
        for rol in ActividadInstitucion.Rol.values:
            for siglas in relaciones[rol]:
                ActividadInstitucion.objects.get_or_create(
                    actividad=actividad, institucion=instituciones[siglas], rol=rol
                )
        for audiencia, total in participacion.items():
            Participacion.objects.update_or_create(
                actividad=actividad, audiencia=audiencias[audiencia], defaults={"total": total}
            )

    for datos in demo.PRODUCTOS:
        datos = dict(datos)
        sus_temas = [temas[t] for t in datos.pop("temas", [])]
        sus_audiencias = [audiencias[a] for a in datos.pop("audiencias", [])]
        datos["convenio"] = convenios.get(datos.get("convenio"))
        producto, _ = Producto.objects.update_or_create(nombre=datos.pop("nombre"), defaults=datos)
        producto.temas.set(sus_temas)
        producto.audiencias.set(sus_audiencias)

    for datos in demo.DOCUMENTOS_ONU:
        datos = dict(datos, fecha=_fecha(datos["fecha"]))
        DocumentoOnu.objects.update_or_create(simbolo=datos.pop("simbolo"), defaults=datos)

    return {
        "instituciones": Institucion.objects.count(),
        "convenios": Convenio.objects.count(),
        "actividades": Actividad.objects.count(),
        "productos": Producto.objects.count(),
        "documentos_onu": DocumentoOnu.objects.count(),
    }


def actividades_eliminadas():
    """El último registro histórico de cada actividad borrada que no se ha restaurado."""
    return (
        Actividad.historial.filter(history_type="-")
        .exclude(id__in=Actividad.objects.values("id"))
        .select_related("history_user")
        .order_by("-history_date")
    )


@transaction.atomic
def actividad_restaurar(*, actividad_id: int, usuario) -> Actividad:
    """Devuelve una actividad borrada tal como estaba, con sus entidades, temas, participación,
    instituciones y evidencias (los renglones que se borraron con ella)."""
    if Actividad.objects.filter(pk=actividad_id).exists():
        raise ValueError(f"La actividad {actividad_id} no está eliminada.")
    historial = Actividad.historial.filter(id=actividad_id)
    borrado = historial.filter(history_type="-").latest("history_date", "history_id")
    antes = historial.exclude(history_type="-").latest("history_date", "history_id")

    actividad = borrado.instance
    actividad._history_user = usuario
    actividad.save(force_insert=True)
    for campo in ("temas", "entidades", "entidades_participantes", "recomendaciones"):
        destino = getattr(Actividad, campo).field.m2m_reverse_field_name()
        getattr(actividad, campo).set(
            [getattr(fila, f"{destino}_id") for fila in getattr(antes, campo).all()]
        )
    for Modelo in (Participacion, ActividadInstitucion, Evidencia):
        for registro in _borrados_con(Modelo, borrado):
            renglon = registro.instance
            renglon._history_user = usuario
            renglon.save(force_insert=True)
            if Modelo is Evidencia:  # auto_now_add pone la hora de hoy; se conserva la original
                Evidencia.objects.filter(pk=renglon.pk).update(subida=registro.subida)
    return actividad


@transaction.atomic
def actividad_renglones_restaurar(*, actividad: Actividad, version, usuario) -> int:
    """Al volver a ``version``: la participación y las instituciones como estaban en ella.

    Devuelve cuántos renglones no volvieron (su audiencia o institución ya no existe). Si
    con ellos el desglose por sexo no cuadra (``desglose_actividad_errores``), ValidationError:
    quien llama deshace todo, como el formulario que rechaza ese desglose.
    """
    omitidos = 0
    for Renglon, requerida in ((Participacion, "audiencia"), (ActividadInstitucion, "institucion")):
        omitidos += renglones_restaurar(
            padre=actividad,
            version=version,
            Renglon=Renglon,
            campo="actividad",
            usuario=usuario,
            requeridas=[requerida],
        )
    filas = list(actividad.participaciones.values_list("total", "mujeres", "hombres"))
    if errores := desglose_actividad_errores(actividad.mujeres, actividad.hombres, filas):
        raise ValidationError(errores)
    return omitidos


def _borrados_con(Modelo, borrado):
    """Los renglones de ``Modelo`` que se borraron en la misma operación que la actividad.

    Solo esos: un renglón que alguien quitó a propósito antes tiene otro ``borrado`` (o
    ninguno) y no vuelve. Los borrados anteriores a ese identificador se reconocen por la hora:
    los 5 s antes del borrado de la actividad y nunca después.
    """
    registros = Modelo.historial.filter(actividad_id=borrado.id, history_type="-")
    if borrado.borrado is not None:
        return registros.filter(borrado=borrado.borrado)
    return registros.filter(
        borrado__isnull=True,
        history_date__gte=borrado.history_date - dt.timedelta(seconds=5),
        history_date__lte=borrado.history_date,
    )


@transaction.atomic
def actividad_duplicar(*, original: Actividad, usuario) -> Actividad:
    """Copia para registrar la misma actividad en otra entidad.

    Copia todo menos el folio, las evidencias y las cifras de asistencia (quedan las
    audiencias, sin número). Sin entidades, salvo para un enlace estatal: la copia conserva
    las entidades del original que son suyas, para que siga a su alcance.
    """
    asignadas = entidades_asignadas(usuario)
    entidades = [e for e in original.entidades.all() if asignadas and e.clave in asignadas]
    temas = list(original.temas.all())
    recomendaciones = list(original.recomendaciones.all())
    instituciones = list(original.actividadinstitucion_set.all())
    audiencias = [p.audiencia_id for p in original.participaciones.all()]
    copia = Actividad.objects.get(pk=original.pk)
    copia.pk = copia.id = None
    copia.folio = nuevo_folio()
    copia.mujeres = copia.hombres = None  # cifras: no se copian
    copia._state.adding = True
    if copia.estado in Actividad.ESTADOS_CON_MOTIVO:
        copia.estado, copia.motivo = Actividad.Estado.PROGRAMADA, ""
    copia._history_user = usuario
    copia.save()
    copia.temas.set(temas)
    copia.recomendaciones.set(recomendaciones)
    copia.entidades.set(entidades)
    for ai in instituciones:
        ActividadInstitucion.objects.create(
            actividad=copia, institucion_id=ai.institucion_id, rol=ai.rol
        )
    for audiencia in audiencias:
        Participacion.objects.create(actividad=copia, audiencia_id=audiencia)
    return copia
