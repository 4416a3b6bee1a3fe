"""Un año que no es la semilla: 2019 como lo capturaría otra oficina estatal.

Títulos en minúscula, descripciones que son oraciones («Sesión con grupos de tercer grado.»),
«público en general», talleres en uno y en varios estados, una jornada con más participantes
que nada en el año, un foro reprogramado con su motivo, una plática cancelada, todas las
precisiones de fecha, una actividad solo con entidades participantes y otra sin entidad,
convenios firmados en 2019, en 2017 (vigente) y sin fecha de firma, y productos.

``anio_2019_cargar()`` crea los registros; el periodo del informe es 2019 con corte al 30 de
septiembre (lo de octubre en adelante se anuncia en futuro).
"""

import datetime as dt

from capacitaciones.models import Actividad, ActividadInstitucion, Participacion, Producto
from convenios.models import Convenio, ParteConvenio
from programa.fechas import ajustar
from programa.models import Audiencia, EntidadFederativa, Estrategia, Institucion, Programa

DESDE, HASTA, CORTE = dt.date(2019, 1, 1), dt.date(2019, 12, 31), dt.date(2019, 9, 30)

NN = "Niñas y niños"
AD = "Adolescentes"
MP = "Madres, padres y personas cuidadoras"
PP = "Personal del programa"
PE = "Personal de los Sistemas Estatales DIF"
SP = "Personas servidoras públicas"
OSC = "Organizaciones de la sociedad civil"
PG = "Público en general"

INSTITUCIONES = {
    "SNDIF": {
        "nombre": "Sistema Nacional para el Desarrollo Integral de la Familia",
        "nombre_en": "National System for Integral Family Development",
        "tipo": "federal",
    },
    "GN": {"nombre": "Guardia Nacional", "nombre_en": "National Guard", "tipo": "federal"},
    "UNICEF": {
        "nombre": "Fondo de las Naciones Unidas para la Infancia",
        "nombre_en": "United Nations Children's Fund",
        "tipo": "internacional",
    },
    "DIF Jalisco": {"nombre": "Sistema DIF Jalisco", "tipo": "estatal"},
    "FIS": {"nombre": "Fundación Infancia Segura", "tipo": "osc"},
}

CONVENIOS = [
    {
        "folio": "SNDIF-GN-2019",
        "titulo": "Convenio de colaboración con la Guardia Nacional",
        "titulo_en": "Collaboration agreement with the National Guard",
        "objeto": "prevenir los delitos cometidos por medios digitales contra niñas, niños y "
        "adolescentes",
        "objeto_en": "prevent crimes committed through digital media against children and "
        "adolescents",
        "fecha_firma": dt.date(2019, 3, 14),
        "vigencia_inicio": dt.date(2019, 3, 14),
        "partes": ["SNDIF", "GN"],
    },
    {
        "folio": "SNDIF-JAL-2017",
        "tipo": "coordinacion",
        "titulo": "Convenio de coordinación con el Sistema DIF Jalisco",
        "titulo_en": "Coordination agreement with the Jalisco DIF System",
        "objeto": "coordinar acciones de prevención del trabajo infantil en Jalisco",
        "objeto_en": "coordinate actions to prevent child labour in Jalisco",
        "fecha_firma": dt.date(2017, 5, 12),
        "vigencia_inicio": dt.date(2017, 5, 12),
        "partes": ["SNDIF", "DIF Jalisco"],
    },
    {
        "folio": "SNDIF-FIS",
        "tipo": "concertacion",
        "titulo": "Convenio de concertación con la Fundación Infancia Segura",
        "titulo_en": "Agreement with the Fundación Infancia Segura",
        "objeto": "producir materiales de difusión sobre crianza positiva",
        "objeto_en": "produce outreach materials on positive parenting",
        "fecha_firma": None,
        "vigencia_inicio": dt.date(2018, 1, 1),
        "partes": ["SNDIF", "FIS"],
    },
    {
        # Firmado y vencido antes del periodo: no entra.
        "folio": "SNDIF-VENCIDO-2016",
        "titulo": "Convenio de colaboración con la Fundación Infancia Segura",
        "fecha_firma": dt.date(2016, 2, 1),
        "vigencia_inicio": dt.date(2016, 2, 1),
        "vigencia_fin": dt.date(2018, 12, 31),
        "partes": ["SNDIF", "FIS"],
    },
]


def _a(folio, tipo, titulo, estado, inicio, precision="dia", fin=None, **datos):
    return {
        "folio": folio,
        "tipo": tipo,
        "titulo": titulo,
        "estado": estado,
        "inicio": inicio,
        "fin": fin,
        "precision": precision,
        **datos,
    }


R, P, C, RP = "realizada", "programada", "cancelada", "reprogramada"
_PROTOCOLOS = "Capacitación sobre protocolos de atención a víctimas de violencia"
_PROTOCOLOS_EN = "Training on protocols for the care of victims of violence"
_PROTOCOLOS_PROPOSITO = {
    "proposito": "homologar la atención que brindan las procuradurías de protección",
    "proposito_en": "to standardise the care provided by the child protection offices",
    "participacion": {PE: (30, 21, 9)},
    "organiza": ["SNDIF"],
}

ACTIVIDADES = [
    _a(
        "JAL-2019-001",
        "jornada",
        "jornada estatal por los derechos de la niñez",
        R,
        dt.date(2019, 4, 30),
        titulo_en="state day for children's rights",
        entidades=["14"],
        participacion={PG: (2400, 1300, 1100), NN: (850, None, None)},
        proposito="difundir los derechos de niñas, niños y adolescentes entre la población",
        proposito_en="to raise awareness of children's rights among the population",
        descripcion="Se instalaron módulos en plazas públicas de Guadalajara.",
        organiza=["DIF Jalisco"],
    ),
    _a(
        "JAL-2019-002",
        "taller",
        "prevención del abuso sexual infantil",
        R,
        dt.date(2019, 2, 11),
        fin=dt.date(2019, 2, 15),
        titulo_en="preventing child sexual abuse",
        entidades=["14", "16", "06"],
        participacion={MP: (120, 95, 25)},
        proposito="fortalecer las habilidades de crianza de madres, padres y personas cuidadoras",
        proposito_en="to strengthen the parenting skills of parents and caregivers",
        convenio="SNDIF-JAL-2017",
    ),
    _a(
        "NL-2019-003",
        "taller",
        "Autocuidado para adolescentes",
        R,
        dt.date(2019, 5, 1),
        "mes",
        entidades=["19"],
        participacion={AD: (60, None, None)},
        descripcion="Reforzar el autocuidado",
    ),
    _a(
        "JAL-2019-004",
        "platica",
        "riesgos en internet",
        R,
        dt.date(2019, 3, 8),
        titulo_en="online risks",
        entidades=["14"],
        participacion={AD: (65, 30, 35)},
        descripcion="Sesión con grupos de tercer grado.",
    ),
    _a(
        "SNDIF-2019-005",
        "platica",
        "uso responsable de redes sociales",
        R,
        dt.date(2019, 7, 3),
        titulo_en="responsible use of social media",
        participacion={PG: (150, None, None)},
        modalidad="en_linea",
    ),
    _a(
        "VER-2019-006",
        "platica",
        "prevención de adicciones",
        C,
        dt.date(2019, 5, 20),
        titulo_en="preventing addictions",
        entidades=["30"],
        participacion={AD: (None, None, None)},
        motivo="La escuela suspendió actividades por lluvias.",
        motivo_en="The school suspended its activities because of heavy rain.",
    ),
    _a(
        "SNDIF-2019-007",
        "conferencia",
        "los derechos de niñas, niños y adolescentes en el entorno digital",
        R,
        dt.date(2019, 4, 1),
        "trimestre",
        titulo_en="children's rights in the digital environment",
        entidades=["09"],
        participacion={SP: (200, 120, 80)},
        imparte=["UNICEF"],
    ),
    _a(
        "JAL-2019-008",
        "foro",
        "foro regional de participación infantil",
        RP,
        dt.date(2019, 11, 14),
        fin=dt.date(2019, 11, 15),
        titulo_en="regional forum on children's participation",
        entidades=["14"],
        participacion={NN: (150, None, None)},
        proposito="escuchar las propuestas de niñas y niños de la región",
        proposito_en="to hear the proposals of children from the region",
        motivo="La sede no estuvo disponible en la fecha original.",
        motivo_en="The venue was not available on the original date.",
    ),
    _a(
        "GTO-2019-009",
        "foro",
        "foro estatal de prevención de la violencia escolar",
        R,
        dt.date(2019, 8, 22),
        titulo_en="state forum on preventing school violence",
        entidades=["11"],
        participacion={PE: (80, 50, 30), OSC: (25, None, None)},
    ),
    _a(
        "SNDIF-2019-010",
        "curso",
        "curso de primeros auxilios psicológicos",
        R,
        dt.date(2019, 1, 1),
        "semestre",
        titulo_en="course on psychological first aid",
        entidades_participantes=["05", "10", "32"],
        participacion={PE: (45, 30, 15)},
        organiza=["SNDIF"],
    ),
    _a(
        "SNDIF-2019-011",
        "curso",
        "curso en línea sobre derechos de la infancia",
        P,
        dt.date(2019, 10, 1),
        "mes",
        titulo_en="online course on children's rights",
        participacion={PP: (None, None, None)},
        modalidad="en_linea",
    ),
    _a(
        "JAL-2019-012",
        "campana",
        "campaña contra el trabajo infantil",
        R,
        dt.date(2019, 1, 1),
        "anio",
        titulo_en="campaign against child labour",
        entidades=["14", "11", "24"],
        participacion={PG: (1800, None, None)},
        convenio="SNDIF-JAL-2017",
    ),
    _a(
        "QR-2019-013",
        "campana",
        "vacaciones seguras",
        P,
        dt.date(2019, 10, 1),
        "trimestre",
        titulo_en="safe holidays",
        entidades=["23"],
        participacion={PG: (None, None, None)},
    ),
    _a(
        "YUC-2019-014",
        "jornada",
        "jornada de salud mental para adolescentes",
        R,
        dt.date(2019, 9, 10),
        titulo_en="mental health day for adolescents",
        entidades=["31"],
        participacion={AD: (300, 160, 140)},
    ),
    _a(
        "JAL-2019-015",
        "otro",
        "rally familiar por la convivencia",
        R,
        dt.date(2019, 6, 15),
        titulo_en="family rally for living together",
        entidades=["14"],
        participacion={MP: (90, None, None), NN: (110, 60, 50)},
    ),
    # Capacitaciones: un título en tres estados (mes, mes, trimestre) y por realizar.
    _a(
        "JAL-2019-016",
        "capacitacion",
        _PROTOCOLOS,
        R,
        dt.date(2019, 2, 1),
        "mes",
        titulo_en=_PROTOCOLOS_EN,
        entidades=["14"],
        **_PROTOCOLOS_PROPOSITO,
    ),
    _a(
        "MICH-2019-017",
        "capacitacion",
        _PROTOCOLOS,
        R,
        dt.date(2019, 3, 1),
        "mes",
        titulo_en=_PROTOCOLOS_EN,
        entidades=["16"],
        **_PROTOCOLOS_PROPOSITO,
    ),
    _a(
        "GTO-2019-018",
        "capacitacion",
        _PROTOCOLOS,
        R,
        dt.date(2019, 4, 1),
        "trimestre",
        titulo_en=_PROTOCOLOS_EN,
        entidades=["11"],
        **_PROTOCOLOS_PROPOSITO,
    ),
    _a(
        "OAX-2019-019",
        "capacitacion",
        _PROTOCOLOS,
        P,
        dt.date(2019, 7, 1),
        "semestre",
        titulo_en=_PROTOCOLOS_EN,
        entidades=["20"],
        **_PROTOCOLOS_PROPOSITO,
    ),
    _a(
        "CHIS-2019-020",
        "capacitacion",
        _PROTOCOLOS,
        P,
        dt.date(2019, 7, 1),
        "semestre",
        titulo_en=_PROTOCOLOS_EN,
        entidades=["07"],
        **_PROTOCOLOS_PROPOSITO,
    ),
    _a(
        "GRO-2019-021",
        "capacitacion",
        _PROTOCOLOS,
        P,
        dt.date(2019, 10, 1),
        "trimestre",
        titulo_en=_PROTOCOLOS_EN,
        entidades=["12"],
        **_PROTOCOLOS_PROPOSITO,
    ),
    _a(
        "JAL-2019-022",
        "capacitacion",
        "capacitación en entrevista forense a niñas y niños",
        R,
        dt.date(2019, 3, 25),
        fin=dt.date(2019, 3, 27),
        titulo_en="training in forensic interviewing of children",
        entidades=["14"],
        participacion={SP: (35, 20, 15)},
        imparte=["GN"],
    ),
    _a(
        "NL-2019-023",
        "capacitacion",
        "capacitación en entrevista forense a niñas y niños",
        R,
        dt.date(2019, 7, 8),
        fin=dt.date(2019, 7, 10),
        titulo_en="training in forensic interviewing of children",
        entidades=["19"],
        participacion={SP: (28, None, None)},
        imparte=["GN"],
    ),
    _a(
        "SNDIF-2019-024",
        "capacitacion",
        "formación de promotores infantiles",
        R,
        dt.date(2019, 4, 1),
        "mes",
        titulo_en="training of child promoters",
        entidades_participantes=["01", "18"],
        participacion={NN: (40, 22, 18)},
    ),
    _a(
        "SIN-2019-025",
        "capacitacion",
        "capacitación sobre trata de personas",
        C,
        dt.date(2019, 6, 5),
        titulo_en="training on human trafficking",
        entidades=["25"],
        participacion={SP: (None, None, None)},
        motivo="El personal fue asignado a la atención de la emergencia por inundaciones.",
    ),
    _a(
        "MEX-2019-026",
        "platica",
        "prevención del embarazo adolescente",
        R,
        dt.date(2019, 1, 24),
        titulo_en="preventing teenage pregnancy",
        entidades=["15"],
        participacion={AD: (70, 40, 30)},
    ),
    _a(
        "JAL-2019-027",
        "platica",
        "crianza positiva",
        R,
        dt.date(2019, 2, 27),
        titulo_en="positive parenting",
        entidades=["14"],
        participacion={MP: (35, None, None)},
    ),
    _a(
        "JAL-2019-028",
        "platica",
        "derechos de la niñez",
        R,
        dt.date(2019, 3, 19),
        titulo_en="children's rights",
        entidades=["14"],
        participacion={NN: (80, 42, 38)},
    ),
    _a(
        "MICH-2019-029",
        "taller",
        "habilidades para la vida",
        RP,
        dt.date(2019, 10, 7),
        titulo_en="life skills",
        entidades=["16"],
        participacion={AD: (40, None, None)},
        motivo="La fecha original coincidió con el calendario de exámenes.",
        motivo_en="The original date clashed with the exam calendar.",
    ),
    _a(
        "SNDIF-2019-030",
        "conferencia",
        "prevención de la explotación sexual en entornos digitales",
        R,
        dt.date(2019, 5, 17),
        titulo_en="preventing sexual exploitation in digital environments",
        entidades=["14", "09"],
        participacion={SP: (150, 90, 60), OSC: (40, None, None)},
        imparte=["GN"],
        convenio="SNDIF-GN-2019",
    ),
    _a(
        "GRO-2019-031",
        "jornada",
        "jornada comunitaria de prevención",
        C,
        dt.date(2019, 8, 3),
        titulo_en="community prevention day",
        entidades=["12"],
        participacion={PG: (None, None, None)},
        motivo="Se suspendió por condiciones de seguridad en la zona.",
    ),
    _a(
        "JAL-2019-032",
        "taller",
        "taller de arte y juego para niñas y niños",
        R,
        dt.date(2019, 7, 22),
        fin=dt.date(2019, 7, 26),
        titulo_en="art and play workshop for children",
        entidades=["14"],
        participacion={NN: (60, 35, 25)},
        organiza=["DIF Jalisco"],
    ),
    _a(
        "JAL-2019-033",
        "platica",
        "prevención del acoso escolar",
        P,
        dt.date(2019, 9, 5),
        titulo_en="preventing school bullying",
        entidades=["14"],
        participacion={NN: (None, None, None)},
    ),
    _a(
        "SNDIF-2019-034",
        "conferencia",
        "conferencia virtual sobre ciberacoso",
        R,
        dt.date(2019, 8, 29),
        titulo_en="online lecture on cyberbullying",
        entidades_participantes=["02", "03", "26"],
        participacion={SP: (90, None, None)},
        modalidad="en_linea",
    ),
]

PRODUCTOS = [
    {
        "tipo": "material_impreso",
        "nombre": "guía de crianza positiva",
        "nombre_en": "positive parenting guide",
        "convenio": "SNDIF-FIS",
        "audiencias": [MP],
        "entidades": ["14", "19"],
    },
    {
        "tipo": "audiovisual",
        "nombre": "cápsulas sobre riesgos en internet",
        "nombre_en": "short videos on online risks",
        "convenio": "SNDIF-GN-2019",
        "fecha": dt.date(2019, 8, 1),
        "audiencias": [AD],
    },
]


def anio_2019_cargar() -> dict:
    """Crea los registros de 2019 (las entidades y audiencias vienen de las migraciones)."""
    instituciones = {
        siglas: Institucion.objects.get_or_create(
            nombre=datos["nombre"],
            defaults={
                "siglas": "" if datos["tipo"] in ("osc", "estatal") else siglas,
                "nombre_en": datos.get("nombre_en", ""),
                "tipo": datos["tipo"],
            },
        )[0]
        for siglas, datos in INSTITUCIONES.items()
    }
    programa = Programa.objects.create(
        nombre="Programa de Prevención de Riesgos en Niñas, Niños y Adolescentes",
        nombre_en="Programme for the Prevention of Risks to Children and Adolescents",
        institucion_responsable=instituciones["SNDIF"],
    )
    entidades = EntidadFederativa.objects.in_bulk()
    audiencias = {a.nombre: a for a in Audiencia.objects.all()}
    convenios = {}
    for datos in CONVENIOS:
        datos = dict(datos)
        partes = datos.pop("partes")
        convenio = Convenio.objects.create(
            tipo=datos.pop("tipo", "colaboracion"), programa=programa, **datos
        )
        for siglas in partes:
            ParteConvenio.objects.create(convenio=convenio, institucion=instituciones[siglas])
        convenios[convenio.folio] = convenio
    Estrategia.objects.create(
        nombre="Estrategia Nacional de Prevención de Adicciones",
        nombre_en="National Strategy for the Prevention of Addictions",
        programa=programa,
        participacion="con pláticas en escuelas secundarias",
        participacion_en="with talks in secondary schools",
        fecha_inicio=dt.date(2019, 1, 1),
    ).instituciones.add(instituciones["SNDIF"])
    actividades = {}
    for datos in ACTIVIDADES:
        datos = dict(datos)
        relaciones = {
            c: datos.pop(c, [])
            for c in ("entidades", "entidades_participantes", "organiza", "imparte")
        }
        participacion = datos.pop("participacion", {})
        inicio, fin = ajustar(datos.pop("inicio"), datos.pop("fin"), datos["precision"])
        convenio = convenios.get(datos.pop("convenio", None))
        actividad = Actividad.objects.create(
            programa=programa, convenio=convenio, fecha_inicio=inicio, fecha_fin=fin, **datos
        )
        actividad.full_clean()
        actividad.entidades.set([entidades[c] for c in relaciones["entidades"]])
        actividad.entidades_participantes.set(
            [entidades[c] for c in relaciones["entidades_participantes"]]
        )
        for rol in ("organiza", "imparte"):
            for siglas in relaciones[rol]:
                ActividadInstitucion.objects.create(
                    actividad=actividad, institucion=instituciones[siglas], rol=rol
                )
        for nombre, (total, mujeres, hombres) in participacion.items():
            Participacion.objects.create(
                actividad=actividad,
                audiencia=audiencias[nombre],
                total=total,
                mujeres=mujeres,
                hombres=hombres,
            )
        actividades[actividad.folio] = actividad
    for datos in PRODUCTOS:
        datos = dict(datos)
        quienes = datos.pop("audiencias", [])
        donde = datos.pop("entidades", [])
        datos["convenio"] = convenios.get(datos["convenio"])
        producto = Producto.objects.create(**datos)
        producto.audiencias.set([audiencias[a] for a in quienes])
        producto.entidades_difusion.set([entidades[c] for c in donde])
    return {"programa": programa, "convenios": convenios, "actividades": actividades}
