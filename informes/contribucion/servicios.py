"""Escrituras del informe de contribución (generar, regenerar, finalizar, nueva versión) y el
armado del documento que leen los exportadores."""

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.safestring import mark_safe

from informes.contribucion.anexo import (
    anexo_etiquetas,
    anexo_notas,
    anexo_tablas,
    mapa_cobertura_svg,
    mapa_texto_alternativo,
)
from informes.contribucion.documento import Documento, bloques_a_texto, texto_a_bloques
from informes.contribucion.exportar.docx import exportar_docx
from informes.contribucion.exportar.html import exportar_html
from informes.contribucion.exportar.markdown import exportar_markdown
from informes.contribucion.exportar.pdf import exportar_pdf
from informes.contribucion.hechos import contribucion_del_informe
from informes.contribucion.redaccion import redactar
from informes.models import InformeContribucion, InformeFinalInmutable, suma_sha256
from informes.seguimiento.convocatorias import cuerpo_de_respuestas, respuestas_redactar
from programa.bitacora import evento_registrar
from programa.models import Evento
from programa.revision import RegistroCambiado

FORMATOS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


def documento_armar(
    *, contribucion: dict, idioma: str, titulo: str, introduccion="", cuerpo=None, cierre=""
) -> Documento:
    """El documento listo para exportar; sin ``cuerpo``, el redactado de los hechos."""
    et = anexo_etiquetas(contribucion, idioma)
    tablas, valores = anexo_tablas(contribucion, idioma)
    bloques = texto_a_bloques(cuerpo) if cuerpo is not None else redactar(contribucion, idioma)
    return Documento(
        idioma=idioma,
        titulo=titulo,
        introduccion=texto_a_bloques(introduccion),
        cuerpo=bloques,
        cierre=texto_a_bloques(cierre),
        titulo_anexo=et["anexo"],
        tablas=tablas,
        mapa_titulo=et["mapa"],
        # mapa_svg() escapa cada texto: el SVG se marca seguro una sola vez, aquí.
        mapa_svg=mark_safe(mapa_cobertura_svg(valores, idioma)) if valores else "",
        notas_anexo=anexo_notas(contribucion, idioma, tablas),
        mapa_alt=mapa_texto_alternativo(valores, idioma) if valores else "",
    )


def exportar(documento: Documento, formato: str) -> bytes:
    if formato == "docx":
        return exportar_docx(documento)
    if formato == "pdf":
        return exportar_pdf(documento)
    if formato == "html":
        return exportar_html(documento).encode("utf-8")
    return exportar_markdown(documento).encode("utf-8")


def informe_documento(informe: InformeContribucion) -> Documento:
    """El documento de un informe: el de su instantánea si es final, si no el de su borrador."""
    fuente = informe.instantanea if informe.es_final else _texto(informe)
    return documento_armar(
        contribucion=fuente["hechos"] if informe.es_final else informe.hechos,
        idioma=fuente["idioma"],
        titulo=fuente["titulo"],
        introduccion=fuente["introduccion"],
        cuerpo=fuente["cuerpo"],
        cierre=fuente["cierre"],
    )


def _texto(informe: InformeContribucion) -> dict:
    return {
        "idioma": informe.idioma,
        "titulo": informe.titulo,
        "introduccion": informe.introduccion,
        "cuerpo": informe.cuerpo,
        "cierre": informe.cierre,
    }


def _bloquear_revision(informe: InformeContribucion, revision: int | None):
    """Bloquea la fila y exige que siga en la revisión que vio quien confirma (si la dice)."""
    vigente = InformeContribucion.objects.select_for_update().get(pk=informe.pk)
    if revision is not None and vigente.revision != revision:
        raise RegistroCambiado(vigente)
    return vigente


@transaction.atomic
def informe_generar(
    *, informe: InformeContribucion, revision: int | None = None
) -> InformeContribucion:
    """Redacta (o vuelve a redactar) el texto de un borrador desde los registros.

    Reemplaza el cuerpo editado; la introducción y el cierre se conservan. Con ``revision``
    (la que mostró la confirmación), una edición posterior de otra persona no se borra sin
    verla: ``RegistroCambiado``.
    """
    if informe.pk is not None:
        _bloquear_revision(informe, revision)
    if informe.es_final:
        raise InformeFinalInmutable("Un informe final no se vuelve a redactar.")
    hechos = contribucion_del_informe(informe)
    if informe.convocatoria_id:
        respuestas, preguntas, avisos = respuestas_redactar(informe=informe, hechos=hechos)
        hechos["preguntas"] = preguntas
        hechos["avisos"] = list(dict.fromkeys([*hechos["avisos"], *avisos]))
        informe.respuestas = respuestas
        informe.cuerpo = cuerpo_de_respuestas(respuestas)
    else:
        informe.cuerpo = bloques_a_texto(redactar(hechos, informe.idioma))
    informe.hechos = hechos
    informe.save(update_fields=["hechos", "cuerpo", "respuestas", "modificado", "modificado_por"])
    return informe


@dataclass
class Archivo:
    contenido: bytes
    tipo: str
    nombre: str


def informe_archivo(informe: InformeContribucion, formato: str) -> Archivo:
    """El archivo de un informe: de un final, DOCX y PDF son los bytes guardados al finalizar."""
    nombre = f"aportacion-{informe.desde:%Y%m%d}-{informe.hasta:%Y%m%d}-{informe.idioma}"
    nombre += f"-v{informe.version}.{formato}"
    if informe.es_final and formato in ("docx", "pdf"):
        contenido = bytes(getattr(informe, formato))
    else:
        contenido = exportar(informe_documento(informe), formato)
    return Archivo(contenido, FORMATOS[formato], nombre)


@transaction.atomic
def informe_finalizar(
    *, informe: InformeContribucion, usuario, revision: int | None = None
) -> InformeContribucion:
    """Congela un borrador: guarda DOCX, PDF, la instantánea y su suma, y quién y cuándo.

    Todo o nada: si el PDF no puede generarse (``MotorPDFNoDisponible``), nada cambia. Con
    ``revision`` (la que mostró la confirmación), no congela un texto que quien confirma no
    vio: ``RegistroCambiado``.
    """
    informe = _bloquear_revision(informe, revision)
    if informe.es_final:
        raise InformeFinalInmutable("Este informe ya es final.")
    documento = informe_documento(informe)
    docx, pdf = exportar_docx(documento), exportar_pdf(documento)
    instantanea = {
        **_texto(informe),
        "hechos": informe.hechos,
        "version": informe.version,
        "destinatario": informe.destinatario,
        "periodo": {"desde": informe.desde.isoformat(), "hasta": informe.hasta.isoformat()},
        "corte": informe.corte.isoformat(),
        "limite_palabras": informe.limite_palabras,
        "archivos": {
            "docx": hashlib.sha256(docx).hexdigest(),
            "pdf": hashlib.sha256(pdf).hexdigest(),
        },
    }
    if informe.convocatoria_id:
        # Lo que preguntó la convocatoria, tal como se respondió (sus textos pueden cambiar).
        convocatoria = informe.convocatoria
        instantanea["convocatoria"] = {
            "titulo": convocatoria.titulo,
            "referencia": convocatoria.referencia,
            "organismo": convocatoria.organismo,
            "fecha_limite": convocatoria.fecha_limite.isoformat(),
            "limite_palabras": convocatoria.limite_palabras,
        }
        instantanea["respuestas"] = informe.respuestas
    informe.instantanea = instantanea
    informe.suma_sha256 = suma_sha256(instantanea)
    informe.docx, informe.pdf = docx, pdf
    informe.estado = InformeContribucion.Estado.FINAL
    informe.finalizado_por = usuario
    informe.finalizado = timezone.now()
    informe.save()
    evento_registrar(
        tipo=Evento.Tipo.FINALIZACION,
        usuario=usuario,
        descripcion=f"{informe.titulo} (versión {informe.version}), SHA-256 {informe.suma_sha256}",
    )
    return informe


@transaction.atomic
def informe_nueva_version(*, informe: InformeContribucion, usuario) -> InformeContribucion:
    """Un borrador nuevo a partir de otro informe (normalmente un final), con su mismo texto."""
    campos = [
        "titulo",
        "destinatario",
        "desde",
        "hasta",
        "corte",
        "idioma",
        "limite_palabras",
        "programa",
        "incluir_canceladas",
        "convocatoria",
        "respuestas",
        "introduccion",
        "cuerpo",
        "cierre",
        "hechos",
    ]
    hermanas = informe.versiones.values_list("version", flat=True)
    nueva = InformeContribucion.objects.create(
        **{c: getattr(informe, c) for c in campos},
        version=max([informe.version, *hermanas]) + 1,
        origen=informe,
        creado_por=usuario,
    )
    nueva.temas.set(informe.temas.all())
    nueva.convenios.set(informe.convenios.all())
    return nueva
