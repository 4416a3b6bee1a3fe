"""Prueba de aceptación: con los datos de demostración, la aportación de 2014-01-01 a
2015-06-30 (corte 2015-06-30) dice cada hecho de la aportación de México de 2015."""

import datetime as dt
import io

import docx
import pypdf
import pytest

from informes.contribucion.documento import bloques_a_texto
from informes.contribucion.exportar.docx import exportar_docx
from informes.contribucion.exportar.html import exportar_html
from informes.contribucion.exportar.markdown import exportar_markdown
from informes.contribucion.exportar.pdf import exportar_pdf
from informes.contribucion.hechos import contribucion_construir
from informes.contribucion.redaccion import redactar
from informes.contribucion.servicios import documento_armar

pytestmark = pytest.mark.django_db

DESDE, HASTA, CORTE = dt.date(2014, 1, 1), dt.date(2015, 6, 30), dt.date(2015, 6, 30)

# Cada hecho de la aportación de 2015, como debe leerse (copiado del documento, con la
# puntuación del redactor donde el documento era irregular).
HECHOS_ES = [
    "El Sistema Nacional para el Desarrollo Integral de la Familia (SNDIF) implementa acciones "
    "preventivas en materia de explotación sexual infantil, a través del Programa para la "
    "Protección y Desarrollo Integral de la Infancia, en cuyo marco, el 29 de octubre de 2014, "
    "firmó el Convenio de colaboración con la Policía Federal.",
    "Dicho convenio tiene por objetivo realizar acciones coordinadas que permitan promover y "
    "ofrecer entre los ciudadanos, una cultura de prevención y uso responsable del Internet, así "
    "como apoyar en la investigación de delitos informáticos cometidos contra niñas, niños y "
    "adolescentes.",
    "Destacan las siguientes acciones:",
    # Dice dónde (regla: cada acción dice dónde) y «al personal» (colectivo con artículo).
    "El 18 de marzo de 2015 se impartió la plática preventiva “Delitos Cibernéticos” en la Ciudad "
    "de México, dirigida al personal que implementa el Programa para la Protección y Desarrollo "
    "Integral de la Infancia.",
    "El 22 de abril de 2015 se impartió la plática preventiva “Delitos Cibernéticos” en la Ciudad "
    "de México, dirigida a niñas y niños que asisten al Centro de Desarrollo Infantil del DIF "
    "Nacional, para brindar elementos que refuercen los factores de protección frente a esta "
    "problemática.",
    "Asimismo, destaca la participación de la Policía Federal en la Estrategia Nacional para la "
    "prevención del acoso escolar y otros tipos de violencia, apoyando en la prevención y "
    "atención del ciberbullying.",
    "De igual forma, en coordinación con la Policía Federal, el SNDIF fomenta el desarrollo de "
    # Dice cuándo (regla: cada acción dice cuándo, con su precisión).
    "capacitaciones sobre delitos cibernéticos en materia de explotación sexual infantil, "
    "impartidas en el primer semestre de 2015 en los Estados de San Luis Potosí, Nayarit, "
    "Campeche y Guanajuato.",
    "En el último semestre de 2015, se llevarán a cabo capacitaciones en los Estados de Oaxaca, "
    "Jalisco y Morelos.",
    # «Estas capacitaciones», no «Dicha estrategia»: el propósito es de las capacitaciones
    # (no están ligadas a una estrategia nacional en los registros).
    "Estas capacitaciones tienen el objetivo de brindar herramientas al personal encargado de "
    "realizar acciones preventivas y de atención en la materia en los Sistemas Estatales DIF.",
    "Durante 2014, se llevó a cabo el “Foro Análisis y Reflexión en torno a la Trata de Personas "
    "en Niñas, Niños y Adolescentes en México”, como parte de las acciones de profesionalización "
    "del personal de instituciones públicas tanto del Gobierno de la República, como de los "
    "Sistemas Estatales DIF y prestadores de servicios de organizaciones de la sociedad civil, "
    "con el objetivo de generar un espacio para el análisis sobre las causas, consecuencias, "
    "protección y atención a las víctimas de éstos delitos, a fin de promover estrategias y "
    "acciones para su protección y atención.",
    "Como resultado de la coordinación con la Policía Federal se generaron los Objetos Digitales "
    "de Aprendizaje (ODA) sobre la Trata de personas, mismos que abordan la explotación sexual "
    "infantil a través de tecnologías digitales.",
    # Sin fecha de firma no se dice «se llevó a cabo» (falso): se dice que está vigente.
    "También está vigente el Convenio de colaboración entre el SNDIF y la organización "
    "Psicocartoon México para el uso de la licencia de derechos de propiedad intelectual de la "
    "herramienta digital “La trata de personas y sus elementos”, con el objetivo de difundir el "
    "conocimiento sobre aspectos conceptuales y mecanismos de enganche.",
    "Dicha herramienta se difunde entre el personal de los Sistemas Estatales DIF.",
    "Finalmente, en abril de 2014 se llevó a cabo el Curso sobre Elementos Teórico Metodológicos "
    "para la Prevención y Atención de la Explotación Sexual Infantil, como parte de las acciones "
    "de profesionalización del personal encargado de la operación de la temática, con el objetivo "
    "de proporcionar a los participantes conocimientos básicos, a través de la transmisión de "
    "conceptos teórico-metodológico y actividades pedagógicas para el desarrollo de acciones "
    "preventivas y de atención en beneficio de la población objetivo.",
    "Participaron representantes de los Sistemas Estatales DIF de Chihuahua, Durango, Estado de "
    "México, Guerrero, Hidalgo, Jalisco, Puebla, Tlaxcala y Yucatán.",
]

HECHOS_EN = [
    "The National System for Integral Family Development (SNDIF) carries out preventive actions "
    "against child sexual exploitation through the Programme for the Protection and Integral "
    "Development of Children, under which, on 29 October 2014, it signed the Collaboration "
    "agreement with the Federal Police.",
    "The purpose of this agreement is to carry out coordinated actions to promote among "
    "citizens a culture of prevention and responsible use of the Internet",
    "The following actions stand out:",
    "On 18 March 2015, a preventive talk, “Cybercrime”, was given in Mexico City to staff "
    "implementing the "
    "Programme for the Protection and Integral Development of Children.",
    "On 22 April 2015, a preventive talk, “Cybercrime”, was given in Mexico City to children "
    "attending the DIF "
    "Nacional Child Development Centre, to strengthen protective factors against this problem.",
    "In addition, the Federal Police takes part in the National Strategy for the prevention of "
    "school bullying and other violence, supporting the prevention of and response to "
    "cyberbullying.",
    "Likewise, in coordination with the Federal Police, the SNDIF promotes training on cybercrime "
    "related to child sexual exploitation, given in the first half of 2015 in the states of San "
    "Luis Potosí, Nayarit, Campeche and Guanajuato.",
    "In the second half of 2015, training will be held in the states of Oaxaca, Jalisco and "
    "Morelos.",
    "The purpose of this training is to provide tools to the staff of the State DIF Systems",
    "During 2014, the “Forum for Analysis and Reflection on Trafficking in Children and "
    "Adolescents in Mexico” was held as part of the professional development of staff of public "
    "institutions",
    "As a result of the coordination with the Federal Police, the Digital Learning Objects on "
    "human trafficking were developed, which address child sexual exploitation through digital "
    "technologies.",
    "Also in force is the Collaboration agreement between the SNDIF and the organization "
    "Psicocartoon México",
    "This tool is disseminated among staff of the State DIF Systems.",
    "Finally, in April 2014, the Course on Theoretical and Methodological Elements for the "
    "Prevention of and Response to Child Sexual Exploitation was held",
    "Representatives of the State DIF Systems of Chihuahua, Durango, State of Mexico, Guerrero, "
    "Hidalgo, Jalisco, Puebla, Tlaxcala and Yucatán took part.",
]


# El texto completo de 2015, fijado oración por oración. Cambia respecto del documento solo
# donde una regla lo exige (ver HECHOS_ES y el informe de cambios).
TEXTO_ES = [
    "El Sistema Nacional para el Desarrollo Integral de la Familia (SNDIF) implementa "
    "acciones preventivas en materia de explotación sexual infantil, a través del "
    "Programa para la Protección y Desarrollo Integral de la Infancia, en cuyo marco, el "
    "29 de octubre de 2014, firmó el Convenio de colaboración con la Policía Federal.",
    "Dicho convenio tiene por objetivo realizar acciones coordinadas que permitan "
    "promover y ofrecer entre los ciudadanos, una cultura de prevención y uso responsable "
    "del Internet, así como apoyar en la investigación de delitos informáticos cometidos "
    "contra niñas, niños y adolescentes.",
    "Destacan las siguientes acciones:",
    [
        "El 18 de marzo de 2015 se impartió la plática preventiva “Delitos Cibernéticos” en "
        "la Ciudad de México, dirigida al personal que implementa el Programa para la "
        "Protección y Desarrollo Integral de la Infancia.",
        "El 22 de abril de 2015 se impartió la plática preventiva “Delitos Cibernéticos” en "
        "la Ciudad de México, dirigida a niñas y niños que asisten al Centro de Desarrollo "
        "Infantil del DIF Nacional, para brindar elementos que refuercen los factores de "
        "protección frente a esta problemática.",
    ],
    "Asimismo, destaca la participación de la Policía Federal en la Estrategia Nacional "
    "para la prevención del acoso escolar y otros tipos de violencia, apoyando en la "
    "prevención y atención del ciberbullying.",
    "De igual forma, en coordinación con la Policía Federal, el SNDIF fomenta el "
    "desarrollo de capacitaciones sobre delitos cibernéticos en materia de explotación "
    "sexual infantil, impartidas en el primer semestre de 2015 en los Estados de San Luis "
    "Potosí, Nayarit, Campeche y Guanajuato. En el último semestre de 2015, se llevarán a "
    "cabo capacitaciones en los Estados de Oaxaca, Jalisco y Morelos. Estas "
    "capacitaciones tienen el objetivo de brindar herramientas al personal encargado de "
    "realizar acciones preventivas y de atención en la materia en los Sistemas Estatales "
    "DIF.",
    "Como resultado de la coordinación con la Policía Federal se generaron los Objetos "
    "Digitales de Aprendizaje (ODA) sobre la Trata de personas, mismos que abordan la "
    "explotación sexual infantil a través de tecnologías digitales.",
    "También está vigente el Convenio de colaboración entre el SNDIF y la organización "
    "Psicocartoon México para el uso de la licencia de derechos de propiedad intelectual "
    "de la herramienta digital “La trata de personas y sus elementos”, con el objetivo de "
    "difundir el conocimiento sobre aspectos conceptuales y mecanismos de enganche. Dicha "
    "herramienta se difunde entre el personal de los Sistemas Estatales DIF.",
    "Durante 2014, se llevó a cabo el “Foro Análisis y Reflexión en torno a la Trata de "
    "Personas en Niñas, Niños y Adolescentes en México”, como parte de las acciones de "
    "profesionalización del personal de instituciones públicas tanto del Gobierno de la "
    "República, como de los Sistemas Estatales DIF y prestadores de servicios de "
    "organizaciones de la sociedad civil, con el objetivo de generar un espacio para el "
    "análisis sobre las causas, consecuencias, protección y atención a las víctimas de "
    "éstos delitos, a fin de promover estrategias y acciones para su protección y "
    "atención.",
    "Finalmente, en abril de 2014 se llevó a cabo el Curso sobre Elementos Teórico "
    "Metodológicos para la Prevención y Atención de la Explotación Sexual Infantil, como "
    "parte de las acciones de profesionalización del personal encargado de la operación "
    "de la temática, con el objetivo de proporcionar a los participantes conocimientos "
    "básicos, a través de la transmisión de conceptos teórico-metodológico y actividades "
    "pedagógicas para el desarrollo de acciones preventivas y de atención en beneficio de "
    "la población objetivo. Participaron representantes de los Sistemas Estatales DIF de "
    "Chihuahua, Durango, Estado de México, Guerrero, Hidalgo, Jalisco, Puebla, Tlaxcala y "
    "Yucatán.",
]

TEXTO_EN = [
    "The National System for Integral Family Development (SNDIF) carries out preventive "
    "actions against child sexual exploitation through the Programme for the Protection "
    "and Integral Development of Children, under which, on 29 October 2014, it signed the "
    "Collaboration agreement with the Federal Police.",
    "The purpose of this agreement is to carry out coordinated actions to promote among "
    "citizens a culture of prevention and responsible use of the Internet, and to support "
    "the investigation of computer crimes committed against children and adolescents.",
    "The following actions stand out:",
    [
        "On 18 March 2015, a preventive talk, “Cybercrime”, was given in Mexico City to staff "
        "implementing the Programme for the Protection and Integral Development of Children.",
        "On 22 April 2015, a preventive talk, “Cybercrime”, was given in Mexico City to "
        "children attending the DIF Nacional Child Development Centre, to strengthen "
        "protective factors against this problem.",
    ],
    "In addition, the Federal Police takes part in the National Strategy for the "
    "prevention of school bullying and other violence, supporting the prevention of and "
    "response to cyberbullying.",
    "Likewise, in coordination with the Federal Police, the SNDIF promotes training on "
    "cybercrime related to child sexual exploitation, given in the first half of 2015 in "
    "the states of San Luis Potosí, Nayarit, Campeche and Guanajuato. In the second half "
    "of 2015, training will be held in the states of Oaxaca, Jalisco and Morelos. The "
    "purpose of this training is to provide tools to the staff of the State DIF Systems "
    "in charge of prevention and response in this area.",
    "As a result of the coordination with the Federal Police, the Digital Learning "
    "Objects on human trafficking were developed, which address child sexual exploitation "
    "through digital technologies.",
    "Also in force is the Collaboration agreement between the SNDIF and the organization "
    "Psicocartoon México for the licensed use of the intellectual property rights of the "
    "digital tool “La trata de personas y sus elementos” (Human trafficking and its "
    "elements), in order to spread knowledge of the concepts involved and of recruitment "
    "mechanisms. This tool is disseminated among staff of the State DIF Systems.",
    "During 2014, the “Forum for Analysis and Reflection on Trafficking in Children and "
    "Adolescents in Mexico” was held as part of the professional development of staff of "
    "public institutions of both the Federal Government and the State DIF Systems, and "
    "service providers from civil society organizations, to open a space to analyse the "
    "causes and consequences of these crimes and the protection of and care for their "
    "victims, in order to promote strategies and actions for their protection and care.",
    "Finally, in April 2014, the Course on Theoretical and Methodological Elements for "
    "the Prevention of and Response to Child Sexual Exploitation was held as part of the "
    "professional development of staff in charge of this area, to give participants basic "
    "knowledge, through theoretical and methodological concepts and teaching activities, "
    "to develop prevention and response actions for the benefit of the target population. "
    "Representatives of the State DIF Systems of Chihuahua, Durango, State of Mexico, "
    "Guerrero, Hidalgo, Jalisco, Puebla, Tlaxcala and Yucatán took part.",
]


def _aportacion():
    return contribucion_construir(desde=DESDE, hasta=HASTA, corte=CORTE)


def _en_una_linea(texto: str) -> str:
    return " ".join(texto.split())


def test_la_aportacion_en_espanol_dice_cada_hecho_de_2015(demo):
    texto = _en_una_linea(bloques_a_texto(redactar(_aportacion(), "es")).replace("\n- ", " "))
    faltan = [h for h in HECHOS_ES if h not in texto]
    assert faltan == [], texto


def test_la_aportacion_en_ingles_dice_los_mismos_hechos(demo):
    texto = _en_una_linea(bloques_a_texto(redactar(_aportacion(), "en")).replace("\n- ", " "))
    faltan = [h for h in HECHOS_EN if h not in texto]
    assert faltan == [], texto


def _bloques(idioma: str) -> list:
    return [
        b.texto if b.tipo == "parrafo" else b.elementos for b in redactar(_aportacion(), idioma)
    ]


def test_2015_en_espanol_completo(demo):
    assert _bloques("es") == TEXTO_ES


def test_2015_en_ingles_completo(demo):
    assert _bloques("en") == TEXTO_EN


def test_el_orden_de_los_hechos_sigue_al_documento(demo):
    texto = _en_una_linea(bloques_a_texto(redactar(_aportacion(), "es")).replace("\n- ", " "))
    posiciones = [texto.index(h) for h in HECHOS_ES]
    assert posiciones[:9] == sorted(posiciones[:9])


def test_lo_cancelado_no_aparece_salvo_que_se_pida(demo):
    from capacitaciones.models import Actividad

    Actividad.objects.filter(folio="SNDIF-2015-PLATICA-02").update(
        estado=Actividad.Estado.CANCELADA, motivo="Suspensión de clases"
    )
    texto = bloques_a_texto(redactar(_aportacion(), "es"))
    assert "22 de abril de 2015" not in texto
    con = contribucion_construir(desde=DESDE, hasta=HASTA, corte=CORTE, incluir_canceladas=True)
    # Dicha como cancelada, con su motivo (oración propia), no solo contada.
    assert (
        "Se canceló la plática preventiva “Delitos Cibernéticos” en la Ciudad de México, dirigida "
        "a niñas y niños que asisten al Centro de Desarrollo Infantil del DIF Nacional, prevista "
        "el 22 de abril de 2015. Suspensión de clases." in bloques_a_texto(redactar(con, "es"))
    )


def _documento(idioma="es"):
    return documento_armar(contribucion=_aportacion(), idioma=idioma, titulo="Aportación 2015")


def test_el_docx_contiene_el_mismo_texto_y_el_anexo(demo):
    leido = docx.Document(io.BytesIO(exportar_docx(_documento())))
    parrafos = [p.text for p in leido.paragraphs]
    texto = _en_una_linea(" ".join(parrafos))
    assert [h for h in HECHOS_ES if h not in texto] == []
    # Viñetas y encabezados de verdad, no texto con guiones.
    vinetas = [p.text for p in leido.paragraphs if p.style.name == "List Bullet"]
    assert len(vinetas) == 2 and vinetas[0].startswith("El 18 de marzo de 2015")
    assert "Anexo estadístico" in [
        p.text for p in leido.paragraphs if p.style.name.startswith("Heading")
    ]
    # Anexo: la cobertura del periodo. La entidad es donde se realiza (el curso y el foro no la
    # registraron: sin entidad, aunque el curso tuvo participantes de 9 entidades); las
    # capacitaciones programadas para el segundo semestre de 2015 quedan fuera del periodo.
    tabla = leido.tables[0]
    filas = {fila.cells[0].text: [c.text for c in fila.cells] for fila in tabla.rows}
    assert [c.text for c in tabla.rows[0].cells] == [
        "Entidad federativa",
        "Realizadas",
        "Programadas",
        "Participantes",
        "Mujeres",
        "Hombres",
        "Sin desglose",
    ]
    assert filas["Ciudad de México"] == ["Ciudad de México", "2", "0", "0", "0", "0", "0"]
    assert "Oaxaca" not in filas and "Chihuahua" not in filas
    assert filas["Sin entidad registrada"] == [
        "Sin entidad registrada",
        "2",
        "0",
        "0",
        "0",
        "0",
        "0",
    ]
    assert filas["Total nacional"] == ["Total nacional", "8", "0", "0", "0", "0", "0"]
    por_tipo = {fila.cells[0].text: [c.text for c in fila.cells] for fila in leido.tables[1].rows}
    assert por_tipo["Total nacional"] == ["Total nacional", "2", "1", "1", "4", "8"]
    audiencias = {fila.cells[0].text: [c.text for c in fila.cells] for fila in leido.tables[2].rows}
    assert audiencias["Personal de los Sistemas Estatales DIF"] == [
        "Personal de los Sistemas Estatales DIF",
        "0",
        "0",
        "0",
    ]


def test_el_pdf_contiene_el_mismo_texto_y_el_mapa(demo):
    lector = pypdf.PdfReader(io.BytesIO(exportar_pdf(_documento())))
    texto = _en_una_linea(" ".join(p.extract_text() for p in lector.pages))
    texto = texto.replace("- ", "")  # guiones de corte de línea
    for hecho in [
        "el 29 de octubre de 2014, firmó el Convenio de colaboración con la Policía Federal",
        "se impartió la plática preventiva “Delitos Cibernéticos”",
        "San Luis Potosí, Nayarit, Campeche y Guanajuato",
        "En el último semestre de 2015, se llevarán a cabo capacitaciones en los Estados de "
        "Oaxaca, Jalisco y Morelos",
        "Guerrero, Hidalgo, Jalisco, Puebla, Tlaxcala y Yucatán",
        "Anexo estadístico",
        "Cobertura: actividades realizadas por entidad federativa",
    ]:
        assert hecho in texto, hecho


def test_el_ingles_en_docx_y_markdown(demo):
    documento = _documento("en")
    leido = docx.Document(io.BytesIO(exportar_docx(documento)))
    texto = _en_una_linea(" ".join(p.text for p in leido.paragraphs))
    assert "On 18 March 2015, a preventive talk, “Cybercrime”, was given" in texto
    assert "Statistical annex" in texto
    markdown = exportar_markdown(documento)
    assert "- On 22 April 2015, a preventive talk" in markdown
    assert "| State | Held | Planned | Participants | Women | Men | Sex not recorded |" in markdown
    assert "| San Luis Potosí | 1 | 0 | 0 | 0 | 0 | 0 |" in markdown


def test_el_anexo_lleva_el_mapa_de_la_cobertura(demo):
    """El mismo coroplético de /informes/cobertura/, con las 32 entidades y su número."""
    html = exportar_html(_documento())
    assert 'id="mapa-anexo-titulo"' in html
    assert "San Luis Potosí: 1 actividad" in html
    # Solo las realizadas colorean: Oaxaca tiene capacitaciones programadas, no realizadas.
    assert "Oaxaca: 0 actividades" in html
    assert "Sonora: 0 actividades" in html
