"""Segundo año de oro: 2019, capturado como lo haría otra oficina (``tests/informes/anio_2019.py``).

El texto completo, revisado oración por oración en español y en inglés: qué, dónde, cuándo y para
quién de cada acción; lo programado, reprogramado y cancelado dicho como tal con su motivo; el
convenio firmado antes que sigue vigente y el que no tiene fecha de firma, sin decir que se firmó.
"""

import pytest

from informes.contribucion.hechos import contribucion_construir
from informes.contribucion.redaccion import redactar
from tests.informes.anio_2019 import CORTE, DESDE, HASTA

pytestmark = pytest.mark.django_db

TEXTO_ES = [
    "El Sistema Nacional para el Desarrollo Integral de la Familia (SNDIF) implementa el "
    "Programa de Prevención de Riesgos en Niñas, Niños y Adolescentes, en cuyo marco, el "
    "14 de marzo de 2019, firmó el Convenio de colaboración con la Guardia Nacional.",
    "Dicho convenio tiene por objetivo prevenir los delitos cometidos por medios "
    "digitales contra niñas, niños y adolescentes.",
    "Asimismo, sigue vigente el Convenio de coordinación con el Sistema DIF Jalisco, "
    "firmado el 12 de mayo de 2017, que tiene por objetivo coordinar acciones de "
    "prevención del trabajo infantil en Jalisco.",
    "Destacan las siguientes acciones:",
    [
        "El 30 de abril de 2019 se llevó a cabo la “Jornada estatal por los derechos de la "
        "niñez” en el Estado de Jalisco, dirigida a niñas y niños, así como al público en "
        "general, para difundir los derechos de niñas, niños y adolescentes entre la "
        "población.",
        "Durante 2019, se llevó a cabo la campaña contra el trabajo infantil en los Estados "
        "de Guanajuato, Jalisco y San Luis Potosí, dirigida al público en general.",
        "El 10 de septiembre de 2019 se llevó a cabo la jornada de salud mental para "
        "adolescentes en el Estado de Yucatán.",
        "En el segundo trimestre de 2019, se impartió la conferencia “Los derechos de niñas, "
        "niños y adolescentes en el entorno digital” en la Ciudad de México, dirigida a "
        "personas servidoras públicas.",
        "El 15 de junio de 2019 se llevó a cabo la actividad “Rally familiar por la "
        "convivencia” en el Estado de Jalisco, dirigida a niñas y niños, así como a madres, "
        "padres y personas cuidadoras.",
        "El 17 de mayo de 2019 se impartió la conferencia “Prevención de la explotación "
        "sexual en entornos digitales” en el Estado de Jalisco y la Ciudad de México, "
        "dirigida a personas servidoras públicas y organizaciones de la sociedad civil.",
        "El 3 de julio de 2019 se impartió la plática “Uso responsable de redes sociales”, "
        "dirigida al público en general.",
        "Del 11 al 15 de febrero de 2019 se impartió el taller “Prevención del abuso sexual "
        "infantil” en los Estados de Colima, Jalisco y Michoacán, dirigido a madres, padres y "
        "personas cuidadoras, para fortalecer las habilidades de crianza de madres, padres y "
        "personas cuidadoras.",
        "El 29 de agosto de 2019 se impartió la “Conferencia virtual sobre ciberacoso”, "
        "dirigida a personas servidoras públicas de los Estados de Baja California, Baja "
        "California Sur y Sonora.",
        "El 19 de marzo de 2019 se impartió la plática “Derechos de la niñez” en el Estado de "
        "Jalisco, dirigida a niñas y niños.",
        "El 24 de enero de 2019 se impartió la plática “Prevención del embarazo adolescente” "
        "en el Estado de México, dirigida a adolescentes.",
        "El 8 de marzo de 2019 se impartió la plática “Riesgos en internet” en el Estado de "
        "Jalisco, dirigida a adolescentes.",
    ],
    "Asimismo, destaca la participación del SNDIF en la Estrategia Nacional de Prevención "
    "de Adicciones, con pláticas en escuelas secundarias.",
    "De igual forma, el SNDIF fomenta el desarrollo de capacitaciones sobre protocolos de "
    "atención a víctimas de violencia, impartidas entre febrero y junio de 2019 en los "
    "Estados de Jalisco, Michoacán y Guanajuato. En el último semestre de 2019, se llevan "
    "a cabo capacitaciones en los Estados de Oaxaca y Chiapas. En el cuarto trimestre de "
    "2019, se llevarán a cabo capacitaciones en el Estado de Guerrero. Estas "
    "capacitaciones tienen el objetivo de homologar la atención que brindan las "
    "procuradurías de protección.",
    "Asimismo, en coordinación con la Guardia Nacional, el programa fomenta el desarrollo "
    "de capacitaciones en entrevista forense a niñas y niños, impartidas entre marzo y "
    "julio de 2019 en los Estados de Jalisco y Nuevo León.",
    "Por otra parte, el programa fomenta el desarrollo de capacitaciones “Formación de "
    "promotores infantiles”, impartidas en abril de 2019, con participantes de los "
    "Estados de Aguascalientes y Nayarit.",
    "Como resultado de la coordinación con la Guardia Nacional se generó el material "
    "audiovisual “Cápsulas sobre riesgos en internet”. Dicho material se difunde entre "
    "adolescentes.",
    "También está vigente el Convenio de concertación con la Fundación Infancia Segura, "
    "con el objetivo de producir materiales de difusión sobre crianza positiva. Como "
    "resultado de este convenio se generó el material impreso “Guía de crianza positiva”. "
    "Dicho material se difunde entre madres, padres y personas cuidadoras en los Estados "
    "de Jalisco y Nuevo León.",
    "En el primer semestre de 2019, se llevó a cabo el curso de primeros auxilios "
    "psicológicos, como parte de las acciones de profesionalización del personal de los "
    "Sistemas Estatales DIF. Participaron representantes de los Estados de Coahuila, "
    "Durango y Zacatecas.",
    "El 22 de agosto de 2019 se llevó a cabo el “Foro estatal de prevención de la "
    "violencia escolar” en el Estado de Guanajuato, como parte de las acciones de "
    "profesionalización del personal de los Sistemas Estatales DIF y de organizaciones de "
    "la sociedad civil.",
    "En octubre de 2019 se llevará a cabo el curso en línea sobre derechos de la "
    "infancia, como parte de las acciones de profesionalización del personal del "
    "programa.",
    "Además, las siguientes acciones están previstas o cambiaron:",
    [
        "Se canceló la plática “Prevención de adicciones” en el Estado de Veracruz, dirigida "
        "a adolescentes, prevista el 20 de mayo de 2019. La escuela suspendió actividades por "
        "lluvias.",
        "Se canceló la capacitación sobre trata de personas en el Estado de Sinaloa, dirigida "
        "a personas servidoras públicas, prevista el 5 de junio de 2019. El personal fue "
        "asignado a la atención de la emergencia por inundaciones.",
        "Se canceló la “Jornada comunitaria de prevención” en el Estado de Guerrero, dirigida "
        "al público en general, prevista el 3 de agosto de 2019. Se suspendió por condiciones "
        "de seguridad en la zona.",
        "El 5 de septiembre de 2019 estaba prevista la plática “Prevención del acoso escolar” "
        "en el Estado de Jalisco, dirigida a niñas y niños; aún no se registra como "
        "realizada.",
        "En el cuarto trimestre de 2019, se llevará a cabo la campaña “Vacaciones seguras” en "
        "el Estado de Quintana Roo, dirigida al público en general.",
        "El taller “Habilidades para la vida” en el Estado de Michoacán, dirigido a "
        "adolescentes, se reprogramó y se llevará a cabo el 7 de octubre de 2019. La fecha "
        "original coincidió con el calendario de exámenes.",
        "El “Foro regional de participación infantil” en el Estado de Jalisco, dirigido a "
        "niñas y niños, se reprogramó y se llevará a cabo los días 14 y 15 de noviembre de "
        "2019. La sede no estuvo disponible en la fecha original.",
    ],
    "Finalmente, en el periodo se realizaron una plática y dos talleres.",
]

TEXTO_EN = [
    "The National System for Integral Family Development (SNDIF) runs the Programme for "
    "the Prevention of Risks to Children and Adolescents, under which, on 14 March 2019, "
    "it signed the Collaboration agreement with the National Guard.",
    "The purpose of this agreement is to prevent crimes committed through digital media "
    "against children and adolescents.",
    "In addition, the Coordination agreement with the Jalisco DIF System, signed on 12 "
    "May 2017, remains in force; its purpose is to coordinate actions to prevent child "
    "labour in Jalisco.",
    "The following actions stand out:",
    [
        "On 30 April 2019, the “State day for children's rights” was held in the state of "
        "Jalisco for children and the general public, to raise awareness of children's rights "
        "among the population.",
        "During 2019, the campaign against child labour was held in the states of Guanajuato, "
        "Jalisco and San Luis Potosí for the general public.",
        "On 10 September 2019, the mental health day for adolescents was held in the state of "
        "Yucatán.",
        "In the second quarter of 2019, a lecture, “Children's rights in the digital "
        "environment”, was given in Mexico City to public servants.",
        "On 15 June 2019, an activity, “Family rally for living together”, was held in the "
        "state of Jalisco for children, as well as parents and caregivers.",
        "On 17 May 2019, a lecture, “Preventing sexual exploitation in digital environments”, "
        "was given in the state of Jalisco and Mexico City to public servants and civil "
        "society organizations.",
        "On 3 July 2019, a talk, “Responsible use of social media”, was given to the general "
        "public.",
        "From 11 to 15 February 2019, a workshop, “Preventing child sexual abuse”, was given "
        "in the states of Colima, Jalisco and Michoacán to parents and caregivers, to "
        "strengthen the parenting skills of parents and caregivers.",
        "On 29 August 2019, the “Online lecture on cyberbullying” was given to public "
        "servants from the states of Baja California, Baja California Sur and Sonora.",
        "On 19 March 2019, a talk, “Children's rights”, was given in the state of Jalisco to "
        "children.",
        "On 24 January 2019, a talk, “Preventing teenage pregnancy”, was given in the State "
        "of Mexico to adolescents.",
        "On 8 March 2019, a talk, “Online risks”, was given in the state of Jalisco to "
        "adolescents.",
    ],
    "In addition, the SNDIF takes part in the National Strategy for the Prevention of "
    "Addictions, with talks in secondary schools.",
    "Likewise, the SNDIF promotes training on protocols for the care of victims of "
    "violence, given between February and June 2019 in the states of Jalisco, Michoacán "
    "and Guanajuato. In the second half of 2019, training is being held in the states of "
    "Oaxaca and Chiapas. In the fourth quarter of 2019, training will be held in the "
    "state of Guerrero. The purpose of this training is to standardise the care provided "
    "by the child protection offices.",
    "In addition, in coordination with the National Guard, the programme promotes "
    "training in forensic interviewing of children, given between March and July 2019 in "
    "the states of Jalisco and Nuevo León.",
    "Furthermore, the programme promotes training of child promoters, given in April 2019 "
    "with participants from the states of Aguascalientes and Nayarit.",
    "As a result of the coordination with the National Guard, the audiovisual material "
    "“Short videos on online risks” was developed. This material is disseminated among "
    "adolescents.",
    "Also in force is the Agreement with the Fundación Infancia Segura, in order to "
    "produce outreach materials on positive parenting. As a result of this agreement, the "
    "printed material “Positive parenting guide” was developed. This material is "
    "disseminated among parents and caregivers in the states of Jalisco and Nuevo León.",
    "In the first half of 2019, the course on psychological first aid was held as part of "
    "the professional development of staff of the State DIF Systems. Representatives of "
    "the states of Coahuila, Durango and Zacatecas took part.",
    "On 22 August 2019, the “State forum on preventing school violence” was held in the "
    "state of Guanajuato as part of the professional development of staff of the State "
    "DIF Systems and of civil society organizations.",
    "In October 2019, the online course on children's rights will be held as part of the "
    "professional development of programme staff.",
    "In addition, the following actions are planned or changed:",
    [
        "A talk, “Preventing addictions”, planned for adolescents in the state of Veracruz on "
        "20 May 2019, was cancelled. The school suspended its activities because of heavy "
        "rain.",
        "The training on human trafficking, planned for public servants in the state of "
        "Sinaloa on 5 June 2019, was cancelled.",
        "The “Community prevention day”, planned for the general public in the state of "
        "Guerrero on 3 August 2019, was cancelled.",
        "A talk, “Preventing school bullying”, was planned for children in the state of "
        "Jalisco on 5 September 2019; it has not yet been recorded as held.",
        "A campaign, “Safe holidays”, will be held for the general public in the state of "
        "Quintana Roo in the fourth quarter of 2019.",
        "A workshop, “Life skills”, was rescheduled and will now be held for adolescents in "
        "the state of Michoacán on 7 October 2019. The original date clashed with the exam "
        "calendar.",
        "The “Regional forum on children's participation” was rescheduled and will now be "
        "held for children in the state of Jalisco on 14 and 15 November 2019. The venue was "
        "not available on the original date.",
    ],
    "Finally, during the period, one talk and two workshops were carried out.",
]

AVISOS = [
    "El convenio «SNDIF-FIS» no tiene fecha de firma: el informe lo nombra como vigente "
    "en el periodo, sin decir que se firmó ni cuándo. Capture su fecha de firma en "
    "Convenios para que diga cuándo se firmó.",
    "La actividad «SNDIF-2019-005» se narra sin decir dónde: no tiene entidades donde se "
    "realizó ni de quienes participaron. Captúrelas para que el informe lo diga.",
    "La actividad «SNDIF-2019-011» se narra sin decir dónde: no tiene entidades donde se "
    "realizó ni de quienes participaron. Captúrelas para que el informe lo diga.",
    "La actividad «SIN-2019-025» está cancelada: el texto en inglés no dice el motivo "
    "mientras no se capture el «motivo en inglés».",
    "La actividad «GRO-2019-031» está cancelada: el texto en inglés no dice el motivo "
    "mientras no se capture el «motivo en inglés».",
]


def _texto(idioma: str, **opciones) -> list:
    aportacion = contribucion_construir(desde=DESDE, hasta=HASTA, corte=CORTE, **opciones)
    return [b.texto if b.tipo == "parrafo" else b.elementos for b in redactar(aportacion, idioma)]


def test_2019_en_espanol_oracion_por_oracion(anio_2019):
    assert _texto("es", incluir_canceladas=True) == TEXTO_ES


def test_2019_en_ingles_oracion_por_oracion(anio_2019):
    assert _texto("en", incluir_canceladas=True) == TEXTO_EN


def test_2019_avisos_dicen_que_capturar(anio_2019):
    aportacion = contribucion_construir(
        desde=DESDE, hasta=HASTA, corte=CORTE, incluir_canceladas=True
    )
    assert aportacion["avisos"] == AVISOS


def test_2019_sin_canceladas_no_las_narra_ni_las_cuenta(anio_2019):
    texto = " ".join(str(b) for b in _texto("es"))
    assert "Se canceló" not in texto and "cancel" not in texto
    assert "El “Foro regional de participación infantil” en el Estado de Jalisco" in texto
    assert "se reprogramó y se llevará a cabo los días 14 y 15 de noviembre de 2019" in texto


def test_2019_ningun_texto_libre_pegado(anio_2019):
    """Las descripciones («Sesión con grupos de tercer grado.», «Reforzar…») no se narran."""
    for idioma in ("es", "en"):
        texto = " ".join(str(b) for b in _texto(idioma, incluir_canceladas=True))
        assert "Sesión con" not in texto and "Reforzar" not in texto and "«" not in texto
        assert "se llevó a cabo el Convenio" not in texto
