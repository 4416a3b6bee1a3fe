"""La aportación anual como datos: secciones -> párrafos -> hechos, construidos de los registros.

``contribucion_construir()`` hace un número fijo de consultas sin importar cuántas actividades
haya, y devuelve solo tipos de JSON (texto, números, listas, diccionarios): es lo que se congela
en la instantánea de un informe final y lo que leen los redactores de ``informes/redaccion``.

Qué entra en un periodo [desde, hasta] con fecha de corte:
- Actividades cuyo periodo se traslapa con él (``ActividadQuerySet.en_periodo``); las canceladas
  solo si se piden. Además, lo anunciado: las programadas que empiezan después del corte y antes
  de que termine el año del corte (se escriben en futuro).
- Convenios firmados dentro del periodo, y los firmados antes que siguen vigentes en él
  (se dice «sigue vigente», no «se firmó»). Un convenio sin fecha de firma entra si su vigencia
  (sin fechas = abierta) se traslapa con el periodo: el registro no permite situarlo y el
  informe no debe callarlo; se avisa a quien redacta para que capture la fecha.
- Estrategias nacionales del programa cuya vigencia (sin fechas = abierta) se traslapa.
- Productos con fecha dentro del periodo; sin fecha, los que resultan de una actividad del
  periodo o de un convenio que entró al periodo.

Cómo se agrupan (para que un año de datos nacionales no sea un párrafo por actividad):
- Viñetas: una por acción realizada que no es capacitación, foro ni curso (pláticas, talleres,
  conferencias, jornadas, campañas…), hasta ``MAX_VINETAS``: las de más participantes
  registrados, de mayor a menor (en empate, las primeras); las demás se cuentan.
- Cambios: las reprogramadas y canceladas (de cualquier tipo) y las programadas que no son
  capacitación, foro ni curso, una por una con su motivo, hasta ``MAX_CAMBIOS``.
- Capacitaciones: un párrafo por título, con un hecho por estado (realizadas, programadas)
  que lista las entidades en el orden en que ocurrieron; hasta ``MAX_GRUPOS`` títulos (los de
  más actividades), los demás se cuentan.
- Foros y cursos: un párrafo cada uno (acciones de profesionalización), hasta
  ``MAX_PROFESIONALIZACION``; los demás se cuentan.
- Lo que pasó de los topes: conteos por tipo. El anexo cuenta siempre todas las actividades.

Con ``criterios`` (la respuesta a una pregunta de una convocatoria) entra solo lo que cumple
cada lista no vacía: un tema, un tipo de actividad, una audiencia, una recomendación que
atiende. Un registro que no puede tener ese dato no la cumple: con tipos o audiencias no entran
estrategias ni convenios; con temas no entran convenios (no tienen temas). El programa se
presenta solo si entra alguno de sus convenios, para no repetir su presentación en cada
respuesta.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from capacitaciones.models import Actividad, ActividadInstitucion, Producto
from convenios.models import Convenio
from informes.contribucion.anexo import anexo_datos
from programa.models import Estrategia, Programa
from programa.texto import normalizar

# 2: con «anexo» (la cobertura del periodo); las acciones llevan propósito y motivo (no la
# descripción), los convenios firmados antes del periodo que siguen vigentes, y los cambios
# (reprogramadas, canceladas) narrados. Un informe final de la versión 1 se sirve de su texto y
# sus archivos congelados.
VERSION = 2

CLASES_PROFESIONALIZACION = (Actividad.Tipo.FORO, Actividad.Tipo.CURSO)
SIN_ENTIDAD = ""  # clave del renglón "sin entidad registrada" del anexo
# Topes de lo que se narra una por una: un año de datos nacionales tiene decenas de miles de
# pláticas; la aportación destaca unas cuantas y cuenta el resto (y el anexo, todas).
MAX_VINETAS = 12
MAX_GRUPOS = 8
MAX_PROFESIONALIZACION = 10
MAX_CAMBIOS = 8  # programadas, reprogramadas y canceladas narradas una por una


@dataclass(frozen=True)
class Criterios:
    """Qué registros responden una pregunta: un elemento de cada lista no vacía."""

    temas: tuple = ()
    tipos: tuple = ()  # valores de Actividad.Tipo
    audiencias: tuple = ()
    recomendaciones: tuple = ()

    def __bool__(self) -> bool:
        return any((self.temas, self.tipos, self.audiencias, self.recomendaciones))

    @property
    def solo_actividades(self) -> bool:
        """¿Pide un dato que solo tienen actividades (y sus productos)?"""
        return bool(self.tipos or self.audiencias)

    def como_datos(self) -> dict:
        return {
            "temas": sorted(t.nombre for t in self.temas),
            "tipos": sorted(self.tipos),
            "audiencias": sorted(a.nombre for a in self.audiencias),
            "recomendaciones": sorted(r.referencia for r in self.recomendaciones),
        }


def _destacadas(
    filas: list[dict], tope: int, por_tamano: bool = False
) -> tuple[list[dict], list[dict]]:
    """Las ``tope`` de más participantes registrados y las demás. Las elegidas van en orden de
    fecha, o de mayor a menor si ``por_tamano`` (las viñetas: lo más grande del año primero)."""
    orden = sorted(filas, key=lambda f: (-f["personas"], f["fecha_inicio"], f["pk"]))
    elegidas = {f["pk"] for f in orden[:tope]}
    base = orden if por_tamano else filas
    return [f for f in base if f["pk"] in elegidas], [f for f in filas if f["pk"] not in elegidas]


def _iso(fecha: dt.date | None) -> str | None:
    return fecha.isoformat() if fecha else None


def _institucion(inst) -> dict:
    return {
        "nombre": inst.nombre,
        "nombre_en": inst.nombre_en,
        "siglas": inst.siglas,
        "tipo": inst.tipo,
    }


def _unicos(elementos: list[dict], llave: str = "nombre") -> list[dict]:
    vistos, salida = set(), []
    for e in elementos:
        if e[llave] not in vistos:
            vistos.add(e[llave])
            salida.append(e)
    return salida


def _entidades(entidades) -> list[dict]:
    """Las entidades de una actividad en orden alfabético (para una actividad son un conjunto)."""
    return sorted(
        ({"clave": e.clave, "nombre": e.nombre_corto} for e in entidades),
        key=lambda e: normalizar(e["nombre"]),
    )


def _convenio(convenio) -> dict:
    return {
        "folio": convenio.folio,
        "clase": convenio.tipo,
        "titulo": convenio.titulo,
        "titulo_en": convenio.titulo_en,
        "objeto": convenio.objeto,
        "objeto_en": convenio.objeto_en,
        "fecha_firma": _iso(convenio.fecha_firma),
        "vigencia_fin": _iso(convenio.vigencia_fin),
        "partes": [_institucion(p.institucion) | {"rol": p.rol} for p in convenio.partes.all()],
    }


def _es_preventiva(actividad) -> bool:
    """¿Se nombra «preventiva»? Sí, si el programa declara acciones preventivas o el objetivo
    de la actividad o de su convenio habla de prevención (lo dicen los registros, no el informe)."""
    textos = [actividad.descripcion, actividad.proposito, actividad.programa.descripcion]
    if actividad.convenio:
        textos.append(actividad.convenio.objeto)
    texto = normalizar(" ".join(textos))
    return "preventiv" in texto or "prevencion" in texto


def _fecha(actividad) -> dict:
    return {
        "inicio": _iso(actividad.fecha_inicio),
        "fin": _iso(actividad.fecha_fin),
        "precision": actividad.precision,
    }


def _con_rol(actividad, rol: str) -> list[dict]:
    return [_institucion(i) for i in actividad.instituciones_con_rol(rol)]


def _accion(actividad) -> dict:
    """Una actividad con nombre propio: viñeta o acción de profesionalización."""
    participa = actividad.instituciones_con_rol(ActividadInstitucion.Rol.PARTICIPA)
    return {
        "tipo": "actividad",
        "folio": actividad.folio,
        "clase": actividad.tipo,
        "estado": actividad.estado,
        "fecha": _fecha(actividad),
        "titulo": actividad.titulo,
        "titulo_en": actividad.titulo_en,
        # La descripción es texto libre (a veces una oración, a veces una nota): no se narra.
        # El propósito tiene una gramática validada al capturarlo («para <infinitivo>…»).
        "proposito": actividad.proposito,
        "proposito_en": actividad.proposito_en,
        "motivo": actividad.motivo,
        "motivo_en": actividad.motivo_en,
        "publico": actividad.publico,
        "publico_en": actividad.publico_en,
        "audiencias": [
            {"nombre": p.audiencia.nombre, "nombre_en": p.audiencia.nombre_en}
            for p in actividad.participaciones.all()
        ],
        "preventiva": _es_preventiva(actividad),
        "entidades": _entidades(actividad.entidades.all()),
        "entidades_participantes": _entidades(actividad.entidades_participantes.all()),
        # ¿Participan como instituciones los Sistemas Estatales DIF de esas entidades?
        "participan_dif_estatales": bool(participa)
        and all(i.tipo == "estatal" and "dif" in normalizar(i.nombre).split() for i in participa),
        "organiza": _con_rol(actividad, ActividadInstitucion.Rol.ORGANIZA),
        "imparte": _con_rol(actividad, ActividadInstitucion.Rol.IMPARTE),
    }


def _grupo_capacitaciones(actividades: list, estado: str) -> dict:
    """Capacitaciones de un mismo título y estado: un hecho con sus entidades y fechas."""
    entidades: list[dict] = []
    participantes: list[dict] = []  # de las que no registran dónde, quiénes participaron
    for a in actividades:  # en orden de fecha y registro: así las lista el informe
        lugar = _entidades(a.entidades.all())
        entidades.extend(lugar)
        if not lugar:
            participantes.extend(_entidades(a.entidades_participantes.all()))
    precisiones = {a.precision for a in actividades}
    if len(precisiones) > 1:  # mezcladas: el mes, salvo que alguna sepa solo el día
        precisiones = {"dia"} if "dia" in precisiones else {"mes"}
    primera = actividades[0]
    propositos = {a.proposito for a in actividades} - {""}
    propositos_en = {a.proposito_en for a in actividades} - {""}
    return {
        "tipo": "capacitaciones",
        "estado": estado,
        "n": len(actividades),
        "titulo": primera.titulo,
        "titulo_en": primera.titulo_en,
        "fecha": {
            "inicio": _iso(min(a.fecha_inicio for a in actividades)),
            "fin": _iso(max(a.fecha_fin for a in actividades)),
            "precision": precisiones.pop(),
        },
        "proposito": propositos.pop() if len(propositos) == 1 else "",
        "proposito_en": propositos_en.pop() if len(propositos_en) == 1 else "",
        "entidades": _unicos(entidades, "clave"),
        "entidades_participantes": _unicos(participantes, "clave"),
        "organiza": _unicos(
            [i for a in actividades for i in _con_rol(a, ActividadInstitucion.Rol.ORGANIZA)]
        ),
        "imparte": _unicos(
            [i for a in actividades for i in _con_rol(a, ActividadInstitucion.Rol.IMPARTE)]
        ),
    }


def _otras(filas: list[dict], corte: dt.date) -> dict:
    """Conteos por tipo y tiempo (realizadas, por realizar, canceladas)."""
    grupos: dict[tuple[str, str], list] = defaultdict(list)
    for f in filas:
        if f["estado"] == Actividad.Estado.CANCELADA:
            tiempo = "cancelada"
        elif f["estado"] == Actividad.Estado.REALIZADA:
            tiempo = "realizada"
        else:
            tiempo = "futura" if f["fecha_inicio"] > corte else "prevista"
        grupos[(tiempo, f["tipo"])].append(f)
    orden_tiempo = ["realizada", "prevista", "futura", "cancelada"]
    return {
        "tipo": "otras",
        "grupos": [
            {"tiempo": tiempo, "clase": clase, "n": len(grupo)}
            for (tiempo, clase), grupo in sorted(
                grupos.items(), key=lambda kv: (orden_tiempo.index(kv[0][0]), kv[0][1])
            )
        ],
    }


def _producto(producto) -> dict:
    return {
        "tipo": "producto",
        "clase": producto.tipo,
        "nombre": producto.nombre,
        "nombre_en": producto.nombre_en,
        "descripcion": producto.descripcion,
        "descripcion_en": producto.descripcion_en,
        "licencia": producto.licencia,
        "fecha": _iso(producto.fecha),
        "convenio": producto.convenio.folio if producto.convenio else None,
        "contrapartes": [
            _institucion(p.institucion)
            for p in (producto.convenio.partes.all() if producto.convenio else [])
        ],
        "audiencias": [
            {"nombre": a.nombre, "nombre_en": a.nombre_en} for a in producto.audiencias.all()
        ],
        "entidades": _entidades(producto.entidades_difusion.all()),
    }


def _traslapa(inicio_campo: str, fin_campo: str, desde: dt.date, hasta: dt.date) -> Q:
    return (Q(**{f"{inicio_campo}__isnull": True}) | Q(**{f"{inicio_campo}__lte": hasta})) & (
        Q(**{f"{fin_campo}__isnull": True}) | Q(**{f"{fin_campo}__gte": desde})
    )


def contribucion_del_informe(informe, **extra) -> dict:
    """Los hechos con el periodo y los filtros de un informe guardado; ``extra`` son los
    argumentos propios de quien llama (los criterios de una pregunta, sin anexo)."""
    return contribucion_construir(
        desde=informe.desde,
        hasta=informe.hasta,
        corte=informe.corte,
        programa=informe.programa,
        temas=informe.temas.all(),
        convenios=informe.convenios.all(),
        incluir_canceladas=informe.incluir_canceladas,
        **extra,
    )


def contribucion_construir(
    *,
    desde: dt.date,
    hasta: dt.date,
    corte: dt.date,
    programa: Programa | None = None,
    temas=(),
    convenios=(),
    incluir_canceladas: bool = False,
    criterios: Criterios | None = None,
    anexo: bool = True,
) -> dict:
    """La aportación del periodo como datos (ver el docstring del módulo).

    Sin ``anexo`` no se calcula la cobertura (la respuesta a una pregunta no lleva anexo
    propio: el del informe es uno).
    """
    temas, convenios = list(temas), list(convenios)
    criterios = criterios or Criterios()
    programas = Programa.objects.select_related("institucion_responsable").order_by("id")
    if programa is not None:
        programas = programas.filter(pk=programa.pk)

    # Lo realizado en el periodo y lo anunciado: lo programado que empieza después del corte y
    # antes de que acabe ese año ("en el último semestre de 2015, se llevarán a cabo…").
    anunciadas = Q(
        estado__in=(Actividad.Estado.PROGRAMADA, Actividad.Estado.REPROGRAMADA),
        fecha_inicio__gt=corte,
        fecha_inicio__lte=dt.date(corte.year, 12, 31),
    )
    # Condiciones directas, sin subconsulta: el planificador usa los índices de fechas.
    actividades_qs = Actividad.objects.en_periodo(desde, hasta) | Actividad.objects.filter(
        anunciadas
    )
    if not incluir_canceladas:
        actividades_qs = actividades_qs.exclude(estado=Actividad.Estado.CANCELADA)
    if programa is not None:
        actividades_qs = actividades_qs.filter(programa=programa)
    if temas:
        actividades_qs = actividades_qs.filter(
            pk__in=Actividad.objects.filter(temas__in=temas).values("pk")
        )
    if convenios:
        actividades_qs = actividades_qs.filter(convenio__in=convenios)
    if criterios.temas:
        actividades_qs = actividades_qs.filter(
            pk__in=Actividad.objects.filter(temas__in=criterios.temas).values("pk")
        )
    if criterios.tipos:
        actividades_qs = actividades_qs.filter(tipo__in=criterios.tipos)
    if criterios.audiencias:
        actividades_qs = actividades_qs.filter(
            pk__in=Actividad.objects.filter(
                participaciones__audiencia__in=criterios.audiencias
            ).values("pk")
        )
    if criterios.recomendaciones:
        actividades_qs = actividades_qs.filter(
            pk__in=Actividad.objects.filter(recomendaciones__in=criterios.recomendaciones).values(
                "pk"
            )
        )
    # Primero solo lo necesario para clasificar (filas ligeras, aun si son 100,000); después se
    # cargan con sus relaciones únicamente las que se narran.
    filas = list(
        actividades_qs.order_by("fecha_inicio", "id")
        .annotate(personas=Coalesce(Sum("participaciones__total"), 0))
        .values("pk", "tipo", "estado", "titulo", "fecha_inicio", "programa_id", "personas")
    )

    convenios_qs = (
        Convenio.objects.filter(
            Q(fecha_firma__lte=hasta)
            & (
                Q(fecha_firma__gte=desde)
                | Q(vigencia_fin__isnull=True)
                | Q(vigencia_fin__gte=desde)
            )
            | Q(fecha_firma__isnull=True)
            & _traslapa("vigencia_inicio", "vigencia_fin", desde, hasta)
        )
        .prefetch_related("partes__institucion")
        .order_by("fecha_firma", "id")
    )
    if programa is not None:
        convenios_qs = convenios_qs.filter(programa=programa)
    if convenios:
        convenios_qs = convenios_qs.filter(pk__in=[c.pk for c in convenios])
    if criterios.recomendaciones:
        convenios_qs = convenios_qs.filter(
            pk__in=Convenio.objects.filter(recomendaciones__in=criterios.recomendaciones).values(
                "pk"
            )
        )
    # Los convenios no tienen temas, tipos ni audiencias: con esos criterios, no responden.
    sin_convenios = criterios.temas or criterios.solo_actividades
    convenios_periodo = [] if sin_convenios else list(convenios_qs)
    folios_periodo = {c.folio for c in convenios_periodo}

    estrategias_qs = (
        Estrategia.objects.filter(_traslapa("fecha_inicio", "fecha_fin", desde, hasta))
        .prefetch_related("instituciones")
        .order_by("nombre")
    )
    if programa is not None:
        estrategias_qs = estrategias_qs.filter(programa=programa)
    if temas:
        estrategias_qs = estrategias_qs.filter(
            pk__in=Estrategia.objects.filter(temas__in=temas).values("pk")
        )
    if criterios.temas:
        estrategias_qs = estrategias_qs.filter(
            pk__in=Estrategia.objects.filter(temas__in=criterios.temas).values("pk")
        )
    if criterios.recomendaciones:
        estrategias_qs = estrategias_qs.filter(
            pk__in=Estrategia.objects.filter(recomendaciones__in=criterios.recomendaciones).values(
                "pk"
            )
        )

    productos_qs = (
        Producto.objects.filter(
            Q(fecha__gte=desde, fecha__lte=hasta)
            | Q(fecha__isnull=True)
            & (
                Q(actividad__in=actividades_qs.order_by().values("pk"))
                | Q(convenio__in=convenios_periodo)
            )
        )
        .select_related("convenio")
        .prefetch_related("convenio__partes__institucion", "audiencias", "entidades_difusion")
        .order_by("nombre", "id")
    )
    if programa is not None:
        productos_qs = productos_qs.filter(
            Q(convenio__programa=programa) | Q(actividad__programa=programa)
        )
    if temas:
        productos_qs = productos_qs.filter(
            pk__in=Producto.objects.filter(temas__in=temas).values("pk")
        )
    if convenios:
        productos_qs = productos_qs.filter(convenio__in=convenios)
    if criterios.temas:
        productos_qs = productos_qs.filter(
            pk__in=Producto.objects.filter(temas__in=criterios.temas).values("pk")
        )
    if criterios.tipos:
        # Un producto es del tipo de la actividad de la que resulta.
        productos_qs = productos_qs.filter(actividad__tipo__in=criterios.tipos)
    if criterios.audiencias:
        productos_qs = productos_qs.filter(
            pk__in=Producto.objects.filter(audiencias__in=criterios.audiencias).values("pk")
        )
    if criterios.recomendaciones:
        productos_qs = productos_qs.filter(
            pk__in=Producto.objects.filter(recomendaciones__in=criterios.recomendaciones).values(
                "pk"
            )
        )

    secciones = []
    avisos = []

    # 1. El programa y los convenios firmados en el periodo.
    programas = list(programas)
    if criterios:
        # En una respuesta, el programa se presenta solo junto a un convenio suyo.
        programas = [p for p in programas if p.pk in {c.programa_id for c in convenios_periodo}]
    elif programa is None:
        usados = {f["programa_id"] for f in filas} | {c.programa_id for c in convenios_periodo}
        programas = [p for p in programas if p.pk in usados]
    fechados = [c for c in convenios_periodo if c.fecha_firma and c.fecha_firma >= desde]
    anteriores = [c for c in convenios_periodo if c.fecha_firma and c.fecha_firma < desde]
    sin_fecha = [c for c in convenios_periodo if not c.fecha_firma]
    for c in sin_fecha:
        avisos.append(
            f"El convenio «{c.folio}» no tiene fecha de firma: el informe lo nombra como vigente "
            "en el periodo, sin decir que se firmó ni cuándo. Capture su fecha de firma en "
            "Convenios para que diga cuándo se firmó."
        )
    parrafos = []
    for p in programas:
        suyos = [c for c in fechados if c.programa_id == p.pk]
        parrafos.append(
            {
                "hechos": [
                    {
                        "tipo": "programa",
                        "nombre": p.nombre,
                        "nombre_en": p.nombre_en,
                        "descripcion": p.descripcion,
                        "descripcion_en": p.descripcion_en,
                        "responsable": _institucion(p.institucion_responsable),
                        "convenios": [_convenio(c) for c in suyos],
                        "convenios_vigentes": [
                            _convenio(c) for c in anteriores if c.programa_id == p.pk
                        ],
                    }
                ]
            }
        )
    if parrafos:
        secciones.append({"clave": "marco", "parrafos": parrafos})

    # 2. Viñetas: toda acción realizada que no es capacitación, foro ni curso (pláticas,
    # talleres, conferencias, jornadas, campañas…), la más grande primero.
    vinetas, capacitaciones, profesionalizacion, cambios, otras = [], defaultdict(list), [], [], []
    for f in filas:
        if f["estado"] in Actividad.ESTADOS_CON_MOTIVO:
            cambios.append(f)
        elif f["tipo"] == Actividad.Tipo.CAPACITACION:
            capacitaciones[normalizar(f["titulo"])].append(f)
        elif f["tipo"] in CLASES_PROFESIONALIZACION:
            profesionalizacion.append(f)
        elif f["estado"] == Actividad.Estado.REALIZADA:
            vinetas.append(f)
        else:
            cambios.append(f)  # programadas: se anuncian (futuro) o quedaron pendientes
    vinetas, resto = _destacadas(vinetas, MAX_VINETAS, por_tamano=True)
    otras.extend(resto)
    cambios, resto = _destacadas(cambios, MAX_CAMBIOS)
    otras.extend(resto)
    profesionalizacion, resto = _destacadas(profesionalizacion, MAX_PROFESIONALIZACION)
    otras.extend(resto)
    mayores = {id(g) for g in sorted(capacitaciones.values(), key=len, reverse=True)[:MAX_GRUPOS]}
    for grupo in capacitaciones.values():
        if id(grupo) not in mayores:
            otras.extend(grupo)
    capacitaciones = {t: g for t, g in capacitaciones.items() if id(g) in mayores}  # su orden

    # Solo las que se narran se cargan con sus relaciones.
    narradas = [f["pk"] for f in vinetas + profesionalizacion + cambios]
    narradas += [f["pk"] for grupo in capacitaciones.values() for f in grupo]
    cargadas = Actividad.objects.filter(pk__in=narradas).con_relaciones().in_bulk()
    vinetas = [cargadas[f["pk"]] for f in vinetas]
    profesionalizacion = [cargadas[f["pk"]] for f in profesionalizacion]
    cambios = [cargadas[f["pk"]] for f in cambios]
    for a in vinetas + profesionalizacion + cambios:
        if not a.entidades.all() and not a.entidades_participantes.all():
            avisos.append(
                f"La actividad «{a.folio}» se narra sin decir dónde: no tiene entidades donde se "
                "realizó ni de quienes participaron. Captúrelas para que el informe lo diga."
            )
        if a.estado in Actividad.ESTADOS_CON_MOTIVO and not a.motivo_en:
            avisos.append(
                f"La actividad «{a.folio}» está {a.get_estado_display().lower()}: el texto en "
                "inglés no dice el motivo mientras no se capture el «motivo en inglés»."
            )
    capacitaciones = {t: [cargadas[f["pk"]] for f in g] for t, g in capacitaciones.items()}
    if vinetas:
        secciones.append(
            {
                "clave": "acciones",
                "parrafos": [{"forma": "vinetas", "hechos": [_accion(a) for a in vinetas]}],
            }
        )

    # 3. Estrategias nacionales.
    estrategias = (
        []
        if criterios.solo_actividades
        else [
            {
                "tipo": "estrategia",
                "nombre": e.nombre,
                "nombre_en": e.nombre_en,
                "participacion": e.participacion,
                "participacion_en": e.participacion_en,
                "instituciones": [_institucion(i) for i in e.instituciones.all()],
            }
            for e in estrategias_qs
        ]
    )
    if estrategias:
        secciones.append(
            {"clave": "estrategias", "parrafos": [{"hechos": [e]} for e in estrategias]}
        )

    # 4. Capacitaciones agrupadas por título y estado.
    parrafos = []
    for grupo in capacitaciones.values():
        realizadas = [a for a in grupo if a.estado == Actividad.Estado.REALIZADA]
        por_realizar = [a for a in grupo if a.estado != Actividad.Estado.REALIZADA]
        hechos = []
        if realizadas:
            hechos.append(_grupo_capacitaciones(realizadas, "realizada"))
        # Las por realizar, por periodo: "en el último semestre de 2015, se llevarán a cabo…".
        por_fecha: dict[tuple, list] = defaultdict(list)
        for a in por_realizar:
            por_fecha[(a.fecha_inicio, a.fecha_fin, a.precision)].append(a)
        for mismas in por_fecha.values():
            hechos.append(_grupo_capacitaciones(mismas, "programada"))
        parrafos.append({"hechos": hechos})
    if parrafos:
        secciones.append({"clave": "capacitaciones", "parrafos": parrafos})

    # 5. Productos: los de convenios con fecha (o sin convenio) van solos; los de un convenio
    # sin fecha van en el párrafo de ese convenio.
    productos = list(productos_qs)
    parrafos = [
        {"hechos": [_producto(p)]}
        for p in productos
        if not p.convenio or p.convenio.fecha_firma or p.convenio.folio not in folios_periodo
    ]
    for c in sin_fecha:
        suyos = [_producto(p) for p in productos if p.convenio_id == c.pk]
        parrafos.append({"hechos": [{"tipo": "convenio"} | _convenio(c), *suyos]})
    if parrafos:
        secciones.append({"clave": "productos", "parrafos": parrafos})

    # 6. Foros y cursos.
    if profesionalizacion:
        secciones.append(
            {
                "clave": "profesionalizacion",
                "parrafos": [{"hechos": [_accion(a)]} for a in profesionalizacion],
            }
        )

    # 7. Lo previsto y lo que cambió, una por una (con su motivo).
    if cambios:
        secciones.append(
            {
                "clave": "cambios",
                "parrafos": [{"forma": "vinetas", "hechos": [_accion(a) for a in cambios]}],
            }
        )

    # 8. Lo demás, contado.
    if otras:
        secciones.append({"clave": "otras", "parrafos": [{"hechos": [_otras(otras, corte)]}]})

    # Los nombres de todas las entidades que aparecen, narradas o contadas.
    ids = actividades_qs.order_by().values("pk")
    entidades = {}
    for relacion in (Actividad.entidades, Actividad.entidades_participantes):
        entidades.update(
            relacion.through.objects.filter(actividad__in=ids).values_list(
                "entidadfederativa_id", "entidadfederativa__nombre_corto"
            )
        )
    return {
        "version": VERSION,
        "periodo": {"desde": _iso(desde), "hasta": _iso(hasta)},
        "corte": _iso(corte),
        "filtros": {
            "programa": programa.nombre if programa else None,
            "temas": sorted(t.nombre for t in temas),
            "convenios": sorted(c.folio for c in convenios),
            "incluir_canceladas": incluir_canceladas,
            **({"criterios": criterios.como_datos()} if criterios else {}),
        },
        "entidades": dict(sorted(entidades.items())),
        "secciones": secciones,
        "avisos": avisos,
        # El anexo estadístico: la cobertura del periodo con los filtros del informe.
        "anexo": anexo_datos(
            desde=desde, hasta=hasta, programa=programa, temas=temas, convenios=convenios
        )
        if anexo
        else None,
    }
