"""Comparar las filas validadas con lo guardado y escribirlas todo o nada.

``comparar_con_existentes()`` decide qué hace cada fila (nueva, actualiza, sin cambios) y
rechaza las que borrarían el cambio de otra persona (revisiones); ``revisar_alcance()`` limita
a un enlace estatal a sus entidades; ``escribir()`` hace las inserciones y actualizaciones por
lotes con su historial. Todo corre dentro de la transacción de ``actividades_importar()``.
"""

from capacitaciones.hojas.validar import Accion, ErrorCelda, FilaImportada
from capacitaciones.models import Actividad, ActividadInstitucion, Participacion
from programa.historial import historial_en_lote
from programa.models import Programa
from programa.revision import Cambio, ultimos_cambios
from programa.versiones import anios_entre, datos_cambiados, en_lote

LOTE = 500
# Campos de Actividad que vienen de la hoja (el resto no se toca al actualizar).
CAMPOS = (
    "tipo",
    "titulo",
    "estado",
    "fecha_inicio",
    "fecha_fin",
    "precision",
    "modalidad",
    "sede",
    "descripcion",
    "motivo",
    "convenio",
    "mujeres",
    "hombres",
    "proposito",
)
RELACIONES_M2M = ("entidades", "entidades_participantes", "temas")


def _existentes(
    folios: list[str], usuario, *, bloquear: bool = False, recomendaciones: bool = False
) -> dict[str, Actividad]:
    """Las actividades con esos folios que la persona ve, con sus relaciones, por lotes
    (consultas constantes). Una de otra entidad no está, como si no existiera.

    Al guardar, bloqueadas hasta el final de la transacción: la revisión comparada es la que
    se sube, sin que otra persona guarde en medio.
    """
    existentes = {}
    visibles = Actividad.objects.visibles_para(usuario) if usuario else Actividad.objects.all()
    for inicio in range(0, len(folios), LOTE):
        consulta = visibles.filter(folio__in=folios[inicio : inicio + LOTE])
        if bloquear:
            consulta = consulta.select_for_update()
        consulta = consulta.prefetch_related(
            *RELACIONES_M2M, "participaciones", "actividadinstitucion_set"
        )
        if recomendaciones:
            consulta = consulta.prefetch_related("recomendaciones")
        existentes |= {a.folio: a for a in consulta}
    return existentes


def _relaciones_de(actividad: Actividad, roles) -> dict:
    instituciones = {rol: set() for rol in roles}
    for ai in actividad.actividadinstitucion_set.all():
        if ai.rol in instituciones:
            instituciones[ai.rol].add(ai.institucion_id)
    return {
        "entidades": {e.pk for e in actividad.entidades.all()},
        "entidades_participantes": {e.pk for e in actividad.entidades_participantes.all()},
        "temas": {t.pk for t in actividad.temas.all()},
        "instituciones": instituciones,
        "participaciones": {
            p.audiencia_id: (p.total, p.mujeres, p.hombres) for p in actividad.participaciones.all()
        },
    }


def comparar_con_existentes(
    filas: list[FilaImportada],
    programas: list[Programa],
    usuario,
    alcance,
    *,
    bloquear=False,
    vistas=None,
) -> None:
    existentes = _existentes(
        [f.folio for f in filas if f.folio],
        usuario,
        bloquear=bloquear,
        recomendaciones=any("recomendaciones" in f.relaciones for f in filas),
    )
    vencidas: list[tuple[FilaImportada, str]] = []
    for fila in filas:
        fila.existente = existentes.get(fila.folio) if fila.folio else None
        if fila.existente is None and fila.folio and alcance is not None:
            # Un enlace no elige el folio de una actividad nueva: si pudiera, «ese folio ya
            # existe» revelaría las actividades de otras entidades. El mismo mensaje para un
            # folio que no existe y uno que no es suyo.
            fila.errores.append(
                ErrorCelda(
                    fila.numero,
                    "folio",
                    f"No hay una actividad con el folio '{fila.folio}' en sus entidades. Para "
                    "registrar una actividad nueva, deje el folio vacío: el sistema le asigna "
                    "uno.",
                )
            )
        if fila.existente is None:
            fila.accion = Accion.NUEVA
            if len(programas) != 1:
                fila.errores.append(
                    ErrorCelda(
                        fila.numero,
                        "",
                        "No hay un programa registrado al que asignar la actividad."
                        if not programas
                        else "Hay varios programas registrados; la hoja no dice a cuál va.",
                    )
                )
            continue
        actividad = fila.existente
        fila.cambios = {
            campo
            for campo, valor in fila.campos.items()
            if (
                actividad.convenio_id != (valor.pk if valor else None)
                if campo == "convenio"
                else getattr(actividad, campo) != valor
            )
        }
        actuales = _relaciones_de(actividad, fila.relaciones["instituciones"].keys())
        if "recomendaciones" in fila.relaciones:
            actuales["recomendaciones"] = {r.pk for r in actividad.recomendaciones.all()}
        fila.cambios |= {r for r, valor in actuales.items() if fila.relaciones[r] != valor}
        fila.accion = Accion.ACTUALIZA if fila.cambios else Accion.SIN_CAMBIOS
        # Solo una fila que escribiría puede borrar el cambio de otra persona.
        if fila.accion == Accion.ACTUALIZA:
            if fila.revision_hoja is not None and fila.revision_hoja != actividad.revision:
                vencidas.append((fila, "revision"))
            elif vistas is not None and vistas.get(fila.folio) != actividad.revision:
                vencidas.append((fila, ""))
    _rechazar_vencidas(vencidas)


def _rechazar_vencidas(vencidas: list[tuple[FilaImportada, str]]) -> None:
    """Un error por fila cuya actividad cambió después de exportar la hoja o de la vista
    previa, con quién y cuándo la cambió."""
    cambios = ultimos_cambios(Actividad, (f.existente.pk for f, _ in vencidas))
    for fila, columna in vencidas:
        frase = cambios.get(fila.existente.pk, Cambio()).frase("esta actividad")
        if columna:
            mensaje = (
                f"La actividad {fila.folio} cambió después de exportar esta hoja (revisión "
                f"{fila.revision_hoja} en la hoja, {fila.existente.revision} ahora): {frase}. "
                "Para no borrar ese cambio no se guardó nada; exporte de nuevo la actividad y "
                "vuelva a hacer sus cambios en la hoja nueva."
            )
        else:
            mensaje = (
                f"La actividad {fila.folio} cambió después de la vista previa: {frase}. "
                "Para no borrar ese cambio no se guardó nada; suba el archivo de nuevo para "
                "ver la vista previa actualizada."
            )
        fila.errores.append(ErrorCelda(fila.numero, columna, mensaje))


def revisar_alcance(fila: FilaImportada, alcance: frozenset[str], nombres: dict) -> None:
    """Un enlace estatal importa solo actividades de sus entidades."""
    suyas = ", ".join(nombres[c] for c in sorted(alcance)) or "ninguna"
    fuera = sorted(fila.relaciones["entidades"] - alcance)
    if fuera:
        fila.errores.append(
            ErrorCelda(
                fila.numero,
                "entidades",
                f"{', '.join(nombres[c] for c in fuera)} no está entre sus entidades "
                f"asignadas ({suyas}).",
            )
        )
    elif not fila.relaciones["entidades"]:
        fila.errores.append(
            ErrorCelda(
                fila.numero, "entidades", f"Escriba al menos una de sus entidades ({suyas})."
            )
        )
    if fila.existente is not None and not {e.pk for e in fila.existente.entidades.all()} <= alcance:
        fila.errores.append(
            ErrorCelda(
                fila.numero,
                "folio",
                f"La actividad con folio '{fila.folio}' es también de otra entidad; solo puede "
                "cambiarla alguien con alcance sobre todas sus entidades.",
            )
        )


@en_lote()  # sin señales por renglón: se avisa una vez, abajo
def escribir(
    filas: list[FilaImportada], *, roles: list[str], programa, usuario=None, motivo=""
) -> None:
    """Inserciones y actualizaciones por lotes, con su historial; dentro de una transacción."""
    nuevas, cambiadas = [], []
    # Años de los informes que cambian: los de las fechas de antes y los de ahora.
    anios = set()
    for fila in filas:
        if fila.accion == Accion.ACTUALIZA:
            anios |= anios_entre(fila.existente.fecha_inicio, fila.existente.fecha_fin)
        if fila.accion == Accion.NUEVA:
            actividad = Actividad(programa=programa, **fila.campos)
            if fila.folio:
                actividad.folio = fila.folio
            fila.existente = actividad
            nuevas.append(fila)
        elif fila.accion == Accion.ACTUALIZA:
            for campo, valor in fila.campos.items():
                setattr(fila.existente, campo, valor)
            # Las filas están bloqueadas (ver _existentes): subirla aquí no pierde otra subida.
            fila.existente.revision += 1
            cambiadas.append(fila)
    Actividad.objects.bulk_create([f.existente for f in nuevas], batch_size=LOTE)
    # Solo los campos y las relaciones que cambiaron: bulk_update arma un CASE por campo.
    campos = [c for c in CAMPOS if any(c in f.cambios for f in cambiadas)]
    if cambiadas:  # también si solo cambiaron relaciones: un formulario abierto queda viejo
        campos.append("revision")
        Actividad.objects.bulk_update([f.existente for f in cambiadas], campos, batch_size=LOTE)

    def escritas(relacion: str) -> list[FilaImportada]:
        return nuevas + [f for f in cambiadas if relacion in f.cambios]

    def borrar(relacion: str, consulta) -> None:
        ids = [f.existente.pk for f in cambiadas if relacion in f.cambios]
        for inicio in range(0, len(ids), LOTE):
            consulta.filter(actividad_id__in=ids[inicio : inicio + LOTE]).delete()

    for relacion, campo_destino in (
        ("entidades", "entidadfederativa_id"),
        ("entidades_participantes", "entidadfederativa_id"),
        ("temas", "tema_id"),
        ("recomendaciones", "recomendacion_id"),  # solo si la hoja trae la columna
    ):
        through = getattr(Actividad, relacion).through
        borrar(relacion, through.objects.all())
        through.objects.bulk_create(
            (
                through(actividad_id=f.existente.pk, **{campo_destino: destino})
                for f in escritas(relacion)
                for destino in sorted(f.relaciones.get(relacion, ()))
            ),
            batch_size=LOTE * 2,
        )
    borrar("instituciones", ActividadInstitucion.objects.filter(rol__in=roles))
    instituciones = ActividadInstitucion.objects.bulk_create(
        [
            ActividadInstitucion(actividad_id=f.existente.pk, institucion_id=i, rol=rol)
            for f in escritas("instituciones")
            for rol, ids in f.relaciones["instituciones"].items()
            for i in sorted(ids)
        ],
        batch_size=LOTE * 2,
    )
    borrar("participaciones", Participacion.objects.all())
    participaciones = Participacion.objects.bulk_create(
        [
            Participacion(
                actividad_id=f.existente.pk, audiencia_id=a, total=t, mujeres=m, hombres=h
            )
            for f in escritas("participaciones")
            for a, (t, m, h) in sorted(f.relaciones["participaciones"].items())
        ],
        batch_size=LOTE * 2,
    )
    # Historial: quién importó, y el estado completo de cada actividad escrita.
    quien = {"usuario": usuario, "motivo": motivo}
    historial_en_lote(Actividad, [f.existente for f in nuevas], **quien)
    historial_en_lote(Actividad, [f.existente for f in cambiadas], actualizacion=True, **quien)
    historial_en_lote(ActividadInstitucion, instituciones, **quien)
    historial_en_lote(Participacion, participaciones, **quien)
    for fila in nuevas + cambiadas:
        anios |= anios_entre(fila.existente.fecha_inicio, fila.existente.fecha_fin)
    datos_cambiados(anios)
