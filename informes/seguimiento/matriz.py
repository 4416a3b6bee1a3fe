"""La matriz de seguimiento como datos planos: un renglón por recomendación con las acciones
del periodo que la atienden. Sin HTTP ni formato: la página, el CSV, el XLSX y el DOCX salen
de aquí (``exportar.py``).

Cada acción se redacta con qué, dónde y cuándo (a su precisión), con las piezas de la
redacción de la aportación (``informes.contribucion.redaccion.es``: fechas y entidades).

Acciones que cuentan: actividades realizadas cuyo periodo toca el de la matriz, productos con
fecha en el periodo y convenios firmados en el periodo. Un enlace estatal ve solo las
actividades y los productos de sus entidades (``visibles_para``), y ningún convenio: los
convenios no tienen entidad.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from capacitaciones.models import Actividad, ActividadInstitucion, Producto
from convenios.models import Convenio, ParteConvenio
from informes.cobertura.periodos import Periodo
from informes.contribucion.redaccion import es
from informes.seguimiento.propuesta import estado_propuesto, recomendaciones_con_acciones
from programa.alcance import entidades_asignadas
from programa.models import EstadoSeguimiento, Recomendacion, SeguimientoRecomendacion

COLUMNAS = [
    "tema",
    "mecanismo",
    "documento",
    "parrafo",
    "texto",
    "estado",
    "instituciones",
    "acciones",
]
SIN_ACCIONES = "Sin acciones registradas en el periodo."


@dataclass(frozen=True)
class Accion:
    fecha: dt.date  # para ordenar
    texto: str


@dataclass
class FilaMatriz:
    referencia: str
    temas: list[str]
    mecanismo: str
    documento: str
    parrafo: str
    texto: str
    estado: str
    instituciones: list[str] = field(default_factory=list)
    acciones: list[Accion] = field(default_factory=list)

    def valores(self) -> list[str]:
        """Los valores en el orden de ``COLUMNAS``, como texto (para CSV, XLSX y DOCX)."""
        return [
            "; ".join(self.temas),
            self.mecanismo,
            self.documento,
            self.parrafo,
            self.texto,
            self.estado,
            "; ".join(self.instituciones),
            "\n".join(a.texto for a in self.acciones) or SIN_ACCIONES,
        ]


@dataclass
class Matriz:
    periodo: Periodo
    filas: list[FilaMatriz]
    anio_estado: int
    alcance_estatal: bool

    @property
    def con_acciones(self) -> int:
        return sum(1 for f in self.filas if f.acciones)

    def notas(self) -> list[str]:
        return [
            f"Matriz de seguimiento de recomendaciones, {self.periodo.nombre}.",
            f"Estado: el confirmado de {self.anio_estado}; si nadie lo ha confirmado, el que "
            "propone el sistema (en proceso con al menos una acción realizada en el año; sin "
            "avances sin ninguna; «cumplida» solo la confirma una persona).",
            "Acciones: actividades realizadas, productos con fecha y convenios firmados en el "
            "periodo, ligados a la recomendación.",
            *(
                ["Solo las acciones de sus entidades (sin convenios, que no tienen entidad)."]
                if self.alcance_estatal
                else []
            ),
        ]


def _fecha(inicio: dt.date, fin: dt.date, precision: str) -> str:
    return es.fecha({"inicio": inicio.isoformat(), "fin": fin.isoformat(), "precision": precision})


def _lugar(entidades) -> str:
    texto = es.en_entidades([{"clave": e.clave, "nombre": e.nombre_corto} for e in entidades])
    return f" {texto}" if texto else ""


def _actividad(actividad: Actividad) -> Accion:
    singular, _plural, _femenino = es.CLASES[actividad.tipo]
    fecha = _fecha(actividad.fecha_inicio, actividad.fecha_fin, actividad.precision)
    texto = (
        f"{es.mayuscula(singular)} {es.comillas(actividad.titulo)}, {fecha}"
        f"{_lugar(actividad.entidades.all())}."
    )
    return Accion(actividad.fecha_inicio, texto)


def _producto(producto: Producto) -> Accion:
    sustantivo, femenino = es.PRODUCTOS[producto.tipo]
    difundido = "difundida" if femenino else "difundido"
    entidades = list(producto.entidades_difusion.all())
    donde = f", {difundido}{_lugar(entidades)}" if entidades else ""
    texto = (
        f"{es.mayuscula(sustantivo)} {es.comillas(producto.nombre)}, "
        f"{_fecha(producto.fecha, producto.fecha, 'dia')}{donde}."
    )
    return Accion(producto.fecha, texto)


def _convenio(convenio: Convenio) -> Accion:
    partes = es.lista([p.institucion.nombre_corto for p in convenio.partes.all()])
    entre = f" entre {partes}" if partes else ""
    texto = (
        f"Convenio {convenio.folio} {es.comillas(convenio.titulo)}, firmado"
        f"{entre} {_fecha(convenio.fecha_firma, convenio.fecha_firma, 'dia')}."
    )
    return Accion(convenio.fecha_firma, texto)


def _por_recomendacion(relacion, campo: str, objetos) -> dict[int, list]:
    """recomendación -> objetos ligados, con la tabla intermedia (una consulta)."""
    por_id = {o.pk: o for o in objetos}
    ligados = defaultdict(list)
    # Con la misma consulta como subconsulta: una lista de miles de ids no viaja a la base.
    filas = relacion.through.objects.filter(**{f"{campo}__in": objetos.values("pk")})
    for recomendacion_id, objeto_id in filas.values_list("recomendacion_id", f"{campo}_id"):
        if objeto_id in por_id:
            ligados[recomendacion_id].append(por_id[objeto_id])
    return ligados


def matriz_seguimiento(*, desde: dt.date, hasta: dt.date, usuario=None) -> Matriz:
    """La matriz del periodo para quien la pide (``usuario``: su alcance; None, todo el país).

    Consultas fijas, sin importar cuántas recomendaciones o acciones haya: recomendaciones
    con su documento y sus temas (2); seguimiento del año (1); la propuesta del año (3);
    actividades con sus entidades e instituciones y su vínculo (4); productos con sus
    entidades y su vínculo (3); convenios con sus partes y su vínculo (3, solo nacional).
    """
    periodo = Periodo.entre(desde, hasta)
    alcance = entidades_asignadas(usuario) if usuario is not None else None
    anio = hasta.year
    recomendaciones = list(
        Recomendacion.objects.select_related("documento").prefetch_related("temas")
    )
    confirmados = {
        s.recomendacion_id: s
        for s in SeguimientoRecomendacion.objects.filter(anio=anio).exclude(estado="")
    }
    propuesta = recomendaciones_con_acciones(dt.date(anio, 1, 1), dt.date(anio, 12, 31))

    actividades = (
        Actividad.objects.realizadas()
        .en_periodo(desde, hasta)
        .filter(recomendaciones__isnull=False)
        .distinct()
        .prefetch_related(
            "entidades",
            Prefetch(
                "actividadinstitucion_set",
                queryset=ActividadInstitucion.objects.select_related("institucion"),
            ),
        )
    )
    productos = (
        Producto.objects.filter(fecha__gte=desde, fecha__lte=hasta, recomendaciones__isnull=False)
        .distinct()
        .prefetch_related("entidades_difusion")
    )
    if usuario is not None:
        actividades = actividades.visibles_para(usuario)
        productos = productos.visibles_para(usuario)
    por_actividad = _por_recomendacion(Actividad.recomendaciones, "actividad", actividades)
    por_producto = _por_recomendacion(Producto.recomendaciones, "producto", productos)
    por_convenio: dict[int, list] = {}
    if alcance is None:
        convenios = (
            Convenio.objects.filter(
                fecha_firma__gte=desde, fecha_firma__lte=hasta, recomendaciones__isnull=False
            )
            .distinct()
            .prefetch_related(
                Prefetch("partes", queryset=ParteConvenio.objects.select_related("institucion"))
            )
        )
        por_convenio = _por_recomendacion(Convenio.recomendaciones, "convenio", convenios)

    filas = []
    for r in recomendaciones:
        acciones = [_actividad(a) for a in por_actividad.get(r.pk, [])]
        acciones += [_producto(p) for p in por_producto.get(r.pk, [])]
        acciones += [_convenio(c) for c in por_convenio.get(r.pk, [])]
        instituciones = {
            ai.institucion.nombre_corto
            for a in por_actividad.get(r.pk, [])
            for ai in a.actividadinstitucion_set.all()
        } | {p.institucion.nombre_corto for c in por_convenio.get(r.pk, []) for p in c.partes.all()}
        if (confirmado := confirmados.get(r.pk)) is not None:
            estado = confirmado.get_estado_display()
        else:
            propuesto = EstadoSeguimiento(estado_propuesto(r.pk, propuesta)).label
            estado = f"Sin confirmar (propuesto: {propuesto.lower()})"
        filas.append(
            FilaMatriz(
                referencia=r.referencia,
                temas=[t.nombre for t in r.temas.all()],
                mecanismo=r.documento.get_mecanismo_display(),
                documento=r.documento.simbolo,
                parrafo=r.parrafo,
                texto=r.texto,
                estado=estado,
                instituciones=sorted(instituciones),
                acciones=sorted(acciones, key=lambda a: (a.fecha, a.texto)),
            )
        )
    filas.sort(key=lambda f: (f.temas[:1] or ["~"], f.documento, _orden_parrafo(f.parrafo)))
    return Matriz(periodo, filas, anio, alcance is not None)


def _orden_parrafo(parrafo: str) -> tuple:
    """«9» antes que «10» y «42» antes que «42 b)»."""
    numero = ""
    for caracter in parrafo:
        if not caracter.isdigit():
            break
        numero += caracter
    return (int(numero or 0), parrafo)
