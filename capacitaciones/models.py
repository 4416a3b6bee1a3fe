"""Las actividades del programa (pláticas, cursos, foros…), quién participa y lo que producen."""

import datetime as dt
import re
import secrets

from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Exists, F, Func, Max, Min, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from convenios.models import Convenio
from programa.alcance import entidades_asignadas
from programa.archivos import validar_evidencia
from programa.fechas import Precision, ajustar, condicion_coherente
from programa.historial import RegistroConBorrado, borrado_en_grupo
from programa.limites import (
    FECHA_PISO,
    FECHA_TECHO,
    condicion_fecha,
    condicion_participantes,
    error_fecha,
    validar_fecha,
    validar_participantes,
)
from programa.models import Audiencia, EntidadFederativa, Estrategia, Institucion, Programa, Tema
from programa.revision import ConRevision


def nuevo_folio() -> str:
    """Un folio que nadie tiene que inventar: 'ACT-' y ocho caracteres al azar."""
    return "ACT-" + secrets.token_hex(4).upper()


def _en_entidades(relacion, claves):
    """Exists() sobre una tabla intermedia de entidades: sin JOIN ni DISTINCT en la lista."""
    campo = relacion.field.m2m_field_name()  # la columna que apunta a la actividad o producto
    return Exists(
        relacion.through.objects.filter(**{campo: OuterRef("pk"), "entidadfederativa__in": claves})
    )


def _traslape_postgresql(desde, hasta):
    """daterange(inicio, fin, '[]') && daterange(desde, hasta, '[]'): lo mismo que
    ``inicio <= hasta AND fin >= desde`` (el CHECK garantiza inicio <= fin), en la forma que
    sirve el índice GiST ``actividad_lapso_gist`` (migración 0004) sin recorrer la tabla."""
    from django.contrib.postgres.fields import DateRangeField, RangeBoundary
    from django.contrib.postgres.lookups import Overlap
    from django.db.backends.postgresql.psycopg_any import DateRange

    lapso = Func(
        F("fecha_inicio"),
        F("fecha_fin"),
        RangeBoundary(inclusive_lower=True, inclusive_upper=True),
        function="daterange",
        output_field=DateRangeField(),
    )
    return Overlap(lapso, Value(DateRange(desde, hasta, "[]"), output_field=DateRangeField()))


class ActividadQuerySet(models.QuerySet):
    def delete(self):
        # Cada actividad y sus renglones, con un mismo identificador de borrado (ver historial).
        with borrado_en_grupo():
            return super().delete()

    def visibles_para(self, usuario):
        """Todas para el alcance nacional; para un enlace, las que ocurren en sus entidades."""
        claves = entidades_asignadas(usuario)
        return self if claves is None else self.en_entidades(claves)

    def en_entidades(self, claves):
        """Las que ocurren en alguna de esas entidades, cada una una sola vez."""
        return self.filter(_en_entidades(Actividad.entidades, claves))

    def en_periodo(self, desde, hasta):
        """Actividades cuyo periodo se traslapa con [desde, hasta].

        Una actividad "en el último semestre de 2015" está en 2015 y en su segundo semestre,
        no en el primero.
        """
        if connections[self.db].vendor == "postgresql":
            # Las dos comparaciones sobran para el resultado, pero dan al planificador los
            # índices btree de cada fecha: una lista en orden de fecha (el admin) empieza a leer
            # actividad_fecha_desc en «hasta», y las próximas actividades del tablero salen de
            # actividad_fecha_fin (las que terminan después de hoy son pocas).
            return self.filter(
                _traslape_postgresql(desde, hasta), fecha_inicio__lte=hasta, fecha_fin__gte=desde
            )
        return self.filter(fecha_inicio__lte=hasta, fecha_fin__gte=desde)

    def anios_con_datos(self) -> list[int]:
        """Los años que toca alguna actividad (como en_periodo), del más reciente al más antiguo.

        Sin DISTINCT sobre la tabla: MIN(fecha_inicio) y MAX(fecha_fin) salen de sus índices, y
        una sola consulta más pregunta EXISTS por cada año entre ellos (acotados al rango de la
        base); cada EXISTS se detiene en la primera actividad que encuentra por índice.
        """
        return self.anios_con_datos_entre(self.rango_de_anios())

    def rango_de_anios(self) -> range:
        """Del año más reciente al más antiguo que toca alguna actividad (vacío si no hay).

        Una consulta que responden los índices de las fechas: barata para saber, antes de
        preguntar año por año, qué versiones de datos (programa/versiones.py) importan.
        """
        rango = self.aggregate(desde=Min("fecha_inicio"), hasta=Max("fecha_fin"))
        if rango["desde"] is None:
            return range(0)
        return range(
            min(max(rango["hasta"].year, FECHA_PISO.year), FECHA_TECHO.year),
            max(rango["desde"].year, FECHA_PISO.year) - 1,
            -1,
        )

    def anios_con_datos_entre(self, anios: range) -> list[int]:
        """De ``anios`` (de ``rango_de_anios``), los que toca alguna actividad."""
        if not anios:
            return []
        partes, parametros = [], []
        for anio in anios:
            consulta = self.order_by().en_periodo(dt.date(anio, 1, 1), dt.date(anio, 12, 31))
            sql, params = consulta.values("pk").query.get_compiler(self.db).as_sql()
            partes.append(f"EXISTS({sql})")
            parametros.extend(params)
        with connections[self.db].cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(partes), parametros)
            hay = cursor.fetchone()
        return [anio for anio, si in zip(anios, hay, strict=True) if si]

    def realizadas(self):
        return self.filter(estado=Actividad.Estado.REALIZADA)

    def programadas(self):
        return self.filter(estado=Actividad.Estado.PROGRAMADA)

    def con_relaciones(self):
        """Lo que una lista o un informe muestra de cada actividad, sin consultas por fila."""
        return self.select_related("programa", "convenio", "estrategia").prefetch_related(
            "entidades",
            "entidades_participantes",
            "temas",
            models.Prefetch(
                "participaciones", queryset=Participacion.objects.select_related("audiencia")
            ),
            models.Prefetch(
                "actividadinstitucion_set",
                queryset=ActividadInstitucion.objects.select_related("institucion"),
            ),
        )


_INFINITIVO = re.compile(r"[a-zñáéíóúü]+(?:ar|er|ir|ír)(?:se|l[aeo]s?|nos)?(?:\s|,|$)")


def validar_proposito(valor: str):
    if valor and not _INFINITIVO.match(valor.strip()):
        raise ValidationError(
            _(
                "El propósito se lee tras «para»: empiece con un verbo en infinitivo y en "
                "minúscula, p. ej. «brindar…» o «fortalecer…» (se recibió «%(inicio)s…»)."
            ),
            params={"inicio": valor.strip()[:30]},
            code="proposito",
        )


def validar_proposito_en(valor: str):
    if valor and not re.match(r"to [a-z]", valor.strip()):
        raise ValidationError(
            _(
                "El propósito en inglés empieza con «to » y un verbo en minúscula, p. ej. "
                "«to strengthen…» (se recibió «%(inicio)s…»)."
            ),
            params={"inicio": valor.strip()[:30]},
            code="proposito_en",
        )


class Actividad(ConRevision):
    class Tipo(models.TextChoices):
        PLATICA = "platica", _("Plática")
        CURSO = "curso", _("Curso")
        TALLER = "taller", _("Taller")
        FORO = "foro", _("Foro")
        CAPACITACION = "capacitacion", _("Capacitación")
        CONFERENCIA = "conferencia", _("Conferencia")
        CAMPANA = "campana", _("Campaña")
        JORNADA = "jornada", _("Jornada")
        OTRO = "otro", _("Otro")

    class Estado(models.TextChoices):
        PROGRAMADA = "programada", _("Programada")
        REALIZADA = "realizada", _("Realizada")
        CANCELADA = "cancelada", _("Cancelada")
        REPROGRAMADA = "reprogramada", _("Reprogramada")

    class Modalidad(models.TextChoices):
        PRESENCIAL = "presencial", _("Presencial")
        EN_LINEA = "en_linea", _("En línea")
        MIXTA = "mixta", _("Mixta")

    ESTADOS_CON_MOTIVO = (Estado.CANCELADA, Estado.REPROGRAMADA)

    folio = models.CharField(
        _("folio"),
        max_length=40,
        unique=True,
        default=nuevo_folio,
        help_text=_("Se asigna solo; al importar una hoja, el mismo folio actualiza la actividad."),
    )
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    titulo = models.CharField(_("título"), max_length=300)
    titulo_en = models.CharField(_("título en inglés"), max_length=300, blank=True)
    descripcion = models.TextField(_("objetivo o descripción"), blank=True)
    descripcion_en = models.TextField(_("objetivo en inglés"), blank=True)
    publico = models.CharField(
        _("público, como se nombra en el informe"),
        max_length=300,
        blank=True,
        help_text=_(
            "Por ejemplo, «niñas y niños que asisten al Centro de Desarrollo Infantil del DIF "
            "Nacional». Si se deja vacío, el informe nombra las audiencias."
        ),
    )
    publico_en = models.CharField(_("público en inglés"), max_length=300, blank=True)
    # El informe escribe «…, para <propósito>» y «…, to <purpose>»: por eso la gramática
    # se exige al capturar y no se adivina al redactar.
    proposito = models.CharField(
        _("propósito, como se dice en el informe"),
        max_length=300,
        blank=True,
        validators=[validar_proposito],
        help_text=_(
            "Se escribe tras «para»: empiece con un verbo en infinitivo y en minúscula, p. ej. "
            "«brindar herramientas al personal…», «fortalecer los factores de protección…»."
        ),
    )
    proposito_en = models.CharField(
        _("propósito en inglés"),
        max_length=300,
        blank=True,
        validators=[validar_proposito_en],
        help_text=_("Empieza con «to » y un verbo, p. ej. «to strengthen protective factors»."),
    )
    programa = models.ForeignKey(
        Programa, verbose_name=_("programa"), on_delete=models.PROTECT, related_name="actividades"
    )
    convenio = models.ForeignKey(
        Convenio,
        verbose_name=_("convenio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actividades",
    )
    estrategia = models.ForeignKey(
        Estrategia,
        verbose_name=_("estrategia nacional"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actividades",
    )
    temas = models.ManyToManyField(Tema, verbose_name=_("temas"), blank=True)
    recomendaciones = models.ManyToManyField(
        "programa.Recomendacion",
        verbose_name=_("recomendaciones que atiende"),
        blank=True,
        related_name="actividades",
    )
    estado = models.CharField(
        _("estado"), max_length=20, choices=Estado.choices, default=Estado.PROGRAMADA
    )
    motivo = models.TextField(
        _("motivo"),
        blank=True,
        help_text=_(
            "Obligatorio si se cancela o se reprograma. El informe lo cita como una oración "
            "completa, p. ej. «La sede no estuvo disponible.»"
        ),
    )
    motivo_en = models.TextField(_("motivo en inglés"), blank=True)
    fecha_inicio = models.DateField(_("fecha de inicio"), validators=[validar_fecha])
    fecha_fin = models.DateField(
        _("fecha de término"),
        blank=True,
        validators=[validar_fecha],
        help_text=_("Vacía si dura un solo día o un solo periodo de la precisión elegida."),
    )
    precision = models.CharField(
        _("precisión de la fecha"),
        max_length=10,
        choices=Precision.choices,
        default=Precision.DIA,
        help_text=_("Si solo se sabe el mes, el trimestre, el semestre o el año."),
    )
    modalidad = models.CharField(
        _("modalidad"), max_length=20, choices=Modalidad.choices, default=Modalidad.PRESENCIAL
    )
    sede = models.CharField(_("sede"), max_length=300, blank=True)
    entidades = models.ManyToManyField(
        EntidadFederativa,
        verbose_name=_("entidades donde se realiza"),
        blank=True,
        related_name="actividades",
    )
    entidades_participantes = models.ManyToManyField(
        EntidadFederativa,
        verbose_name=_("entidades cuyo personal participa"),
        blank=True,
        related_name="actividades_como_participante",
        help_text=_("Por ejemplo, los Sistemas Estatales DIF que enviaron representantes."),
    )
    instituciones = models.ManyToManyField(
        Institucion,
        through="ActividadInstitucion",
        verbose_name=_("instituciones"),
        related_name="actividades",
    )
    # Desglose de toda la actividad, para cuando hay varias audiencias y la lista de asistencia
    # solo dice cuántas mujeres y hombres hubo en total. Si alguna audiencia trae su propio
    # desglose, se usa ese y este debe quedar vacío (ver desglose_actividad_errores).
    mujeres = models.PositiveIntegerField(
        _("mujeres (toda la actividad)"),
        null=True,
        blank=True,
        help_text=_(
            "Solo si el desglose por sexo no está por audiencia: cuántas mujeres hubo entre "
            "todas las audiencias. Mujeres más hombres no puede pasar del total de personas."
        ),
    )
    hombres = models.PositiveIntegerField(
        _("hombres (toda la actividad)"),
        null=True,
        blank=True,
        help_text=_("Igual que mujeres: cuántos hombres hubo entre todas las audiencias."),
    )

    objects = ActividadQuerySet.as_manager()
    historial = HistoricalRecords(
        m2m_fields=[temas, entidades, entidades_participantes, recomendaciones],
        bases=[RegistroConBorrado],
    )
    registro_este = _("esta actividad")

    class Meta:
        verbose_name = _("actividad")
        verbose_name_plural = _("actividades")
        ordering = ["-fecha_inicio", "-id"]
        # Los índices solo de PostgreSQL (GiST del lapso, GIN de trigramas para la búsqueda)
        # están en la migración 0004, que no los crea en SQLite.
        indexes = [
            # La lista del admin en su orden (-fecha_inicio, -id) sin ordenar la tabla entera;
            # también anio_predeterminado() y el MIN(fecha_inicio) del filtro de año.
            models.Index(fields=["-fecha_inicio", "-id"], name="actividad_fecha_desc"),
            # El MAX(fecha_fin) del filtro de año del admin y las próximas actividades del
            # tablero (fecha_fin >= hoy). Con fecha_inicio e id dentro, las actividades de un
            # año salen del índice sin leer la tabla: el conteo de la lista del admin filtrada
            # por entidad y año las cruza con las de la entidad (actividad_entidades_por_entidad)
            # sin tocar ninguna fila. En SQLite, sin INCLUDE.
            models.Index(
                fields=["fecha_fin", "fecha_inicio"], include=["id"], name="actividad_fin_inicio"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(fecha_fin__gte=F("fecha_inicio")),
                name="actividad_fechas_en_orden",
                violation_error_message=_(
                    "La fecha de término no puede ser anterior a la de inicio."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(estado__in=("cancelada", "reprogramada")) | ~Q(motivo=""),
                name="actividad_motivo_si_cancelada",
                violation_error_message=_(
                    "Escriba el motivo: es obligatorio cuando la actividad se cancela o se "
                    "reprograma."
                ),
            ),
            models.CheckConstraint(
                condition=condicion_coherente("fecha_inicio", "fecha_fin", "precision"),
                name="actividad_fechas_segun_precision",
                violation_error_message=_(
                    "Las fechas no coinciden con su precisión: con precisión de mes, trimestre, "
                    "semestre o año deben ir del primer al último día del periodo."
                ),
            ),
            # Lo que la base puede sostener en una fila. Que no pase del total de personas (otra
            # tabla) lo revisan el formulario de participación y la importación.
            models.CheckConstraint(
                condition=(Q(mujeres__isnull=True) | Q(mujeres__gte=0))
                & (Q(hombres__isnull=True) | Q(hombres__gte=0)),
                name="actividad_desglose_no_negativo",
                violation_error_message=_("Mujeres y hombres no pueden ser negativos."),
            ),
            # Rango fijo de la base (programa/limites.py); el formulario aplica el que se mueve.
            models.CheckConstraint(
                condition=condicion_fecha("fecha_inicio", "fecha_fin"),
                name="actividad_fechas_plausibles",
                violation_error_message=_(
                    "Las fechas deben estar entre el 01/01/2000 y el 31/12/2100."
                ),
            ),
        ]

    def __str__(self):
        # Tipo(...).label y no get_tipo_display(), que arma y hashea el catálogo traducido en
        # cada llamada: el admin pide str() de cada fila (la casilla de acciones) y en una lista
        # de 100 eso era una quinta parte de la página.
        try:
            tipo = self.Tipo(self.tipo).label
        except ValueError:  # fuera del catálogo: tal cual, como get_tipo_display()
            tipo = self.tipo
        return f"{tipo} «{self.titulo}» ({self.folio})"

    def clean(self):
        super().clean()
        if self.fecha_inicio:
            escritas = (self.fecha_inicio, self.fecha_fin)
            # Con precisión de mes o mayor, cualquier fecha dentro del periodo lo identifica.
            self.fecha_inicio, self.fecha_fin = ajustar(
                self.fecha_inicio, self.fecha_fin, self.precision
            )
            if self.fecha_fin < self.fecha_inicio:
                raise ValidationError(
                    {"fecha_fin": _("La fecha de término no puede ser anterior a la de inicio.")}
                )
            # Los validadores ya dijeron si lo escrito está fuera; si no, el periodo completo
            # (p. ej. el año entero de una fecha anual) también debe caber.
            if not any(f and error_fecha(f) for f in escritas):
                fuera = {
                    campo: mensaje
                    for campo, fecha in (
                        ("fecha_inicio", self.fecha_inicio),
                        ("fecha_fin", self.fecha_fin),
                    )
                    if (mensaje := error_fecha(fecha))
                }
                if fuera:
                    raise ValidationError(fuera)
            # La misma regla que la acción «Marcar como realizadas»: lo que no ha pasado no se
            # informa como hecho (hoy en la hora de México, la de settings.TIME_ZONE).
            if self.estado == self.Estado.REALIZADA and self.fecha_inicio > timezone.localdate():
                raise ValidationError(
                    {
                        "fecha_inicio": _(
                            "Una actividad realizada no puede empezar después de hoy "
                            "(%(hoy)s): corrija la fecha o márquela como programada."
                        )
                        % {"hoy": timezone.localdate().strftime("%d/%m/%Y")}
                    }
                )
        if self.estado in self.ESTADOS_CON_MOTIVO and not self.motivo.strip():
            raise ValidationError(
                {
                    "motivo": _("Escriba el motivo: la actividad está %(estado)s.")
                    % {"estado": self.get_estado_display().lower()}
                }
            )

    @property
    def total_participantes(self) -> int:
        """Suma de las audiencias (usa la precarga de con_relaciones() si la hay)."""
        return sum(p.total or 0 for p in self.participaciones.all())

    def claves_entidades(self) -> set[str]:
        return {e.clave for e in self.entidades.all()}

    def delete(self, *args, **kwargs):
        with borrado_en_grupo():  # ella y sus renglones, restaurables juntos
            return super().delete(*args, **kwargs)

    def instituciones_con_rol(self, rol: str) -> list[Institucion]:
        return [ai.institucion for ai in self.actividadinstitucion_set.all() if ai.rol == rol]


def desglose_actividad_errores(mujeres, hombres, participaciones) -> list[str]:
    """Por qué no vale el desglose de toda la actividad con esa participación, o [] si vale.

    ``participaciones``: (total, mujeres, hombres) de cada audiencia. Reglas: no a la vez que
    un desglose por audiencia (se contaría dos veces) y no más que las personas registradas.
    """
    if mujeres is None and hombres is None:
        return []
    if any(m is not None or h is not None for _t, m, h in participaciones):
        return [
            _(
                "Hay desglose por audiencia: deje vacíos mujeres y hombres de toda la actividad, "
                "o borre el de las audiencias (no se cuentan dos veces)."
            )
        ]
    totales = [t for t, _m, _h in participaciones if t is not None]
    if not totales:
        return [
            _("Escriba cuántas personas asistieron (por audiencia) antes de desglosar por sexo.")
        ]
    if (mujeres or 0) + (hombres or 0) > sum(totales):
        return [
            _("Mujeres (%(m)s) más hombres (%(h)s) suman más que las personas registradas (%(t)s).")
            % {"m": mujeres or 0, "h": hombres or 0, "t": sum(totales)}
        ]
    return []


class ActividadInstitucion(models.Model):
    class Rol(models.TextChoices):
        ORGANIZA = "organiza", _("Organiza")
        IMPARTE = "imparte", _("Imparte")
        PARTICIPA = "participa", _("Participa")

    actividad = models.ForeignKey(Actividad, on_delete=models.CASCADE, verbose_name=_("actividad"))
    institucion = models.ForeignKey(
        Institucion, on_delete=models.PROTECT, verbose_name=_("institución")
    )
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices)
    historial = HistoricalRecords(bases=[RegistroConBorrado])

    class Meta:
        verbose_name = _("institución de la actividad")
        verbose_name_plural = _("instituciones de la actividad")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["actividad", "institucion", "rol"],
                name="actividad_institucion_rol_unico",
                violation_error_message=_("Esta institución ya tiene ese rol en la actividad."),
            ),
        ]

    def __str__(self):
        return f"{self.institucion.nombre_corto} ({self.get_rol_display()})"


class Participacion(models.Model):
    """Cuántas personas de una audiencia asistieron (o se esperan, si está programada)."""

    actividad = models.ForeignKey(
        Actividad,
        on_delete=models.CASCADE,
        related_name="participaciones",
        verbose_name=_("actividad"),
    )
    audiencia = models.ForeignKey(
        Audiencia, on_delete=models.PROTECT, related_name="+", verbose_name=_("audiencia")
    )
    total = models.PositiveIntegerField(
        _("personas"),
        null=True,
        blank=True,
        validators=[validar_participantes],
        help_text=_("Vacío si no se registró el número."),
    )
    mujeres = models.PositiveIntegerField(
        _("mujeres"), null=True, blank=True, validators=[validar_participantes]
    )
    hombres = models.PositiveIntegerField(
        _("hombres"), null=True, blank=True, validators=[validar_participantes]
    )
    historial = HistoricalRecords(bases=[RegistroConBorrado])

    class Meta:
        verbose_name = _("participación")
        verbose_name_plural = _("participación por audiencia")
        ordering = ["audiencia__orden", "audiencia__nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["actividad", "audiencia"],
                name="participacion_audiencia_unica",
                violation_error_message=_("Esta audiencia ya está registrada en la actividad."),
            ),
            # PositiveIntegerField ya impide negativos en la base de datos.
            models.CheckConstraint(
                condition=Q(total__isnull=False) | Q(mujeres__isnull=True, hombres__isnull=True),
                name="participacion_desglose_con_total",
                violation_error_message=_("Escriba el total si desglosa mujeres y hombres."),
            ),
            models.CheckConstraint(
                condition=Q(total__gte=Coalesce(F("mujeres"), 0) + Coalesce(F("hombres"), 0)),
                name="participacion_desglose_no_excede_total",
                violation_error_message=_(
                    "Mujeres más hombres no puede ser mayor que el total de personas."
                ),
            ),
            # Tope fijo de la base (programa/limites.py); el formulario aplica el del ajuste.
            models.CheckConstraint(
                condition=condicion_participantes("total", "mujeres", "hombres"),
                name="participacion_cifras_plausibles",
                violation_error_message=_(
                    "Ninguna cifra de una audiencia puede pasar de 10,000,000 personas."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.audiencia}: {self.total if self.total is not None else 'sin dato'}"

    def clean(self):
        super().clean()
        desglose = (self.mujeres or 0) + (self.hombres or 0)
        if (self.mujeres is not None or self.hombres is not None) and self.total is None:
            raise ValidationError({"total": _("Escriba el total si desglosa mujeres y hombres.")})
        if self.total is not None and desglose > self.total:
            raise ValidationError(
                _("Mujeres (%(m)s) más hombres (%(h)s) suman más que el total (%(t)s).")
                % {"m": self.mujeres or 0, "h": self.hombres or 0, "t": self.total}
            )


class Evidencia(models.Model):
    class Tipo(models.TextChoices):
        LISTA_ASISTENCIA = "lista_asistencia", _("Lista de asistencia")
        FOTOGRAFIA = "fotografia", _("Fotografía")
        INFORME = "informe", _("Informe")
        OTRO = "otro", _("Otro")

    actividad = models.ForeignKey(
        Actividad, on_delete=models.CASCADE, related_name="evidencias", verbose_name=_("actividad")
    )
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    archivo = models.FileField(
        _("archivo"), upload_to="evidencias/%Y/%m/", validators=[validar_evidencia]
    )
    descripcion = models.CharField(_("descripción"), max_length=300, blank=True)
    subida = models.DateTimeField(_("subida"), auto_now_add=True)
    historial = HistoricalRecords(bases=[RegistroConBorrado])

    class Meta:
        verbose_name = _("evidencia")
        verbose_name_plural = _("evidencias")
        ordering = ["subida"]

    def __str__(self):
        return f"{self.get_tipo_display()}: {self.archivo.name.rsplit('/', 1)[-1]}"


class ProductoQuerySet(models.QuerySet):
    def visibles_para(self, usuario):
        """Para un enlace, los productos que se difunden en sus entidades."""
        claves = entidades_asignadas(usuario)
        if claves is None:
            return self
        return self.filter(_en_entidades(Producto.entidades_difusion, claves))


class Producto(ConRevision):
    class Tipo(models.TextChoices):
        ODA = "oda", _("Objeto digital de aprendizaje")
        HERRAMIENTA_DIGITAL = "herramienta_digital", _("Herramienta digital")
        MATERIAL_IMPRESO = "material_impreso", _("Material impreso")
        AUDIOVISUAL = "audiovisual", _("Audiovisual")
        OTRO = "otro", _("Otro")

    tipo = models.CharField(_("tipo"), max_length=30, choices=Tipo.choices)
    nombre = models.CharField(_("nombre"), max_length=300)
    nombre_en = models.CharField(_("nombre en inglés"), max_length=300, blank=True)
    descripcion = models.TextField(
        _("descripción"),
        blank=True,
        help_text=_(
            "Si empieza con un verbo en presente y en minúscula («abordan la explotación…»), el "
            "informe la escribe tras «mismos que»; si no, como oración aparte."
        ),
    )
    descripcion_en = models.TextField(_("descripción en inglés"), blank=True)
    convenio = models.ForeignKey(
        Convenio,
        verbose_name=_("convenio del que resulta"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="productos",
    )
    actividad = models.ForeignKey(
        Actividad,
        verbose_name=_("actividad de la que resulta"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="productos",
    )
    temas = models.ManyToManyField(Tema, verbose_name=_("temas"), blank=True)
    licencia = models.TextField(_("términos de la licencia"), blank=True)
    entidades_difusion = models.ManyToManyField(
        EntidadFederativa,
        verbose_name=_("entidades donde se difunde"),
        blank=True,
        related_name="productos",
    )
    audiencias = models.ManyToManyField(
        Audiencia, verbose_name=_("a quién se difunde"), blank=True, related_name="+"
    )
    fecha = models.DateField(_("fecha"), null=True, blank=True, validators=[validar_fecha])
    recomendaciones = models.ManyToManyField(
        "programa.Recomendacion",
        verbose_name=_("recomendaciones que atiende"),
        blank=True,
        related_name="productos",
    )
    historial = HistoricalRecords(
        m2m_fields=[temas, entidades_difusion, audiencias, recomendaciones]
    )
    registro_este = _("este producto")

    objects = ProductoQuerySet.as_manager()

    class Meta:
        verbose_name = _("producto")
        verbose_name_plural = _("productos")
        ordering = ["nombre"]
        constraints = [
            models.CheckConstraint(
                condition=condicion_fecha("fecha", nula=True),
                name="producto_fecha_plausible",
                violation_error_message=_(
                    "La fecha debe estar entre el 01/01/2000 y el 31/12/2100."
                ),
            ),
        ]

    def __str__(self):
        return self.nombre

    def claves_entidades(self) -> set[str]:
        return {e.clave for e in self.entidades_difusion.all()}
