"""Cobertura de las recomendaciones: cuántas tienen al menos una acción en un periodo y en qué
entidades ocurrieron esas acciones. El único lugar donde se cuentan, para la página, el CSV y
el XLSX. Solo consultas; nada de HTTP.

Las reglas se dicen en ``REGLAS`` (página, archivos y README). Todo se agrega en la base de
datos: el número de consultas no crece con las recomendaciones ni con las acciones, y las filas
que se leen crecen a lo más con entidades × recomendaciones, nunca con las acciones.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from capacitaciones.models import Actividad, Producto
from convenios.models import Convenio
from informes.cobertura import selectores as cobertura
from informes.cobertura.periodos import Periodo
from programa.fechas import fecha_corta
from programa.models import DocumentoOnu, EntidadFederativa, Estrategia, Mecanismo, Recomendacion

CLAVE_NACIONAL = cobertura.CLAVE_NACIONAL

# Las tablas intermedias de los vínculos: cada fila es (acción, recomendación).
ActividadRecomendacion = Actividad.recomendaciones.through
ConvenioRecomendacion = Convenio.recomendaciones.through
ProductoRecomendacion = Producto.recomendaciones.through
EstrategiaRecomendacion = Estrategia.recomendaciones.through

REGLAS = (
    "Una recomendación tiene acciones en el periodo si al menos una actividad, convenio, "
    "producto o estrategia nacional que la atiende pertenece al periodo.",
    "Actividades: solo las realizadas cuyas fechas se traslapan con el periodo, como en la "
    "cobertura por entidad; las programadas, reprogramadas y canceladas no cuentan.",
    "Convenios: los firmados en el periodo y los firmados antes que siguen vigentes en él; uno "
    "sin fecha de firma, si su vigencia (sin fechas, abierta) se traslapa con el periodo, como "
    "en el informe de contribución.",
    "Productos: los que tienen fecha dentro del periodo; sin fecha, los que resultan de una "
    "actividad realizada del periodo o de un convenio del periodo.",
    "Estrategias nacionales: las que tienen vigencia (sin fechas, abierta) que se traslapa con "
    "el periodo.",
    "La entidad de una acción es donde se realiza la actividad o donde se difunde el producto. "
    "Los convenios y las estrategias no tienen entidad: cuentan solo en el total, como las "
    "actividades y los productos sin entidad registrada.",
    "Una recomendación con acciones en varias entidades cuenta una vez en cada una y una sola "
    "vez en el total; una actividad en varias entidades, también. Por eso el total no es la "
    "suma de las filas.",
    "Una persona enlace estatal ve solo las acciones de sus entidades (actividades realizadas "
    "y productos difundidos en ellas); los convenios y las estrategias no entran en su total.",
)


@dataclass(frozen=True)
class Filtros:
    periodo: Periodo
    mecanismo: str = ""  # valor de Mecanismo
    documento: DocumentoOnu | None = None
    # Alcance de quien consulta: None es nacional; un enlace estatal ve solo sus entidades.
    entidades: frozenset[str] | None = None

    @property
    def nacional(self) -> bool:
        return self.entidades is None

    def descripcion(self) -> list[str]:
        """Los filtros además del periodo, para decirlos en la página y en los archivos."""
        partes = []
        if self.mecanismo:
            partes.append(f"mecanismo: {Mecanismo(self.mecanismo).label}")
        if self.documento:
            partes.append(f"documento: {self.documento.simbolo}")
        # El alcance se dice como en la cobertura por entidad (por nombre, no por clave).
        return partes + cobertura.Filtros(self.periodo, entidades=self.entidades).descripcion()


# ---- Qué acciones pertenecen al periodo ---------------------------------------------------


def _traslapa(inicio: str, fin: str, periodo: Periodo) -> Q:
    """Un lapso con extremos opcionales (vacío = abierto) que se traslapa con el periodo."""
    return (Q(**{f"{inicio}__isnull": True}) | Q(**{f"{inicio}__lte": periodo.hasta})) & (
        Q(**{f"{fin}__isnull": True}) | Q(**{f"{fin}__gte": periodo.desde})
    )


def actividades_del_periodo(periodo: Periodo) -> QuerySet[Actividad]:
    return Actividad.objects.realizadas().en_periodo(periodo.desde, periodo.hasta).order_by()


def convenios_del_periodo(periodo: Periodo) -> QuerySet[Convenio]:
    """El criterio del informe de contribución (``informes/contribucion/hechos.py``); una
    prueba comprueba que los dos dejan entrar los mismos convenios."""
    desde, hasta = periodo.desde, periodo.hasta
    firmados = Q(fecha_firma__lte=hasta) & (
        Q(fecha_firma__gte=desde) | Q(vigencia_fin__isnull=True) | Q(vigencia_fin__gte=desde)
    )
    sin_firma = Q(fecha_firma__isnull=True) & _traslapa("vigencia_inicio", "vigencia_fin", periodo)
    return Convenio.objects.filter(firmados | sin_firma).order_by()


def estrategias_del_periodo(periodo: Periodo) -> QuerySet[Estrategia]:
    return Estrategia.objects.filter(_traslapa("fecha_inicio", "fecha_fin", periodo)).order_by()


def productos_del_periodo(periodo: Periodo) -> QuerySet[Producto]:
    sin_fecha_de_una_accion = Q(fecha__isnull=True) & (
        Q(actividad__in=actividades_del_periodo(periodo).values("pk"))
        | Q(convenio__in=convenios_del_periodo(periodo).values("pk"))
    )
    return Producto.objects.filter(
        Q(fecha__gte=periodo.desde, fecha__lte=periodo.hasta) | sin_fecha_de_una_accion
    ).order_by()


@dataclass(frozen=True)
class _Acciones:
    """Las acciones del periodo dentro del alcance; None: ese tipo no entra (sin entidad)."""

    actividades: QuerySet[Actividad]
    productos: QuerySet[Producto]
    convenios: QuerySet[Convenio] | None
    estrategias: QuerySet[Estrategia] | None


def _acciones(filtros: Filtros) -> _Acciones:
    actividades = actividades_del_periodo(filtros.periodo)
    productos = productos_del_periodo(filtros.periodo)
    if filtros.nacional:
        return _Acciones(
            actividades,
            productos,
            convenios_del_periodo(filtros.periodo),
            estrategias_del_periodo(filtros.periodo),
        )
    difundidos_en_sus_entidades = Exists(
        Producto.entidades_difusion.through.objects.filter(
            producto_id=OuterRef("pk"), entidadfederativa__in=filtros.entidades
        )
    )
    return _Acciones(
        actividades.en_entidades(filtros.entidades),
        productos.filter(difundidos_en_sus_entidades),
        None,
        None,
    )


def recomendaciones_filtradas(filtros: Filtros) -> QuerySet[Recomendacion]:
    recomendaciones = Recomendacion.objects.order_by()
    if filtros.mecanismo:
        recomendaciones = recomendaciones.filter(documento__mecanismo=filtros.mecanismo)
    if filtros.documento:
        recomendaciones = recomendaciones.filter(documento=filtros.documento)
    return recomendaciones


# ---- Los datos de la página -----------------------------------------------------------------


@dataclass
class FilaMecanismo:
    mecanismo: str  # valor de Mecanismo; vacío en el total
    nombre: str
    recomendaciones: int = 0
    con_acciones: int = 0
    con_actividades: int = 0
    con_convenios: int = 0
    con_productos: int = 0
    con_estrategias: int = 0

    @property
    def sin_acciones(self) -> int:
        return self.recomendaciones - self.con_acciones


@dataclass
class FilaEntidad:
    clave: str
    entidad: str
    recomendaciones: int = 0  # con al menos una acción en la entidad
    actividades: int = 0  # realizadas en la entidad que atienden alguna
    productos: int = 0  # difundidos en la entidad que atienden alguna
    por_mecanismo: dict[str, int] = field(default_factory=dict)


COLUMNAS_MECANISMOS = (
    "mecanismo",
    "recomendaciones",
    "con acciones",
    "sin acciones",
    "con actividades",
    "con convenios",
    "con productos",
    "con estrategias",
)


@dataclass
class CoberturaRecomendaciones:
    filtros: Filtros
    mecanismos: list[FilaMecanismo]
    total: FilaMecanismo
    entidades: list[FilaEntidad]
    nacional: FilaEntidad
    sin_entidad: FilaEntidad  # actividades y productos que atienden alguna, sin entidad
    convenios: int  # del periodo que atienden alguna (0 en el alcance de un enlace)
    estrategias: int

    @property
    def entidades_con_acciones(self) -> int:
        return sum(1 for f in self.entidades if f.recomendaciones)

    def valores(self) -> dict[str, int]:
        """Clave INEGI -> recomendaciones con acciones en la entidad: lo que colorea el mapa."""
        return {f.clave: f.recomendaciones for f in self.entidades}

    def resumen(self) -> str:
        t = self.total
        return (
            f"{t.con_acciones} de {t.recomendaciones} "
            f"{'recomendación' if t.recomendaciones == 1 else 'recomendaciones'} con al menos "
            f"una acción; {t.sin_acciones} sin acciones"
        )

    def mecanismos_con_datos(self) -> list[tuple[str, str]]:
        """(valor, nombre) de los mecanismos con recomendaciones: las columnas de la página."""
        return [(f.mecanismo, f.nombre) for f in self.mecanismos if f.recomendaciones]

    # Las dos tablas exportadas: los mismos números que la página, en el mismo orden.

    def columnas_mecanismos(self) -> list[str]:
        return list(COLUMNAS_MECANISMOS)

    def filas_mecanismos(self) -> list[list]:
        return [
            [
                f.nombre,
                f.recomendaciones,
                f.con_acciones,
                f.sin_acciones,
                f.con_actividades,
                f.con_convenios,
                f.con_productos,
                f.con_estrategias,
            ]
            for f in [*self.mecanismos, self.total]
        ]

    def columnas_entidades(self) -> list[str]:
        return [
            "clave",
            "entidad",
            "recomendaciones con acciones",
            "actividades realizadas",
            "productos",
            *(f"recomendaciones con acciones: {f.nombre}" for f in self.mecanismos),
        ]

    def filas_entidades(self) -> list[list]:
        return [
            [
                f.clave,
                f.entidad,
                f.recomendaciones,
                f.actividades,
                f.productos,
                *(f.por_mecanismo.get(m.mecanismo, 0) for m in self.mecanismos),
            ]
            for f in [*self.entidades, self.nacional]
        ]

    def notas(self) -> list[str]:
        p = self.filtros.periodo
        s = self.sin_entidad
        notas = [
            f"Cobertura de las recomendaciones, {p.nombre} "
            f"({fecha_corta(p.desde)} a {fecha_corta(p.hasta)}).",
            "Filtros: " + ("; ".join(self.filtros.descripcion()) or "ninguno") + ".",
            self.resumen() + ".",
            f"Sin entidad registrada (solo en el total): {s.actividades} actividades y "
            f"{s.productos} productos.",
        ]
        if self.filtros.nacional:
            notas.append(
                f"Convenios del periodo que atienden alguna: {self.convenios}; estrategias "
                f"nacionales: {self.estrategias} (solo en el total)."
            )
        return notas + ["Regla: " + r for r in REGLAS]


def _contar_por_mecanismo(recomendaciones, acciones: _Acciones) -> dict[str, dict]:
    """Una consulta: por mecanismo, cuántas hay y cuántas tienen cada tipo de acción."""
    vinculos = {
        "con_actividades": (ActividadRecomendacion, "actividad", acciones.actividades),
        "con_convenios": (ConvenioRecomendacion, "convenio", acciones.convenios),
        "con_productos": (ProductoRecomendacion, "producto", acciones.productos),
        "con_estrategias": (EstrategiaRecomendacion, "estrategia", acciones.estrategias),
    }
    atendida = {
        nombre: Exists(
            tabla.objects.filter(
                recomendacion_id=OuterRef("pk"), **{f"{campo}__in": qs.values("pk")}
            )
        )
        for nombre, (tabla, campo, qs) in vinculos.items()
        if qs is not None
    }
    alguna = Q()
    for condicion in atendida.values():
        alguna |= condicion
    cuentas = {nombre: Count("pk", filter=condicion) for nombre, condicion in atendida.items()}
    filas = recomendaciones.values("documento__mecanismo").annotate(
        recomendaciones=Count("pk"), con_acciones=Count("pk", filter=alguna), **cuentas
    )
    return {f.pop("documento__mecanismo"): f for f in filas}


def _pares(vinculos: QuerySet, entidad: str) -> QuerySet:
    """(entidad, recomendación, mecanismo) distintos: a lo más entidades × recomendaciones."""
    return vinculos.values_list(entidad, "recomendacion_id", "recomendacion__documento__mecanismo")


def _destino(filas: dict, sin_entidad: FilaEntidad, clave: str | None) -> FilaEntidad | None:
    """La fila de una entidad; None si es otra entidad de una acción compartida, fuera del
    alcance de quien consulta."""
    return filas.get(clave) if clave else sin_entidad


def cobertura_recomendaciones(filtros: Filtros) -> CoberturaRecomendaciones:
    """La cobertura de las recomendaciones del periodo: nueve consultas, sean cuantas sean.

    1. entidades federativas; 2. recomendaciones por mecanismo (cuántas, con qué acciones);
    3. y 4. pares (entidad, recomendación) de actividades y de productos; 5. y 6. actividades
    y productos por entidad; 7. actividades y productos en total; 8. convenios y 9. estrategias
    del periodo que atienden alguna (solo con alcance nacional).
    """
    acciones = _acciones(filtros)
    recomendaciones = recomendaciones_filtradas(filtros)
    de_las_recomendaciones = {"recomendacion__in": recomendaciones.values("pk")}

    entidades = EntidadFederativa.objects.order_by("clave")
    if not filtros.nacional:
        entidades = entidades.filter(clave__in=filtros.entidades)
    filas = {
        clave: FilaEntidad(clave, nombre)
        for clave, nombre in entidades.values_list("clave", "nombre_corto")
    }
    nacional = FilaEntidad(
        CLAVE_NACIONAL, "Total nacional" if filtros.nacional else "Total de sus entidades"
    )
    sin_entidad = FilaEntidad("", "Sin entidad registrada")

    por_mecanismo = _contar_por_mecanismo(recomendaciones, acciones)
    mecanismos = [
        FilaMecanismo(valor, str(nombre), **por_mecanismo.get(valor, {}))
        for valor, nombre in Mecanismo.choices
        if not filtros.mecanismo or valor == filtros.mecanismo
    ]
    total = FilaMecanismo("", "Total")
    for f in mecanismos:
        for nombre in (
            "recomendaciones",
            "con_acciones",
            "con_actividades",
            "con_convenios",
            "con_productos",
            "con_estrategias",
        ):
            setattr(total, nombre, getattr(total, nombre) + getattr(f, nombre))
        nacional.por_mecanismo[f.mecanismo] = f.con_acciones
    nacional.recomendaciones = total.con_acciones

    de_actividades = ActividadRecomendacion.objects.filter(
        actividad__in=acciones.actividades.values("pk"), **de_las_recomendaciones
    ).order_by()
    de_productos = ProductoRecomendacion.objects.filter(
        producto__in=acciones.productos.values("pk"), **de_las_recomendaciones
    ).order_by()

    # Una recomendación con una actividad y un producto en la misma entidad cuenta una vez.
    pares = defaultdict(set)
    for consulta in (
        _pares(de_actividades, "actividad__entidades"),
        _pares(de_productos, "producto__entidades_difusion"),
    ):
        for clave, recomendacion, mecanismo in consulta.distinct():
            if destino := _destino(filas, sin_entidad, clave):
                pares[destino.clave].add((recomendacion, mecanismo))
    for destino in [*filas.values(), sin_entidad]:
        suyos = pares.get(destino.clave, set())
        destino.recomendaciones = len(suyos)
        for _recomendacion, mecanismo in suyos:
            destino.por_mecanismo[mecanismo] = destino.por_mecanismo.get(mecanismo, 0) + 1

    # Cada par (acción, entidad) es único en su tabla intermedia: basta con contar distintas.
    for consulta, campo, entidad in (
        (de_actividades, "actividades", "actividad__entidades"),
        (de_productos, "productos", "producto__entidades_difusion"),
    ):
        accion = entidad.split("__")[0]
        por_entidad = consulta.values(entidad).annotate(n=Count(f"{accion}_id", distinct=True))
        for fila in por_entidad:
            if destino := _destino(filas, sin_entidad, fila[entidad]):
                setattr(destino, campo, fila["n"])
    totales = {
        "actividades": de_actividades.aggregate(n=Count("actividad_id", distinct=True))["n"],
        "productos": de_productos.aggregate(n=Count("producto_id", distinct=True))["n"],
    }
    nacional.actividades, nacional.productos = totales["actividades"], totales["productos"]

    def atienden(qs, tabla, campo) -> int:
        if qs is None:
            return 0
        vinculo = tabla.objects.filter(**{campo: OuterRef("pk")}, **de_las_recomendaciones)
        return qs.filter(Exists(vinculo)).count()

    return CoberturaRecomendaciones(
        filtros=filtros,
        mecanismos=mecanismos,
        total=total,
        entidades=list(filas.values()),
        nacional=nacional,
        sin_entidad=sin_entidad,
        convenios=atienden(acciones.convenios, ConvenioRecomendacion, "convenio_id"),
        estrategias=atienden(acciones.estrategias, EstrategiaRecomendacion, "estrategia_id"),
    )
