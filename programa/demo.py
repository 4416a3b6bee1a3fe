"""Los hechos de la Aportación de México al informe de la OACNUDH (2015), como datos.

Son los datos de demostración y la primera prueba de aceptación del informe de contribución.
Donde el documento no dice un dato (la entidad de una plática en el DIF Nacional, el semestre
de las capacitaciones ya realizadas), se anota la inferencia junto al dato.
Aquí solo hay datos; el cargador es ``python manage.py cargar_demo``.
"""

PROGRAMA = {
    "nombre": "Programa para la Protección y Desarrollo Integral de la Infancia",
    "nombre_en": "Programme for the Protection and Integral Development of Children",
    "institucion_responsable": "SNDIF",
    "descripcion": "Implementa acciones preventivas en materia de explotación sexual infantil.",
    "descripcion_en": "Carries out preventive actions against child sexual exploitation.",
}

# Siglas -> datos. Las instituciones se buscan por siglas al armar convenios y actividades.
INSTITUCIONES = [
    {
        "nombre": "Sistema Nacional para el Desarrollo Integral de la Familia",
        "nombre_en": "National System for Integral Family Development",
        "siglas": "SNDIF",
        "tipo": "federal",
    },
    {
        "nombre": "Guardia Nacional",
        "nombre_en": "National Guard",
        "siglas": "GN",
        "tipo": "federal",
        "vigente_desde": "2019-03-26",
    },
    {
        "nombre": "Policía Federal",
        "nombre_en": "Federal Police",
        "siglas": "PF",
        "tipo": "federal",
        "sucesora": "GN",
    },
    {
        "nombre": "Psicocartoon México",
        "siglas": "Psicocartoon",
        "tipo": "osc",
    },
]

# Un Sistema Estatal DIF por entidad; sus siglas son "DIF " + la clave INEGI.
SISTEMA_ESTATAL = "Sistema DIF {entidad}"

CONVENIOS = [
    {
        "folio": "SNDIF-PF-2014",
        "tipo": "colaboracion",
        "titulo": "Convenio de colaboración con la Policía Federal",
        "titulo_en": "Collaboration agreement with the Federal Police",
        "objeto": (
            "realizar acciones coordinadas que permitan promover y ofrecer entre los ciudadanos, "
            "una cultura de prevención y uso responsable del Internet, así como apoyar en la "
            "investigación de delitos informáticos cometidos contra niñas, niños y adolescentes"
        ),
        "objeto_en": (
            "carry out coordinated actions to promote among citizens a culture of prevention "
            "and responsible use of the Internet, and to support the investigation of computer "
            "crimes committed against children and adolescents"
        ),
        "fecha_firma": "2014-10-29",
        "vigencia_inicio": "2014-10-29",
        "partes": [("SNDIF", "firmante"), ("PF", "firmante")],
    },
    {
        "folio": "SNDIF-PSICOCARTOON",
        "tipo": "licencia",
        "titulo": (
            "Convenio de colaboración entre el SNDIF y la organización Psicocartoon México para "
            "el uso de la licencia de derechos de propiedad intelectual de la herramienta "
            "digital “La trata de personas y sus elementos”"
        ),
        "titulo_en": (
            "Collaboration agreement between the SNDIF and the organization Psicocartoon México "
            "for the licensed use of the intellectual property rights of the digital tool "
            "“La trata de personas y sus elementos” (Human trafficking and its elements)"
        ),
        "objeto": ("difundir el conocimiento sobre aspectos conceptuales y mecanismos de enganche"),
        "objeto_en": "spread knowledge of the concepts involved and of recruitment mechanisms",
        # El documento no da fecha de firma; se menciona entre las acciones de 2014-2015.
        "partes": [("SNDIF", "licenciataria"), ("Psicocartoon", "licenciante")],
    },
]

ESTRATEGIAS = [
    {
        "nombre": (
            "Estrategia Nacional para la prevención del acoso escolar y otros tipos de violencia"
        ),
        "nombre_en": "National Strategy for the prevention of school bullying and other violence",
        "participacion": "apoyando en la prevención y atención del ciberbullying",
        "participacion_en": "supporting the prevention of and response to cyberbullying",
        "instituciones": ["PF"],
        "temas": ["Acoso escolar", "Ciberacoso"],
    },
]

_CAPACITACION = {
    "tipo": "capacitacion",
    "titulo": "Capacitación sobre delitos cibernéticos en materia de explotación sexual infantil",
    "titulo_en": "Training on cybercrime related to child sexual exploitation",
    "proposito": (
        "brindar herramientas al personal encargado de realizar acciones preventivas y de "
        "atención en la materia en los Sistemas Estatales DIF"
    ),
    "proposito_en": (
        "to provide tools to the staff of the State DIF Systems in charge of prevention and "
        "response in this area"
    ),
    "convenio": "SNDIF-PF-2014",
    "temas": ["Delitos cibernéticos", "Explotación sexual infantil"],
    "participacion": {"Personal de los Sistemas Estatales DIF": None},
    "organiza": ["SNDIF"],
    "imparte": ["PF"],
}

# Capacitaciones ya realizadas: el documento (mediados de 2015) no da la fecha; se registran
# en el primer semestre de 2015. Las programadas son "en el último semestre de 2015".
_REALIZADAS = [("SLP", "24"), ("NAY", "18"), ("CAM", "04"), ("GTO", "11")]
_PROGRAMADAS = [("OAX", "20"), ("JAL", "14"), ("MOR", "17")]

ACTIVIDADES = [
    {
        "folio": "SNDIF-2015-PLATICA-01",
        "tipo": "platica",
        "titulo": "Delitos Cibernéticos",
        "titulo_en": "Cybercrime",
        "estado": "realizada",
        "fecha_inicio": "2015-03-18",
        "precision": "dia",
        "publico": (
            "personal que implementa el Programa para la Protección y Desarrollo Integral de la "
            "Infancia"
        ),
        "publico_en": (
            "staff implementing the Programme for the Protection and Integral Development of "
            "Children"
        ),
        "convenio": "SNDIF-PF-2014",
        "temas": ["Delitos cibernéticos"],
        "participacion": {"Personal del programa": None},
        # El documento no nombra la sede; el personal del programa trabaja en el SNDIF.
        "entidades": ["09"],
        "organiza": ["SNDIF"],
        "imparte": ["PF"],
    },
    {
        "folio": "SNDIF-2015-PLATICA-02",
        "tipo": "platica",
        "titulo": "Delitos Cibernéticos",
        "titulo_en": "Cybercrime",
        "estado": "realizada",
        "fecha_inicio": "2015-04-22",
        "precision": "dia",
        "proposito": (
            "brindar elementos que refuercen los factores de protección frente a esta problemática"
        ),
        "proposito_en": "to strengthen protective factors against this problem",
        "publico": "niñas y niños que asisten al Centro de Desarrollo Infantil del DIF Nacional",
        "publico_en": "children attending the DIF Nacional Child Development Centre",
        "sede": "Centro de Desarrollo Infantil del DIF Nacional",
        "convenio": "SNDIF-PF-2014",
        "temas": ["Delitos cibernéticos"],
        "participacion": {"Niñas y niños": None},
        "entidades": ["09"],
        "organiza": ["SNDIF"],
        "imparte": ["PF"],
    },
    *[
        _CAPACITACION
        | {
            "folio": f"SNDIF-2015-CAP-{sufijo}",
            "estado": "realizada",
            "fecha_inicio": "2015-01-01",
            "precision": "semestre",
            "entidades": [clave],
            "participa": [f"DIF {clave}"],
        }
        for sufijo, clave in _REALIZADAS
    ],
    *[
        _CAPACITACION
        | {
            "folio": f"SNDIF-2015-CAP-{sufijo}",
            "estado": "programada",
            "fecha_inicio": "2015-07-01",
            "precision": "semestre",
            "entidades": [clave],
            "participa": [f"DIF {clave}"],
        }
        for sufijo, clave in _PROGRAMADAS
    ],
    {
        "folio": "SNDIF-2014-FORO-TRATA",
        "tipo": "foro",
        "titulo": (
            "Foro Análisis y Reflexión en torno a la Trata de Personas en Niñas, Niños y "
            "Adolescentes en México"
        ),
        "titulo_en": (
            "Forum for Analysis and Reflection on Trafficking in Children and Adolescents in Mexico"
        ),
        "estado": "realizada",
        "fecha_inicio": "2014-01-01",
        "precision": "anio",
        "proposito": (
            "generar un espacio para el análisis sobre las causas, consecuencias, protección y "
            "atención a las víctimas de éstos delitos, a fin de promover estrategias y acciones "
            "para su protección y atención"
        ),
        "proposito_en": (
            "to open a space to analyse the causes and consequences of these crimes and the "
            "protection of and care for their victims, in order to promote strategies and "
            "actions for their protection and care"
        ),
        "publico": (
            "personal de instituciones públicas tanto del Gobierno de la República, como de los "
            "Sistemas Estatales DIF y prestadores de servicios de organizaciones de la sociedad "
            "civil"
        ),
        "publico_en": (
            "staff of public institutions of both the Federal Government and the State DIF "
            "Systems, and service providers from civil society organizations"
        ),
        "temas": ["Trata de personas"],
        "participacion": {
            "Personas servidoras públicas": None,
            "Personal de los Sistemas Estatales DIF": None,
            "Organizaciones de la sociedad civil": None,
        },
        "organiza": ["SNDIF"],
    },
    {
        "folio": "SNDIF-2014-CURSO-ESI",
        "tipo": "curso",
        "titulo": (
            "Curso sobre Elementos Teórico Metodológicos para la Prevención y Atención de la "
            "Explotación Sexual Infantil"
        ),
        "titulo_en": (
            "Course on Theoretical and Methodological Elements for the Prevention of and "
            "Response to Child Sexual Exploitation"
        ),
        "estado": "realizada",
        "fecha_inicio": "2014-04-01",
        "precision": "mes",
        "proposito": (
            "proporcionar a los participantes conocimientos básicos, a través de la transmisión "
            "de conceptos teórico-metodológico y actividades pedagógicas para el desarrollo de "
            "acciones preventivas y de atención en beneficio de la población objetivo"
        ),
        "proposito_en": (
            "to give participants basic knowledge, through theoretical and methodological concepts "
            "and teaching activities, to develop prevention and response actions for the "
            "benefit of the target population"
        ),
        "publico": "personal encargado de la operación de la temática",
        "publico_en": "staff in charge of this area",
        "temas": ["Explotación sexual infantil"],
        "participacion": {"Personal de los Sistemas Estatales DIF": None},
        "entidades_participantes": ["08", "10", "15", "12", "13", "14", "21", "29", "31"],
        "organiza": ["SNDIF"],
        "participa": [f"DIF {c}" for c in ("08", "10", "15", "12", "13", "14", "21", "29", "31")],
    },
]

PRODUCTOS = [
    {
        "tipo": "oda",
        "nombre": "Objetos Digitales de Aprendizaje (ODA) sobre la Trata de personas",
        "nombre_en": "Digital Learning Objects on human trafficking",
        "descripcion": "abordan la explotación sexual infantil a través de tecnologías digitales",
        "descripcion_en": "address child sexual exploitation through digital technologies",
        "convenio": "SNDIF-PF-2014",
        "temas": ["Trata de personas", "Explotación sexual infantil"],
    },
    {
        "tipo": "herramienta_digital",
        "nombre": "La trata de personas y sus elementos",
        "nombre_en": "Human trafficking and its elements",
        "descripcion": (
            "difundir el conocimiento sobre aspectos conceptuales y mecanismos de enganche"
        ),
        "descripcion_en": "spread knowledge of the concepts involved and of recruitment mechanisms",
        "convenio": "SNDIF-PSICOCARTOON",
        "licencia": "Licencia de uso de los derechos de propiedad intelectual, otorgada por "
        "Psicocartoon México al SNDIF.",
        "temas": ["Trata de personas"],
        "audiencias": ["Personal de los Sistemas Estatales DIF"],
    },
]

# La convocatoria a la que responde la aportación: la de la OACNUDH, con el título que da la
# aportación y una sola pregunta abierta (sin texto ni criterios), que responde todo el
# informe. El documento no da la fecha límite ni un límite de palabras: la fecha es el corte
# de la aportación (mediados de 2015, cuando se redactó) y el límite queda vacío.
CONVOCATORIA_2015 = {
    "organismo": "oacnudh",
    "titulo": (
        "Informe de la OACNUDH sobre la cuestión de las tecnologías de la información y las "
        "comunicaciones y la explotación sexual infantil"
    ),
    "fecha_limite": "2015-06-30",
    "idiomas": "es_en",
    "preguntas": [{"numero": 1, "texto": "", "texto_en": ""}],
}

# Documentos de la ONU con recomendaciones a México. Solo los documentos: sus párrafos y
# textos se capturan o importan de los documentos oficiales (importar_recomendaciones), no se
# inventan aquí.
DOCUMENTOS_ONU = [
    {
        "simbolo": "CRC/C/MEX/CO/4-5",
        "mecanismo": "comite_derechos_nino",
        "titulo": "Observaciones finales sobre los informes periódicos cuarto y quinto "
        "combinados de México",
        "titulo_en": "Concluding observations on the combined fourth and fifth periodic reports "
        "of Mexico",
        "fecha": "2015-06-05",
        "nota": "Aprobadas por el Comité de los Derechos del Niño el 5 de junio de 2015.",
    },
    {
        "simbolo": "A/HRC/7/8/Add.2",
        "mecanismo": "relatoria_especial",
        "titulo": "Informe del Relator Especial sobre la venta de niños: misión a México",
        "titulo_en": "Report of the Special Rapporteur on the sale of children: mission to Mexico",
        # La fecha del documento no está en los hechos de la demo; solo la de la visita.
        "fecha": None,
        "nota": "Visita a México del 4 al 15 de mayo de 2007.",
    },
]
