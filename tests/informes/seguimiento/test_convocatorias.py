"""Un informe desde una convocatoria: una respuesta por pregunta, redactada de los registros que
la responden, con la pregunta como encabezado en la página y en los cuatro formatos."""

import datetime as dt
import io

import docx
import pypdf
import pytest
from django.db import IntegrityError, transaction

from informes.contribucion.servicios import informe_archivo, informe_finalizar, informe_generar
from informes.models import Convocatoria, InformeContribucion
from informes.seguimiento.convocatorias import convocatoria_demo_cargar
from tests import factories as f

pytestmark = pytest.mark.django_db

TRATA = "1. ¿Qué se hizo contra la trata de personas?"
FOROS = "2. ¿Qué foros se realizaron?"
RECOMENDACION = "3. ¿Cómo se atendió la recomendación del Comité?"


def _informe(convocatoria, **campos):
    datos = {
        "titulo": "Respuesta de México a la convocatoria de prueba",
        "desde": dt.date(2015, 1, 1),
        "hasta": dt.date(2015, 12, 31),
        "corte": dt.date(2015, 12, 31),
        "convocatoria": convocatoria,
        "limite_palabras": convocatoria.limite_palabras if convocatoria else None,
    }
    return informe_generar(informe=InformeContribucion.objects.create(**(datos | campos)))


@pytest.fixture
def convocatoria(db):
    """Tres preguntas, cada una respondida por registros distintos: un tema, un tipo de
    actividad y una recomendación (a la que responden una actividad y un convenio)."""
    programa = f.ProgramaFactory()
    trata = f.TemaFactory(nombre="Trata de personas")
    recomendacion = f.RecomendacionFactory()
    f.ActividadFactory(
        programa=programa, titulo="Plática sobre trata", entidades=["20"], temas=[trata]
    )
    f.ActividadFactory(
        programa=programa,
        tipo="foro",
        titulo="Foro sobre entornos digitales",
        entidades=["14"],
        fecha_inicio=dt.date(2015, 5, 20),
    )
    taller = f.ActividadFactory(
        programa=programa,
        tipo="taller",
        titulo="Taller de crianza positiva",
        entidades=["31"],
        fecha_inicio=dt.date(2015, 8, 12),
    )
    taller.recomendaciones.add(recomendacion)
    convenio = f.ConvenioFactory(
        programa=programa,
        titulo="Convenio con la Universidad de Prueba",
        fecha_firma=dt.date(2015, 5, 4),
        vigencia_inicio=dt.date(2015, 5, 4),
    )
    convenio.recomendaciones.add(recomendacion)
    convocatoria = f.ConvocatoriaFactory(limite_palabras=400, titulo="Convocatoria de prueba")
    preguntas = [
        dict(numero=1, texto=TRATA[3:], texto_en="What was done against trafficking?"),
        dict(numero=2, texto=FOROS[3:], tipos=["foro"]),
        dict(numero=3, texto=RECOMENDACION[3:]),
    ]
    f.PreguntaConvocatoriaFactory(convocatoria=convocatoria, temas=[trata], **preguntas[0])
    f.PreguntaConvocatoriaFactory(convocatoria=convocatoria, **preguntas[1])
    f.PreguntaConvocatoriaFactory(
        convocatoria=convocatoria, recomendaciones=[recomendacion], **preguntas[2]
    )
    return convocatoria


def test_cada_respuesta_dice_lo_suyo_y_no_lo_de_las_otras(convocatoria):
    informe = _informe(convocatoria)
    trata, foros, recomendacion = (r["texto"] for r in informe.respuestas)

    assert [r["numero"] for r in informe.respuestas] == [1, 2, 3]
    assert "Plática sobre trata" in trata and "Oaxaca" in trata
    assert "Foro sobre entornos digitales" in foros and "Jalisco" in foros
    assert "Taller de crianza positiva" in recomendacion and "Yucatán" in recomendacion
    assert "Convenio con la Universidad de Prueba" in recomendacion
    otros = {
        "trata": ["Foro sobre", "Taller de", "Universidad de Prueba"],
        "foros": ["Plática sobre", "Taller de", "Universidad de Prueba"],
        "recomendacion": ["Plática sobre", "Foro sobre"],
    }
    for texto, ajenos in zip((trata, foros, recomendacion), otros.values(), strict=True):
        assert not [a for a in ajenos if a in texto], texto


def test_el_cuerpo_lleva_cada_pregunta_como_encabezado_y_su_respuesta(convocatoria):
    informe = _informe(convocatoria)

    encabezados = [linea for linea in informe.cuerpo.splitlines() if linea.startswith("## ")]
    assert encabezados == [f"## {TRATA}", f"## {FOROS}", f"## {RECOMENDACION}"]
    assert informe.cuerpo.index("Plática sobre trata") < informe.cuerpo.index(FOROS)
    # Lo que se congela guarda qué respondió cada pregunta y con qué criterios.
    criterios = [p["criterios"] for p in informe.hechos["preguntas"]]
    assert criterios[0]["temas"] == ["Trata de personas"]
    assert criterios[1]["tipos"] == ["foro"]
    assert criterios[2]["recomendaciones"] == [
        convocatoria.preguntas.get(numero=3).recomendaciones.get().referencia
    ]


def test_una_pregunta_sin_registros_lo_dice(convocatoria):
    f.PreguntaConvocatoriaFactory(convocatoria=convocatoria, numero=4, tipos=["jornada"])

    informe = _informe(convocatoria)

    assert informe.respuestas[3]["texto"] == (
        "En el periodo no se registraron acciones que respondan a esta pregunta."
    )


def test_en_ingles_la_pregunta_va_en_ingles_y_se_avisa_si_falta(convocatoria):
    informe = _informe(convocatoria, idioma="en")

    assert informe.cuerpo.startswith("## 1. What was done against trafficking?")
    assert "was given in the state of Oaxaca" in informe.respuestas[0]["texto"]
    assert (
        "La pregunta 2 no tiene texto en inglés: su encabezado va en español. Captúrelo en la "
        "convocatoria y vuelva a redactar." in informe.hechos["avisos"]
    )


def test_por_audiencia_responden_las_actividades_y_productos_con_esa_audiencia(db):
    programa = f.ProgramaFactory()
    ninas = f.AudienciaFactory(nombre="Niñas, niños y adolescentes")
    con_ninas = f.ActividadFactory(programa=programa, titulo="Plática en la escuela")
    f.ParticipacionFactory(actividad=con_ninas, audiencia=ninas)
    f.ActividadFactory(programa=programa, titulo="Plática para el personal")
    f.ProductoFactory(nombre="Cuento ilustrado", fecha=dt.date(2015, 2, 1)).audiencias.add(ninas)
    f.ProductoFactory(nombre="Manual para el personal", fecha=dt.date(2015, 2, 1))
    f.EstrategiaFactory(programa=programa, nombre="Estrategia Nacional de Prueba")
    pregunta = f.PreguntaConvocatoriaFactory(audiencias=[ninas])

    texto = _informe(pregunta.convocatoria).respuestas[0]["texto"]

    assert "Plática en la escuela" in texto and "Cuento ilustrado" in texto
    assert "para el personal" not in texto
    # Una estrategia o un convenio no tienen audiencias: no responden por audiencia.
    assert "Estrategia Nacional de Prueba" not in texto


def test_la_pregunta_abierta_de_2015_da_el_mismo_informe_de_siempre(demo):
    convocatoria = convocatoria_demo_cargar()
    campos = {
        "desde": dt.date(2014, 1, 1),
        "hasta": dt.date(2015, 6, 30),
        "corte": dt.date(2015, 6, 30),
    }

    con_convocatoria = _informe(convocatoria, **campos)
    sin_convocatoria = _informe(None, **campos)

    assert con_convocatoria.cuerpo == sin_convocatoria.cuerpo
    assert "Oaxaca, Jalisco y Morelos" in con_convocatoria.cuerpo
    assert "## " not in con_convocatoria.cuerpo
    assert sin_convocatoria.respuestas is None
    assert "preguntas" not in sin_convocatoria.hechos


def test_la_demo_carga_la_convocatoria_de_2015_una_sola_vez(demo):
    convocatoria_demo_cargar()
    convocatoria_demo_cargar()

    convocatoria = Convocatoria.objects.get()
    assert convocatoria.get_organismo_display() == "OACNUDH"
    assert convocatoria.titulo.startswith("Informe de la OACNUDH sobre la cuestión de las")
    assert convocatoria.limite_palabras is None
    pregunta = convocatoria.preguntas.get()
    assert (pregunta.numero, pregunta.texto) == (1, "")


def test_los_cuatro_formatos_llevan_las_preguntas_como_encabezados(convocatoria):
    informe = _informe(convocatoria)

    leido = docx.Document(io.BytesIO(informe_archivo(informe, "docx").contenido))
    titulos = [p.text for p in leido.paragraphs if p.style.name == "Heading 1"]
    assert titulos[:3] == [TRATA, FOROS, RECOMENDACION]

    html = informe_archivo(informe, "html").contenido.decode()
    assert f"<h2>{TRATA}</h2>" in html and f"<h2>{RECOMENDACION}</h2>" in html

    markdown = informe_archivo(informe, "md").contenido.decode()
    assert f"## 2\\. {FOROS[3:]}" in markdown

    pdf = pypdf.PdfReader(io.BytesIO(informe_archivo(informe, "pdf").contenido))
    texto_pdf = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    for pregunta in (TRATA, FOROS, RECOMENDACION):
        assert pregunta in texto_pdf


def test_al_finalizar_se_congelan_las_respuestas_y_la_convocatoria(convocatoria, django_user_model):
    usuario = django_user_model.objects.create_user("coordinadora")
    informe = informe_finalizar(informe=_informe(convocatoria), usuario=usuario)
    convocatoria.preguntas.filter(numero=1).update(texto="Otra pregunta")

    informe.refresh_from_db()
    assert informe.verificar()
    assert informe.instantanea["respuestas"][0]["pregunta"] == TRATA[3:]
    assert informe.instantanea["convocatoria"]["titulo"] == "Convocatoria de prueba"
    leido = docx.Document(io.BytesIO(informe_archivo(informe, "docx").contenido))
    assert TRATA in [p.text for p in leido.paragraphs]


def test_el_limite_de_palabras_de_una_convocatoria_es_positivo(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ConvocatoriaFactory(limite_palabras=0)
    assert f.ConvocatoriaFactory(limite_palabras=None).limite_palabras is None


def test_las_preguntas_se_numeran_desde_1_sin_repetirse(db):
    pregunta = f.PreguntaConvocatoriaFactory(numero=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        f.PreguntaConvocatoriaFactory(convocatoria=pregunta.convocatoria, numero=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        f.PreguntaConvocatoriaFactory(convocatoria=pregunta.convocatoria, numero=0)
