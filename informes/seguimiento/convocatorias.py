"""Un informe hecho desde una convocatoria: una respuesta por pregunta, redactada de los registros
que la responden con el mismo plan y los mismos recetarios del informe anual.

Cada respuesta es texto editable (``InformeContribucion.respuestas``); el cuerpo del informe se
arma de ellas con la pregunta como encabezado, así que los exportadores, la comparación de
versiones y lo que se congela al finalizar leen el mismo cuerpo de siempre.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count

from informes.contribucion.documento import bloques_a_texto, contar_palabras
from informes.contribucion.hechos import Criterios, contribucion_del_informe
from informes.contribucion.redaccion import redactar
from informes.models import Convocatoria, PreguntaConvocatoria
from programa import demo

# Las vencidas que muestra el tablero (las más recientes); todas están en la administración.
VENCIDAS_EN_TABLERO = 10

SIN_ACCIONES = {
    "es": "En el periodo no se registraron acciones que respondan a esta pregunta.",
    "en": "No actions answering this question were recorded in the period.",
}


def criterios_de(pregunta) -> Criterios:
    """Los criterios de una pregunta (con sus temas y audiencias ya precargados)."""
    return Criterios(
        temas=tuple(pregunta.temas.all()),
        tipos=tuple(pregunta.tipos or ()),
        audiencias=tuple(pregunta.audiencias.all()),
        recomendaciones=tuple(pregunta.recomendaciones.all()),
    )


def encabezado(numero: int, pregunta: str) -> str:
    """«2. ¿Qué medidas…?» en una sola línea (un salto la partiría en párrafos)."""
    return f"{numero}. {' '.join(pregunta.split())}" if pregunta.strip() else ""


def respuestas_redactar(*, informe, hechos: dict) -> tuple[list[dict], list[dict], list[str]]:
    """Las respuestas de ``informe`` a las preguntas de su convocatoria.

    ``hechos`` son los del informe completo: la pregunta abierta (sin criterios) los usa tal
    cual; cada pregunta con criterios se construye aparte, filtrada, sin anexo. Devuelve las
    respuestas (lo editable), los hechos de cada pregunta (lo que se congela) y avisos.
    """
    idioma = informe.idioma
    preguntas = informe.convocatoria.preguntas.prefetch_related(
        "temas", "audiencias", "recomendaciones__documento"
    )
    respuestas, por_pregunta, avisos = [], [], []
    for pregunta in preguntas:
        criterios = criterios_de(pregunta)
        if criterios:
            suyos = contribucion_del_informe(informe, criterios=criterios, anexo=False)
            avisos.extend(suyos["avisos"])
        else:
            suyos = hechos
        texto = pregunta.texto
        if idioma == "en":
            if pregunta.texto_en:
                texto = pregunta.texto_en
            elif pregunta.texto:
                avisos.append(
                    f"La pregunta {pregunta.numero} no tiene texto en inglés: su encabezado va "
                    "en español. Captúrelo en la convocatoria y vuelva a redactar."
                )
        bloques = redactar(suyos, idioma)
        respuestas.append(
            {
                "numero": pregunta.numero,
                "pregunta": texto,
                "texto": bloques_a_texto(bloques) if bloques else SIN_ACCIONES[idioma],
            }
        )
        por_pregunta.append(
            {
                "numero": pregunta.numero,
                "pregunta": texto,
                "criterios": criterios.como_datos() if criterios else None,
                # La abierta responde con las secciones del informe: no se copian.
                "secciones": suyos["secciones"] if criterios else None,
            }
        )
    return respuestas, por_pregunta, list(dict.fromkeys(avisos))


def cuerpo_de_respuestas(respuestas: list[dict]) -> str:
    """El cuerpo del informe: cada pregunta como encabezado («## ») y su respuesta."""
    partes = []
    for respuesta in respuestas:
        if titulo := encabezado(respuesta["numero"], respuesta["pregunta"]):
            partes.append(f"## {titulo}")
        if texto := (respuesta["texto"] or "").strip():
            partes.append(texto)
    return "\n\n".join(partes)


def palabras_por_respuesta(respuestas: list[dict]) -> list[dict]:
    """Cada respuesta con su pregunta y cuántas palabras tiene (sin contar la pregunta)."""
    return [
        {
            **r,
            "encabezado": encabezado(r["numero"], r["pregunta"]),
            "palabras": contar_palabras(r["texto"]),
        }
        for r in respuestas
    ]


@dataclass
class ConvocatoriasTablero:
    proximas: list  # fecha límite hoy o después, la más cercana primero
    vencidas: list  # las más recientes primero, hasta VENCIDAS_EN_TABLERO
    vencidas_total: int


def convocatorias_tablero(*, hoy: dt.date) -> ConvocatoriasTablero:
    """Las convocatorias por fecha límite, con cuántos informes tiene cada una; una consulta."""
    todas = list(
        Convocatoria.objects.annotate(n_informes=Count("informes"))
        .only("titulo", "organismo", "referencia", "fecha_limite", "limite_palabras")
        .order_by("fecha_limite", "id")
    )
    vencidas = [c for c in reversed(todas) if c.fecha_limite < hoy]
    return ConvocatoriasTablero(
        proximas=[c for c in todas if c.fecha_limite >= hoy],
        vencidas=vencidas[:VENCIDAS_EN_TABLERO],
        vencidas_total=len(vencidas),
    )


@transaction.atomic
def convocatoria_demo_cargar() -> Convocatoria:
    """La convocatoria de 2015 de los datos de demostración; cargarla dos veces no cambia nada."""
    datos = dict(demo.CONVOCATORIA_2015)
    preguntas = datos.pop("preguntas")
    datos["fecha_limite"] = dt.date.fromisoformat(datos["fecha_limite"])
    convocatoria, _ = Convocatoria.objects.update_or_create(
        titulo=datos.pop("titulo"), organismo=datos.pop("organismo"), defaults=datos
    )
    for pregunta in preguntas:
        pregunta = dict(pregunta)
        PreguntaConvocatoria.objects.update_or_create(
            convocatoria=convocatoria, numero=pregunta.pop("numero"), defaults=pregunta
        )
    return convocatoria
