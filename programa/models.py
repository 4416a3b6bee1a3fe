"""Lo que comparte todo el programa: entidades federativas, instituciones y catálogos."""

import difflib
import re
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programa.revision import ConRevision
from programa.texto import normalizar, sugerencia


class EntidadFederativaQuerySet(models.QuerySet):
    def indice(self) -> dict[str, "EntidadFederativa"]:
        """Cada forma en que alguien escribe una entidad (normalizada) -> la entidad."""
        indice = {}
        for entidad in self:
            for forma in entidad.formas():
                indice[normalizar(forma)] = entidad
        return indice

    def buscar(self, texto: str) -> "EntidadFederativa | None":
        """Por clave INEGI ("24", "9"), nombre oficial o corto, ISO, RENAPO, abreviatura o alias."""
        texto = str(texto).strip()
        if texto.isdigit():
            texto = texto.zfill(2)
        return self.indice().get(normalizar(texto))

    def sugerir(self, texto: str) -> str | None:
        """La entidad más parecida a un texto que no se encontró: 'Nayrit' -> 'Nayarit'."""
        nombres = {normalizar(e.nombre_corto): e.nombre_corto for e in self}
        nombres |= {normalizar(e.nombre): e.nombre_corto for e in self}
        return sugerencia(texto, nombres)


class EntidadFederativa(models.Model):
    """Una de las 32 entidades federativas, con su clave del INEGI como llave primaria."""

    clave = models.CharField(_("clave INEGI"), max_length=2, primary_key=True)
    nombre = models.CharField(_("nombre oficial"), max_length=80, unique=True)
    nombre_corto = models.CharField(_("nombre corto"), max_length=40, unique=True)
    iso_3166_2 = models.CharField(_("código ISO 3166-2"), max_length=6, unique=True)
    renapo = models.CharField(_("clave RENAPO"), max_length=2, unique=True)
    abreviatura = models.CharField(_("abreviatura"), max_length=10)
    alias = models.JSONField(_("otros nombres"), default=list, blank=True)

    objects = EntidadFederativaQuerySet.as_manager()
    historial = HistoricalRecords()

    class Meta:
        verbose_name = _("entidad federativa")
        verbose_name_plural = _("entidades federativas")
        ordering = ["clave"]

    def __str__(self):
        return self.nombre_corto

    def formas(self) -> list[str]:
        return [
            self.clave,
            self.nombre,
            self.nombre_corto,
            self.iso_3166_2,
            self.renapo,
            self.abreviatura,
            *self.alias,
        ]


class Institucion(ConRevision):
    class Tipo(models.TextChoices):
        FEDERAL = "federal", _("Federal")
        ESTATAL = "estatal", _("Estatal")
        MUNICIPAL = "municipal", _("Municipal")
        AUTONOMO = "autonomo", _("Organismo autónomo")
        OSC = "osc", _("Organización de la sociedad civil")
        INTERNACIONAL = "internacional", _("Internacional")
        ACADEMICA = "academica", _("Académica")
        PRIVADA = "privada", _("Privada")

    nombre = models.CharField(_("nombre"), max_length=200, unique=True)
    nombre_en = models.CharField(_("nombre en inglés"), max_length=200, blank=True)
    siglas = models.CharField(_("siglas"), max_length=30, blank=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    entidad = models.ForeignKey(
        EntidadFederativa,
        verbose_name=_("entidad federativa"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instituciones",
        help_text=_("Solo si la institución pertenece a un estado, como un Sistema Estatal DIF."),
    )
    vigente_desde = models.DateField(_("vigente desde"), null=True, blank=True)
    vigente_hasta = models.DateField(_("vigente hasta"), null=True, blank=True)
    sucesora = models.ForeignKey(
        "self",
        verbose_name=_("institución sucesora"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecesoras",
        help_text=_("Por ejemplo, la Guardia Nacional sucedió a la Policía Federal en 2019."),
    )
    historial = HistoricalRecords()
    registro_este = _("esta institución")

    class Meta:
        verbose_name = _("institución")
        verbose_name_plural = _("instituciones")
        ordering = ["nombre"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vigente_hasta__isnull=True)
                | Q(vigente_desde__isnull=True)
                | Q(vigente_hasta__gte=F("vigente_desde")),
                name="institucion_vigencia_en_orden",
                violation_error_message=_(
                    "La fecha «vigente hasta» no puede ser anterior a «vigente desde»."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(sucesora=F("id")),
                name="institucion_no_se_sucede_a_si_misma",
                violation_error_message=_("Una institución no puede ser su propia sucesora."),
            ),
        ]

    def __str__(self):
        return f"{self.nombre} ({self.siglas})" if self.siglas else self.nombre

    @property
    def nombre_corto(self) -> str:
        return self.siglas or self.nombre


class Programa(ConRevision):
    nombre = models.CharField(_("nombre"), max_length=200, unique=True)
    nombre_en = models.CharField(_("nombre en inglés"), max_length=200, blank=True)
    institucion_responsable = models.ForeignKey(
        Institucion,
        verbose_name=_("institución responsable"),
        on_delete=models.PROTECT,
        related_name="programas",
    )
    descripcion = models.TextField(
        _("descripción"),
        blank=True,
        help_text=_(
            "Si empieza con un verbo en presente («Implementa acciones…»), el informe la une al "
            "nombre de la institución; si no, la escribe como oración aparte."
        ),
    )
    descripcion_en = models.TextField(_("descripción en inglés"), blank=True)
    historial = HistoricalRecords()
    registro_este = _("este programa")

    class Meta:
        verbose_name = _("programa")
        verbose_name_plural = _("programas")
        ordering = ["nombre"]

    def __str__(self):
        return self.nombre


class CatalogoQuerySet(models.QuerySet):
    def buscar(self, texto: str):
        """El elemento del catálogo con ese nombre, sin importar mayúsculas ni acentos."""
        return {normalizar(o.nombre): o for o in self}.get(normalizar(texto))

    def sugerir(self, texto: str) -> str | None:
        return sugerencia(texto, {normalizar(o.nombre): o.nombre for o in self})


class Catalogo(models.Model):
    nombre = models.CharField(_("nombre"), max_length=120, unique=True)
    nombre_en = models.CharField(_("nombre en inglés"), max_length=120, blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    objects = CatalogoQuerySet.as_manager()
    historial = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["orden", "nombre"]

    def __str__(self):
        return self.nombre


class Tema(Catalogo):
    class Meta(Catalogo.Meta):
        verbose_name = _("tema")
        verbose_name_plural = _("temas")


class Audiencia(Catalogo):
    """A quién se dirige una acción: niñas y niños, personal de los Sistemas Estatales DIF…"""

    class Meta(Catalogo.Meta):
        verbose_name = _("audiencia")
        verbose_name_plural = _("audiencias")


class Estrategia(ConRevision):
    """Una estrategia o iniciativa nacional en la que participa el programa."""

    nombre = models.CharField(_("nombre"), max_length=250, unique=True)
    nombre_en = models.CharField(_("nombre en inglés"), max_length=250, blank=True)
    programa = models.ForeignKey(
        Programa,
        verbose_name=_("programa"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="estrategias",
    )
    descripcion = models.TextField(_("descripción"), blank=True)
    participacion = models.TextField(
        _("participación"),
        blank=True,
        help_text=_(
            "Cómo participan las instituciones. En minúscula («apoyando en la prevención y "
            "atención del ciberbullying») el informe la escribe tras una coma; con mayúscula, "
            "como oración aparte."
        ),
    )
    participacion_en = models.TextField(_("participación en inglés"), blank=True)
    instituciones = models.ManyToManyField(
        Institucion,
        verbose_name=_("instituciones participantes"),
        blank=True,
        related_name="estrategias",
    )
    temas = models.ManyToManyField(Tema, verbose_name=_("temas"), blank=True)
    recomendaciones = models.ManyToManyField(
        "programa.Recomendacion",
        verbose_name=_("recomendaciones que atiende"),
        blank=True,
        related_name="estrategias",
    )
    fecha_inicio = models.DateField(_("inicio"), null=True, blank=True)
    fecha_fin = models.DateField(_("fin"), null=True, blank=True)
    historial = HistoricalRecords(m2m_fields=[instituciones, temas, recomendaciones])
    registro_este = _("esta estrategia")

    class Meta:
        verbose_name = _("estrategia nacional")
        verbose_name_plural = _("estrategias nacionales")
        ordering = ["nombre"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fecha_fin__isnull=True)
                | Q(fecha_inicio__isnull=True)
                | Q(fecha_fin__gte=F("fecha_inicio")),
                name="estrategia_fechas_en_orden",
                violation_error_message=_("El fin no puede ser anterior al inicio."),
            ),
        ]

    def __str__(self):
        return self.nombre


class Mecanismo(models.TextChoices):
    """Quién emite una recomendación a México."""

    COMITE_DERECHOS_NINO = "comite_derechos_nino", _("Comité de los Derechos del Niño")
    PROTOCOLO_VENTA = "protocolo_venta", _("Protocolo facultativo sobre la venta de niños")
    EPU = "epu", _("Examen Periódico Universal")
    RELATORIA_ESPECIAL = "relatoria_especial", _("Relatoría Especial")
    OACNUDH = "oacnudh", _("OACNUDH")
    CEDAW = "cedaw", _("CEDAW")
    OTRO = "otro", _("Otro")


class EstadoSeguimiento(models.TextChoices):
    CUMPLIDA = "cumplida", _("Cumplida")
    EN_PROCESO = "en_proceso", _("En proceso")
    SIN_AVANCES = "sin_avances", _("Sin avances")


class DocumentoOnu(models.Model):
    """Un documento de Naciones Unidas con recomendaciones: observaciones finales, informe de
    una visita, resultado de un examen."""

    simbolo = models.CharField(
        _("símbolo"),
        max_length=60,
        unique=True,
        help_text=_("Como lo escribe Naciones Unidas, p. ej. «CRC/C/MEX/CO/4-5»."),
    )
    mecanismo = models.CharField(_("mecanismo"), max_length=30, choices=Mecanismo.choices)
    titulo = models.CharField(_("título"), max_length=400, blank=True)
    titulo_en = models.CharField(_("título en inglés"), max_length=400, blank=True)
    fecha = models.DateField(_("fecha"), null=True, blank=True)
    nota = models.TextField(_("nota"), blank=True)
    historial = HistoricalRecords()

    class Meta:
        verbose_name = _("documento de la ONU")
        verbose_name_plural = _("documentos de la ONU")
        ordering = ["simbolo"]

    def __str__(self):
        return self.simbolo


class MetaOds(models.Model):
    """Una meta de los Objetivos de Desarrollo Sostenible («16.2», «5.2», «8.7»)."""

    clave = models.CharField(_("clave"), max_length=10, unique=True)
    descripcion = models.TextField(_("descripción"), blank=True)

    class Meta:
        verbose_name = _("meta ODS")
        verbose_name_plural = _("metas ODS")
        ordering = ["clave"]

    def __str__(self):
        return self.clave


# «CRC/C/MEX/CO/4-5 párr. 42»; también se acepta lo que la gente escribe a mano: «parr. 42»,
# «párrafo 42», «para. 42» (en inglés), con o sin coma antes.
_REFERENCIA = re.compile(
    r"^\s*(?P<simbolo>\S.*?)\s*,?\s+(?:para(?:graph)?|p[aá]rr?(?:afo)?|§)\.?\s*"
    r"(?P<parrafo>\d.*?)\s*$",
    re.IGNORECASE,
)


def clave_referencia(simbolo: str, parrafo: str) -> tuple[str, str]:
    """Cómo se comparan dos referencias: sin espacios, el símbolo en mayúsculas y el párrafo
    en minúsculas («42 B)» = «42b)»)."""
    return re.sub(r"\s+", "", simbolo).upper(), re.sub(r"\s+", "", parrafo).lower()


class RecomendacionQuerySet(models.QuerySet):
    def indice(self) -> dict[tuple[str, str], "Recomendacion"]:
        """(símbolo, párrafo) comparables -> recomendación, para leer muchas referencias."""
        return {
            clave_referencia(r.documento.simbolo, r.parrafo): r
            for r in self.select_related("documento")
        }

    def por_referencia(self, texto: str) -> "Recomendacion | None":
        """La recomendación que nombra «CRC/C/MEX/CO/4-5 párr. 42», o None si no existe o el
        texto no es una referencia."""
        try:
            simbolo, parrafo = Recomendacion.partir_referencia(texto)
        except ValueError:
            return None
        clave = clave_referencia(simbolo, parrafo)
        candidatas = self.select_related("documento").filter(
            documento__simbolo__iexact=simbolo.strip()
        )
        return next((r for r in candidatas if r.clave() == clave), None)

    def sugerir(self, texto: str, indice=None) -> str | None:
        """La referencia existente más parecida a ``texto`` (difflib), escrita en su forma."""
        indice = self.indice() if indice is None else indice
        opciones = {normalizar(r.referencia): r.referencia for r in indice.values()}
        parecidas = difflib.get_close_matches(normalizar(texto), list(opciones), n=1, cutoff=0.6)
        return opciones[parecidas[0]] if parecidas else None


class Recomendacion(ConRevision):
    """Un párrafo de un documento de la ONU que recomienda algo a México.

    Se identifica por documento y párrafo; su referencia escrita es «CRC/C/MEX/CO/4-5 párr. 42».
    """

    documento = models.ForeignKey(
        DocumentoOnu,
        verbose_name=_("documento"),
        on_delete=models.PROTECT,
        related_name="recomendaciones",
    )
    parrafo = models.CharField(
        _("párrafo"), max_length=20, help_text=_("Como en el documento: «42» o «42 b)».")
    )
    fecha = models.DateField(
        _("fecha"), null=True, blank=True, help_text=_("Si se deja vacía, vale la del documento.")
    )
    texto = models.TextField(_("texto"), blank=True)
    texto_en = models.TextField(_("texto en inglés"), blank=True)
    temas = models.ManyToManyField(
        Tema, verbose_name=_("temas"), blank=True, related_name="recomendaciones"
    )
    ods = models.ManyToManyField(
        MetaOds, verbose_name=_("metas ODS"), blank=True, related_name="recomendaciones"
    )

    objects = RecomendacionQuerySet.as_manager()
    historial = HistoricalRecords(m2m_fields=[temas, ods])
    registro_este = _("esta recomendación")

    SEPARADOR = " párr. "

    class Meta:
        verbose_name = _("recomendación")
        verbose_name_plural = _("recomendaciones")
        ordering = ["documento__simbolo", "parrafo"]
        constraints = [
            models.UniqueConstraint(
                fields=["documento", "parrafo"],
                name="recomendacion_unica_por_parrafo",
                violation_error_message=_(
                    "Ese documento ya tiene una recomendación con ese párrafo."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(parrafo=""),
                name="recomendacion_con_parrafo",
                violation_error_message=_("Escriba el párrafo de la recomendación."),
            ),
        ]

    def __str__(self):
        return self.referencia

    @property
    def referencia(self) -> str:
        return f"{self.documento.simbolo}{self.SEPARADOR}{self.parrafo}"

    def clave(self) -> tuple[str, str]:
        return clave_referencia(self.documento.simbolo, self.parrafo)

    @property
    def fecha_efectiva(self):
        return self.fecha or self.documento.fecha

    @classmethod
    def partir_referencia(cls, texto: str) -> tuple[str, str]:
        """«CRC/C/MEX/CO/4-5 párr. 42» -> («CRC/C/MEX/CO/4-5», «42»); ValueError si no se lee."""
        coincide = _REFERENCIA.match(str(texto))
        if not coincide:
            raise ValueError(texto)
        return coincide["simbolo"], re.sub(r"\s+", " ", coincide["parrafo"])


class SeguimientoRecomendacion(models.Model):
    """Cómo va una recomendación en un año: lo que el sistema propone y lo que una persona
    confirma (vacío hasta que alguien confirma)."""

    recomendacion = models.ForeignKey(
        Recomendacion,
        verbose_name=_("recomendación"),
        on_delete=models.CASCADE,
        related_name="seguimientos",
    )
    anio = models.PositiveSmallIntegerField(_("año"))
    estado_propuesto = models.CharField(
        _("estado propuesto"), max_length=20, choices=EstadoSeguimiento.choices, blank=True
    )
    estado = models.CharField(
        _("estado confirmado"),
        max_length=20,
        choices=EstadoSeguimiento.choices,
        blank=True,
        help_text=_("Lo confirma una persona; «cumplida» solo puede ponerla una persona."),
    )
    confirmado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmado por"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmado_en = models.DateTimeField(_("confirmado el"), null=True, blank=True)
    nota = models.TextField(_("nota"), blank=True)
    historial = HistoricalRecords()

    class Meta:
        verbose_name = _("seguimiento anual")
        verbose_name_plural = _("seguimiento anual")
        ordering = ["-anio"]
        constraints = [
            models.UniqueConstraint(
                fields=["recomendacion", "anio"],
                name="seguimiento_uno_por_anio",
                violation_error_message=_("Esa recomendación ya tiene seguimiento de ese año."),
            ),
            models.CheckConstraint(
                condition=Q(anio__gte=2000) & Q(anio__lte=2100),
                name="seguimiento_anio_plausible",
                violation_error_message=_("El año debe estar entre 2000 y 2100."),
            ),
            # Un estado confirmado siempre dice cuándo se confirmó, y al revés.
            models.CheckConstraint(
                condition=(Q(estado="") & Q(confirmado_en__isnull=True))
                | (~Q(estado="") & Q(confirmado_en__isnull=False)),
                name="seguimiento_confirmado_con_fecha",
                violation_error_message=_(
                    "Un estado confirmado necesita la fecha de confirmación."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.recomendacion} · {self.anio}"


class PerfilUsuario(models.Model):
    """Las entidades asignadas a una persona con el rol de enlace estatal."""

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuario"),
        on_delete=models.CASCADE,
        related_name="perfil",
    )
    entidades = models.ManyToManyField(
        EntidadFederativa,
        verbose_name=_("entidades asignadas"),
        blank=True,
        related_name="+",
        help_text=_("Solo cuentan para el rol «Enlace estatal»: ve y captura solo estas."),
    )
    historial = HistoricalRecords(m2m_fields=[entidades])

    class Meta:
        verbose_name = _("entidades asignadas")
        verbose_name_plural = _("entidades asignadas")

    def __str__(self):
        return str(self.usuario)


class Evento(models.Model):
    """Bitácora de lo que no es un cambio de registro: accesos, exportaciones, finalizaciones."""

    class Tipo(models.TextChoices):
        ACCESO = "acceso", _("Inicio de sesión")
        ACCESO_FALLIDO = "acceso_fallido", _("Inicio de sesión fallido")
        SALIDA = "salida", _("Cierre de sesión")
        EXPORTACION = "exportacion", _("Exportación")
        IMPORTACION = "importacion", _("Importación")
        FINALIZACION = "finalizacion", _("Informe finalizado")
        RESPALDO = "respaldo", _("Respaldo")

    fecha = models.DateTimeField(_("fecha"), auto_now_add=True, db_index=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuario"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    nombre_usuario = models.CharField(_("nombre de usuario escrito"), max_length=150, blank=True)
    direccion_ip = models.GenericIPAddressField(_("dirección IP"), null=True, blank=True)
    descripcion = models.TextField(_("descripción"), blank=True)

    class Meta:
        verbose_name = _("evento de la bitácora")
        verbose_name_plural = _("bitácora de accesos y exportaciones")
        ordering = ["-fecha"]

    def __str__(self):
        return f"{self.fecha:%d/%m/%Y %H:%M} · {self.get_tipo_display()}"


class Tarea(models.Model):
    """Un trabajo largo que corre aparte (django-tasks) y su avance, para la página de avance.

    El trabajo lo hace el servicio de siempre; aquí solo se anota cuánto lleva, lo que
    devolvió y, si falló, un mensaje en español (el detalle técnico va a la bitácora del
    servidor, nunca a la persona).
    """

    class Tipo(models.TextChoices):
        VISTA_PREVIA = "vista_previa", _("Revisar una hoja de actividades")
        IMPORTACION = "importacion", _("Importar una hoja de actividades")
        EXPORTACION = "exportacion", _("Exportar actividades")
        INFORME = "informe", _("Preparar el informe de contribución")
        RESPALDO = "respaldo", _("Crear un respaldo")

    class Estado(models.TextChoices):
        EN_ESPERA = "en_espera", _("En espera")
        EN_CURSO = "en_curso", _("En curso")
        TERMINADA = "terminada", _("Terminada")
        FALLIDA = "fallida", _("Falló")
        CANCELADA = "cancelada", _("Cancelada")

    # Al azar: la dirección de la página de avance no deja adivinar las de otros.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuario"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    descripcion = models.CharField(_("descripción"), max_length=300, blank=True)
    estado = models.CharField(
        _("estado"), max_length=10, choices=Estado.choices, default=Estado.EN_ESPERA
    )
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    hechos = models.PositiveIntegerField(_("hechos"), default=0)
    creada = models.DateTimeField(_("creada"), auto_now_add=True, db_index=True)
    iniciada = models.DateTimeField(_("iniciada"), null=True, blank=True)
    terminada = models.DateTimeField(_("terminada"), null=True, blank=True)
    # Lo que la tarea necesita (datos) y lo que dejó (resultado): JSON pequeño; lo grande
    # (filas de una vista previa, un archivo) va a la carpeta privada de temporales.
    datos = models.JSONField(_("datos"), default=dict, blank=True)
    resultado = models.JSONField(_("resultado"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    # El archivo que dejó (una exportación, un respaldo), en el almacenamiento de archivos.
    archivo = models.CharField(_("archivo"), max_length=300, blank=True)
    # Lo escribe un hilo del trabajador mientras la tarea corre: si deja de llegar, el
    # trabajador murió y la tarea no va a terminar.
    latido = models.DateTimeField(_("último latido"), null=True, blank=True)

    class Meta:
        verbose_name = _("tarea en segundo plano")
        verbose_name_plural = _("tareas en segundo plano")
        ordering = ["-creada"]

    def __str__(self):
        return f"{self.get_tipo_display()} · {self.descripcion}"

    @property
    def acabada(self) -> bool:
        return self.estado in (self.Estado.TERMINADA, self.Estado.FALLIDA, self.Estado.CANCELADA)
