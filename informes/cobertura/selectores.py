"""Cobertura por entidad federativa: qué hubo en cada una de las 32 entidades en un periodo.

El único lugar donde se cuentan actividades y participantes para la página de cobertura, sus
exportaciones, el tablero y la orden ``reporte_cobertura``. Solo consultas; nada de HTTP.

Reglas de conteo (también en el README y en la página):

- Una actividad pertenece al periodo si su lapso se traslapa con él
  (``ActividadQuerySet.en_periodo``): una actividad «en el último semestre de 2015» está en
  2015 y en su segundo semestre, no en el primero.
- Una actividad realizada en varias entidades cuenta una vez en cada una y una sola vez en el
  total nacional; sus participantes, igual: nunca se suman dos veces en el total nacional.
- Las actividades sin entidad registrada cuentan solo en el total nacional.
- Participantes = suma de ``Participacion.total`` de las actividades realizadas; un total sin
  registrar cuenta 0.
- Una entidad tiene cobertura si tuvo al menos una actividad realizada; las canceladas (y las
  programadas o reprogramadas) nunca cuentan como cobertura.
- La entidad de una actividad es donde se realiza (``entidades``), no la de quienes asisten
  (``entidades_participantes``).
- Mujeres y hombres (de las realizadas): el desglose de cada audiencia si alguna de la
  actividad lo trae; si ninguna, el de toda la actividad (``Actividad.mujeres``/``hombres``).
  Nunca los dos: una actividad con desglose por audiencia ignora el de toda la actividad.
  Sin desglose = participantes − mujeres − hombres.

Todo se agrega en la base de datos; el número de consultas no crece con las actividades.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from capacitaciones.models import Actividad, Participacion, Producto
from convenios.models import Convenio
from informes.cobertura.periodos import Periodo
from programa.fechas import fecha_corta, texto_corto
from programa.models import Audiencia, EntidadFederativa, Programa, Tema

Estado = Actividad.Estado
CLAVE_NACIONAL = "00"


@dataclass(frozen=True)
class Filtros:
    periodo: Periodo
    tipo: str = ""
    estado: str = ""
    tema: Tema | None = None
    convenio: Convenio | None = None
    programa: Programa | None = None
    # Varios temas o convenios (los del informe de contribución): basta con uno de ellos.
    temas: tuple[Tema, ...] = ()
    convenios: tuple[Convenio, ...] = ()
    # Alcance de quien consulta: None es nacional; un enlace estatal ve solo sus entidades.
    entidades: frozenset[str] | None = None

    def descripcion(self) -> list[str]:
        """Los filtros aplicados además del periodo, para decirlos en la página y los archivos."""
        partes = []
        if self.tipo:
            partes.append(f"tipo: {Actividad.Tipo(self.tipo).label}")
        if self.estado:
            partes.append(f"estado: {Estado(self.estado).label}")
        if self.tema:
            partes.append(f"tema: {self.tema.nombre}")
        if self.convenio:
            partes.append(f"convenio: {self.convenio.folio}")
        if self.programa:
            partes.append(f"programa: {self.programa.nombre}")
        if self.temas:
            partes.append("temas: " + ", ".join(sorted(t.nombre for t in self.temas)))
        if self.convenios:
            partes.append("convenios: " + ", ".join(sorted(c.folio for c in self.convenios)))
        if self.entidades is not None:
            # Por nombre: «(24)» se leía como una cuenta, no como la clave de San Luis Potosí.
            nombres = EntidadFederativa.objects.filter(clave__in=self.entidades).order_by("clave")
            partes.append(
                "solo sus entidades: " + ", ".join(nombres.values_list("nombre_corto", flat=True))
            )
        return partes


def actividades_filtradas(filtros: Filtros) -> QuerySet[Actividad]:
    """Las actividades del periodo que cumplen los filtros (sin orden: se usa en subconsultas)."""
    actividades = Actividad.objects.en_periodo(filtros.periodo.desde, filtros.periodo.hasta)
    if filtros.tipo:
        actividades = actividades.filter(tipo=filtros.tipo)
    if filtros.estado:
        actividades = actividades.filter(estado=filtros.estado)
    if filtros.convenio:
        actividades = actividades.filter(convenio=filtros.convenio)
    if filtros.programa:
        actividades = actividades.filter(programa=filtros.programa)
    if filtros.entidades is not None:
        actividades = actividades.en_entidades(filtros.entidades)
    if filtros.convenios:
        actividades = actividades.filter(convenio__in=filtros.convenios)
    temas = [t.pk for t in filtros.temas] + ([filtros.tema.pk] if filtros.tema else [])
    if temas:
        # EXISTS y no un JOIN: cada actividad sigue apareciendo una sola vez.
        actividades = actividades.filter(
            Exists(
                Actividad.temas.through.objects.filter(
                    actividad_id=OuterRef("pk"), tema_id__in=temas
                )
            )
        )
    return actividades.order_by()


@dataclass
class FilaCobertura:
    clave: str
    entidad: str
    # (estado, tipo) -> actividades; audiencia_id -> participantes de las realizadas.
    actividades: dict[tuple[str, str], int] = field(default_factory=dict)
    por_audiencia: dict[int, int] = field(default_factory=dict)
    # De las realizadas: el desglose escrito en cada audiencia (audiencia_id -> personas) y el
    # de toda la actividad, de las que no lo traen por audiencia.
    mujeres_por_audiencia: dict[int, int] = field(default_factory=dict)
    hombres_por_audiencia: dict[int, int] = field(default_factory=dict)
    mujeres_actividad: int = 0
    hombres_actividad: int = 0

    def _contar(self, estado: str) -> int:
        return sum(n for (e, _tipo), n in self.actividades.items() if e == estado)

    @property
    def realizadas(self) -> int:
        return self._contar(Estado.REALIZADA)

    @property
    def programadas(self) -> int:
        return self._contar(Estado.PROGRAMADA)

    @property
    def canceladas(self) -> int:
        return self._contar(Estado.CANCELADA)

    @property
    def reprogramadas(self) -> int:
        return self._contar(Estado.REPROGRAMADA)

    @property
    def participantes(self) -> int:
        return sum(self.por_audiencia.values())

    @property
    def mujeres(self) -> int:
        return sum(self.mujeres_por_audiencia.values()) + self.mujeres_actividad

    @property
    def hombres(self) -> int:
        return sum(self.hombres_por_audiencia.values()) + self.hombres_actividad

    @property
    def sin_desglose(self) -> int:
        return self.participantes - self.mujeres - self.hombres

    @property
    def sin_realizadas(self) -> bool:
        return self.realizadas == 0

    def realizadas_por_tipo(self, tipo: str) -> int:
        return self.actividades.get((Estado.REALIZADA, tipo), 0)

    def metrica(self, nombre: str) -> int:
        return getattr(self, nombre)

    def valor_exportado(self, nombre: str) -> int | str:
        if nombre == "con_cobertura":
            return "no" if self.sin_realizadas else "sí"
        return getattr(self, nombre)


# Las reglas de conteo como se dicen en la página, en los archivos y en el README.
REGLAS = (
    "Una actividad cuenta en el periodo si sus fechas se traslapan con él; una actividad con "
    "fecha conocida solo por mes, trimestre, semestre o año cuenta en cada periodo que toca "
    "(«el último semestre de 2015» está en 2015 y en su segundo semestre, no en el primero).",
    "Una actividad realizada en varias entidades cuenta una vez en cada una, pero una sola vez "
    "en el total nacional; sus participantes tampoco se suman dos veces en el total nacional.",
    "Las actividades sin entidad registrada cuentan solo en el total nacional.",
    "Participantes: personas registradas en las actividades realizadas; una audiencia sin "
    "número registrado cuenta 0.",
    "Las actividades canceladas, programadas o reprogramadas nunca cuentan como cobertura: una "
    "entidad tiene cobertura si tuvo al menos una actividad realizada.",
    "La entidad de una actividad es donde se realiza, no la de las personas que asisten.",
    "Mujeres y hombres: el desglose de cada audiencia cuando la actividad lo trae; si no, el de "
    "toda la actividad (nunca los dos). «Sin desglose» son los participantes de los que no se "
    "registró el sexo: participantes menos mujeres menos hombres.",
)

# Las columnas fijas de la tabla exportada, en el mismo orden que la página. Las seis primeras
# no cambian nunca (hay hojas de cálculo que las leen por posición); lo nuevo va al final.
COLUMNAS_FIJAS = (
    "clave",
    "entidad",
    "realizadas",
    "programadas",
    "canceladas",
    "participantes",
    "mujeres",
    "hombres",
    "sin_desglose",
    "reprogramadas",
    "con_cobertura",
)

METRICAS = {
    "realizadas": "Actividades realizadas",
    "programadas": "Actividades programadas",
    "participantes": "Participantes",
}


@dataclass
class Cobertura:
    filtros: Filtros
    audiencias: list[Audiencia]
    entidades: list[FilaCobertura]
    nacional: FilaCobertura
    sin_entidad: FilaCobertura
    tipos: list[tuple[str, str]] = field(default_factory=lambda: list(Actividad.Tipo.choices))

    @property
    def entidades_sin_realizadas(self) -> list[FilaCobertura]:
        return [f for f in self.entidades if f.sin_realizadas]

    @property
    def entidades_con_realizadas(self) -> int:
        return len(self.entidades) - len(self.entidades_sin_realizadas)

    def fila(self, clave: str) -> FilaCobertura | None:
        return next((f for f in self.entidades if f.clave == clave), None)

    def valores(self, metrica: str) -> dict[str, int]:
        """Clave INEGI -> valor de la métrica: lo que colorea el mapa."""
        return {f.clave: f.metrica(metrica) for f in self.entidades}

    def resumen(self) -> str:
        total = len(self.entidades)
        return (
            f"{len(self.entidades_sin_realizadas)} de {total} "
            f"{'entidad' if total == 1 else 'entidades'} sin actividades realizadas"
        )

    def notas(self, seleccion: list[str] = ()) -> list[str]:
        """Lo que un archivo exportado dice de sí mismo: periodo, filtros, resumen y reglas.

        ``seleccion``: qué filas trae el archivo y en qué orden, si no son todas en orden INEGI.
        """
        p = self.filtros.periodo
        notas = [
            f"Cobertura por entidad federativa, {p.nombre} "
            f"({fecha_corta(p.desde)} a {fecha_corta(p.hasta)}).",
            "Filtros: " + ("; ".join(self.filtros.descripcion()) or "ninguno") + ".",
            self.resumen() + ".",
            "Actividades sin entidad registrada (solo en el total nacional): "
            f"{self.sin_entidad.realizadas} realizadas, {self.sin_entidad.programadas} "
            f"programadas, {self.sin_entidad.canceladas} canceladas.",
            *seleccion,
        ]
        return notas + ["Regla: " + r for r in REGLAS]

    def desglose(self, entidades: list[FilaCobertura] | None = None) -> dict:
        """Para la tabla de la página: solo las audiencias y los tipos con datos en el periodo.

        Los archivos exportados traen todas las columnas, haya o no datos. ``entidades``: las
        filas por mostrar, ya ordenadas (todas en orden INEGI si no se dan).
        """
        entidades = self.entidades if entidades is None else entidades
        audiencias = [a for a in self.audiencias if self.nacional.por_audiencia.get(a.pk)]
        tipos = [(v, e) for v, e in self.tipos if self.nacional.realizadas_por_tipo(v)]

        def fila(f: FilaCobertura) -> dict:
            return {
                "fila": f,
                "audiencias": [f.por_audiencia.get(a.pk, 0) for a in audiencias],
                "tipos": [f.realizadas_por_tipo(v) for v, _e in tipos],
            }

        return {
            "audiencias": audiencias,
            "tipos": tipos,
            "entidades": [fila(f) for f in entidades],
            "columnas": len(COLUMNAS_FIJAS) + len(audiencias) + len(tipos),
            "nacional": fila(self.nacional),
        }

    def columnas(self) -> list[str]:
        """Encabezados de la tabla exportada; los seis primeros no cambian nunca."""
        return [
            *COLUMNAS_FIJAS,
            *(f"participantes: {a.nombre}" for a in self.audiencias),
            *(f"realizadas: {etiqueta}" for _valor, etiqueta in self.tipos),
        ]

    def filas(self, entidades: list[FilaCobertura] | None = None) -> list[list]:
        """Las entidades (todas, en orden INEGI, si no se dan otras) y al final el total."""
        entidades = self.entidades if entidades is None else entidades
        return [self._fila_tabla(f) for f in [*entidades, self.nacional]]

    def _fila_tabla(self, fila: FilaCobertura) -> list:
        return [
            *(fila.valor_exportado(nombre) for nombre in COLUMNAS_FIJAS),
            *(fila.por_audiencia.get(a.pk, 0) for a in self.audiencias),
            *(fila.realizadas_por_tipo(valor) for valor, _etiqueta in self.tipos),
        ]


def cobertura(filtros: Filtros) -> Cobertura:
    """La tabla de cobertura del periodo y filtros: seis consultas, sean cuantas sean las filas.

    1. entidades federativas; 2. audiencias;
    3. actividades (y desglose de toda la actividad) por (entidad, estado, tipo); 4. lo mismo
    por (estado, tipo), nacional; 5. participantes, mujeres y hombres por (entidad, audiencia);
    6. lo mismo por audiencia, nacional.
    """
    actividades = actividades_filtradas(filtros)
    realizadas = actividades.filter(estado=Estado.REALIZADA).values("pk")

    entidades = EntidadFederativa.objects.order_by("clave")
    if filtros.entidades is not None:
        entidades = entidades.filter(clave__in=filtros.entidades)
    filas = {
        clave: FilaCobertura(clave, nombre)
        for clave, nombre in entidades.values_list("clave", "nombre_corto")
    }
    nacional = FilaCobertura(
        CLAVE_NACIONAL, "Total nacional" if filtros.entidades is None else "Total de sus entidades"
    )
    sin_entidad = FilaCobertura("", "Sin entidad registrada")
    audiencias = list(Audiencia.objects.all())

    # Cada par (actividad, entidad) es único en la tabla intermedia: contar filas basta.
    cuentas = {"n": Count("pk"), **desglose_de_actividad()}
    por_entidad = actividades.values("entidades", "estado", "tipo").annotate(**cuentas)
    for fila in por_entidad:
        destino = filas.get(fila["entidades"]) if fila["entidades"] else sin_entidad
        if destino:  # None: otra entidad de una actividad compartida, fuera del alcance
            _sumar_actividades(destino, fila)
    for fila in actividades.values("estado", "tipo").annotate(**cuentas):
        _sumar_actividades(nacional, fila)

    participaciones = Participacion.objects.filter(actividad__in=realizadas).order_by()
    personas = {"n": Sum("total"), "m": Sum("mujeres"), "h": Sum("hombres")}
    por_entidad = participaciones.values("actividad__entidades", "audiencia_id").annotate(
        **personas
    )
    for fila in por_entidad:
        clave = fila["actividad__entidades"]
        destino = filas.get(clave) if clave else sin_entidad
        if destino:
            _sumar_personas(destino, fila)
    for fila in participaciones.values("audiencia_id").annotate(**personas):
        _sumar_personas(nacional, fila)

    return Cobertura(
        filtros=filtros,
        audiencias=audiencias,
        entidades=list(filas.values()),
        nacional=nacional,
        sin_entidad=sin_entidad,
    )


def desglose_de_actividad() -> dict:
    """Mujeres y hombres de toda la actividad, solo de las que no traen desglose por audiencia
    (así nadie se cuenta dos veces). El EXISTS solo se evalúa en las pocas filas con dato."""
    por_audiencia = Participacion.objects.filter(actividad_id=OuterRef("pk")).filter(
        Q(mujeres__isnull=False) | Q(hombres__isnull=False)
    )
    sin_por_audiencia = ~Exists(por_audiencia)
    return {
        "m": Sum("mujeres", filter=Q(mujeres__isnull=False) & sin_por_audiencia),
        "h": Sum("hombres", filter=Q(hombres__isnull=False) & sin_por_audiencia),
    }


def _sumar_actividades(destino: FilaCobertura, fila: dict) -> None:
    destino.actividades[(fila["estado"], fila["tipo"])] = fila["n"]
    if fila["estado"] == Estado.REALIZADA:  # solo las realizadas tienen participantes
        destino.mujeres_actividad += fila["m"] or 0
        destino.hombres_actividad += fila["h"] or 0


def _sumar_personas(destino: FilaCobertura, fila: dict) -> None:
    destino.por_audiencia[fila["audiencia_id"]] = fila["n"] or 0
    destino.mujeres_por_audiencia[fila["audiencia_id"]] = fila["m"] or 0
    destino.hombres_por_audiencia[fila["audiencia_id"]] = fila["h"] or 0


@dataclass
class DetalleEntidad:
    entidad: EntidadFederativa
    fila: FilaCobertura
    cobertura: Cobertura
    actividades: QuerySet[Actividad]
    productos: list[Producto]
    convenios: list[Convenio]

    COLUMNAS_ACTIVIDADES = (
        "folio",
        "fecha",
        "tipo",
        "titulo",
        "estado",
        "motivo",
        "sede",
        "participantes",
        "audiencias y participantes",
        "convenio",
        "entidades",
    )

    def filas_actividades(self) -> list[list]:
        """La tabla de actividades de la página, una fila por actividad, para CSV/XLSX."""
        return [
            [
                a.folio,
                texto_corto(a.fecha_inicio, a.fecha_fin, a.precision),
                a.get_tipo_display(),
                a.titulo,
                a.get_estado_display(),
                a.motivo,
                a.sede,
                a.total_participantes,
                _audiencias(a),
                a.convenio.folio if a.convenio else "",
                ", ".join(sorted(a.claves_entidades())),
            ]
            for a in self.actividades
        ]

    def notas(self) -> list[str]:
        p = self.cobertura.filtros.periodo
        f = self.fila
        return [
            f"Actividades en {self.entidad.nombre}, {p.nombre} "
            f"({fecha_corta(p.desde)} a {fecha_corta(p.hasta)}).",
            "Filtros: " + ("; ".join(self.cobertura.filtros.descripcion()) or "ninguno") + ".",
            f"{f.realizadas} realizadas, {f.programadas} programadas, {f.canceladas} canceladas, "
            f"{f.reprogramadas} reprogramadas; {f.participantes} participantes.",
            *("Regla: " + r for r in REGLAS),
        ]


def _audiencias(actividad: Actividad) -> str:
    """Como en la página: «Niñas y niños: 30 (16 mujeres, 14 hombres); Docentes: sin dato»."""
    partes = []
    for p in actividad.participaciones.all():
        texto = f"{p.audiencia.nombre}: {'sin dato' if p.total is None else p.total}"
        if p.mujeres is not None or p.hombres is not None:
            texto += f" ({p.mujeres or 0} mujeres, {p.hombres or 0} hombres)"
        partes.append(texto)
    if actividad.mujeres is not None or actividad.hombres is not None:
        partes.append(
            f"toda la actividad: {actividad.mujeres or 0} mujeres, {actividad.hombres or 0} hombres"
        )
    return "; ".join(partes)


def actividades_de_entidad(filtros: Filtros, entidad: EntidadFederativa) -> QuerySet[Actividad]:
    """Las actividades de la entidad en orden, con sus relaciones precargadas, para paginar."""
    de_la_entidad = actividades_filtradas(filtros).filter(entidades=entidad)
    return de_la_entidad.con_relaciones().order_by("fecha_inicio", "pk")


def cobertura_entidad(
    filtros: Filtros, entidad: EntidadFederativa, *, resumen: Cobertura | None = None
) -> DetalleEntidad:
    """Lo que hubo en una entidad: su fila, sus actividades, productos y convenios.

    Las actividades se devuelven como QuerySet con sus relaciones precargadas, para paginar.
    ``resumen``: la cobertura de los mismos filtros, si ya se tiene.
    """
    resumen = resumen or cobertura(filtros)
    de_la_entidad = actividades_filtradas(filtros).filter(entidades=entidad)
    productos = (
        Producto.objects.filter(
            Q(actividad__in=de_la_entidad.values("pk"))
            # Difundido en la entidad dentro del periodo (sin fecha, solo por su actividad).
            | Q(
                entidades_difusion=entidad,
                fecha__gte=filtros.periodo.desde,
                fecha__lte=filtros.periodo.hasta,
            )
        )
        .select_related("convenio")
        .distinct()
        .order_by("nombre")
    )
    convenios = Convenio.objects.filter(
        pk__in=de_la_entidad.exclude(convenio=None).values("convenio_id")
    ).order_by("folio")
    return DetalleEntidad(
        entidad=entidad,
        fila=resumen.fila(entidad.clave),
        cobertura=resumen,
        actividades=actividades_de_entidad(filtros, entidad),
        productos=list(productos),
        convenios=list(convenios),
    )


# ---- Tablero ----------------------------------------------------------------------------


@dataclass
class Trimestre:
    nombre: str  # «1T 2015»
    programadas: int
    realizadas: int


@dataclass
class Tablero:
    anio: int
    actual: Cobertura
    anterior: Cobertura
    trimestres: list[Trimestre]
    proximas: list[Actividad]
    convenios_por_vencer: list[Convenio]
    convenios_vencidos: list[Convenio]
    hoy: dt.date


def actividades_por_trimestre(
    anios: list[int], entidades: frozenset[str] | None = None
) -> list[Trimestre]:
    """Programadas y realizadas que se traslapan con cada trimestre: una sola consulta.

    Una actividad con fecha de semestre cuenta en cada trimestre que abarca.
    """
    periodos = [Periodo.trimestre(anio, t) for anio in anios for t in (1, 2, 3, 4)]
    agregados = {}
    for i, p in enumerate(periodos):
        en_trimestre = Q(fecha_inicio__lte=p.hasta, fecha_fin__gte=p.desde)
        for estado in (Estado.PROGRAMADA, Estado.REALIZADA):
            agregados[f"{estado}_{i}"] = Count("pk", filter=en_trimestre & Q(estado=estado))
    desde, hasta = periodos[0].desde, periodos[-1].hasta
    actividades = Actividad.objects.en_periodo(desde, hasta)
    if entidades is not None:
        actividades = actividades.en_entidades(entidades)
    cuentas = actividades.aggregate(**agregados)
    return [
        Trimestre(
            nombre=f"{(p.desde.month - 1) // 3 + 1}T {p.desde.year}",
            programadas=cuentas[f"{Estado.PROGRAMADA}_{i}"],
            realizadas=cuentas[f"{Estado.REALIZADA}_{i}"],
        )
        for i, p in enumerate(periodos)
    ]


DIAS_PROXIMAS = 90


def tablero(*, anio: int, hoy: dt.date, entidades: frozenset[str] | None = None) -> Tablero:
    """El año elegido contra el anterior, las próximas actividades y los convenios por vencer.

    ``entidades`` limita todo al alcance de un enlace estatal (None: nacional).
    """
    limite = hoy + dt.timedelta(days=DIAS_PROXIMAS)
    programadas = Actividad.objects.programadas()
    if entidades is not None:
        programadas = programadas.en_entidades(entidades)
    proximas = (
        programadas.en_periodo(hoy, limite)
        .prefetch_related("entidades")
        .order_by("fecha_inicio", "pk")[:20]
    )
    return Tablero(
        anio=anio,
        actual=cobertura(Filtros(Periodo.anio(anio), entidades=entidades)),
        anterior=cobertura(Filtros(Periodo.anio(anio - 1), entidades=entidades)),
        trimestres=actividades_por_trimestre([anio - 1, anio], entidades),
        proximas=list(proximas),
        convenios_por_vencer=list(Convenio.objects.por_vencer(hoy).order_by("vigencia_fin")),
        convenios_vencidos=list(Convenio.objects.vencidos(hoy).order_by("-vigencia_fin")[:20]),
        hoy=hoy,
    )


def anio_predeterminado(hoy: dt.date) -> int:
    """El año más reciente con actividades que no sea futuro; si no hay, el año en curso."""
    ultimo = (
        Actividad.objects.filter(fecha_inicio__lte=hoy)
        .order_by("-fecha_inicio")
        .values_list("fecha_inicio", flat=True)
        .first()
    )
    return ultimo.year if ultimo else hoy.year
