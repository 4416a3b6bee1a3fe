"""Datos de escala nacional para el benchmark: N actividades en 32 entidades y 10 años.

Las filas van con COPY (psycopg 3, ``cursor.copy()``) por lotes, sin historial: ninguna página
medida lee las tablas históricas. Respeta cada CHECK del esquema (fechas en orden y según su
precisión, motivo si se cancela o reprograma, desglose que no excede el total, realizadas que
no empiezan después de HOY, cifras y fechas dentro de los límites de programa/limites.py).

Se llama desde ``bench/correr.py``; también sola:
    DATABASE_URL=postgres://…/programa_bench_datos .venv/bin/python bench/generar.py -n 10000
"""

import argparse
import datetime as dt
import random
import time

from django.db import connection, transaction
from tqdm import tqdm

from bench import entorno  # noqa: F401  (configura Django)
from capacitaciones.models import Actividad, ActividadInstitucion, Participacion, Producto
from capacitaciones.servicios import demo_cargar
from convenios.models import Convenio, ParteConvenio
from programa.fechas import Precision, ajustar
from programa.models import Audiencia, EntidadFederativa, Institucion, Programa, Tema

SEMILLA = 20151231
LOTE = 20_000
HOY = dt.date(2026, 11, 28)  # fija: los mismos datos cada vez, sea cual sea el día
ANIOS = list(range(HOY.year - 9, HOY.year + 1))  # diez años
PREFIJO = "ACT-N"  # folios del benchmark: «N» no es hexadecimal, nunca choca con nuevo_folio()

# Población aproximada (millones, censo 2020) por clave INEGI: el peso de cada entidad.
POBLACION = {
    "01": 1.4, "02": 3.8, "03": 0.8, "04": 0.9, "05": 3.1, "06": 0.7, "07": 5.5, "08": 3.7,
    "09": 9.2, "10": 1.8, "11": 6.2, "12": 3.5, "13": 3.1, "14": 8.3, "15": 17.0, "16": 4.7,
    "17": 2.0, "18": 1.2, "19": 5.8, "20": 4.1, "21": 6.6, "22": 2.4, "23": 1.9, "24": 2.8,
    "25": 3.0, "26": 2.9, "27": 2.4, "28": 3.5, "29": 1.3, "30": 8.1, "31": 2.3, "32": 1.6,
}  # fmt: skip
TIPOS = {
    "platica": 34, "taller": 15, "capacitacion": 14, "curso": 8, "conferencia": 8,
    "foro": 4, "campana": 6, "jornada": 6, "otro": 5,
}  # fmt: skip
PRECISIONES = {"dia": 86, "mes": 7, "trimestre": 3, "semestre": 2, "anio": 2}
MODALIDADES = {"presencial": 80, "en_linea": 15, "mixta": 5}
TEMAS_EXTRA = [
    ("Derechos de niñas, niños y adolescentes", "Children's rights"),
    ("Prevención del abuso sexual infantil", "Child sexual abuse prevention"),
    ("Trabajo infantil", "Child labour"),
    ("Niñez migrante", "Migrant children"),
    ("Violencia familiar", "Family violence"),
    ("Embarazo adolescente", "Teenage pregnancy"),
    ("Prevención de adicciones", "Addiction prevention"),
    ("Crianza positiva", "Positive parenting"),
    ("Sexting", "Sexting"),
    ("Grooming", "Grooming"),
]
TITULOS = [
    "Navegando seguros en Internet",
    "Prevención de la explotación sexual infantil en línea",
    "Ciberacoso: cómo reconocerlo y denunciarlo",
    "Trata de personas: factores de riesgo",
    "Uso responsable de redes sociales",
    "Acoso escolar y convivencia sin violencia",
    "Crianza positiva en la era digital",
    "Derechos de niñas, niños y adolescentes",
    "Detección de señales de abuso sexual infantil",
    "Protocolo de atención a víctimas de trata",
    "Prevención del trabajo infantil",
    "Autocuidado y límites en línea",
    "Niñez migrante no acompañada",
    "Grooming y sexting: riesgos y protección",
    "Prevención de adicciones en adolescentes",
    "Embarazo adolescente y proyecto de vida",
    "Violencia familiar: rutas de atención",
    "Formación de promotores infantiles",
    "Entornos escolares seguros",
    "Participación infantil y adolescente",
]
# Capacitaciones que se repiten con el mismo título en muchas entidades (2 % de las actividades):
# el informe de contribución las junta en un hecho por título y estado, y sus grupos deben ser
# grandes para que su presupuesto de tiempo y memoria los cubra. Sin municipio en el título.
CAPACITACIONES_GRUPO = 0.02
TITULOS_GRUPO = [
    "Capacitación en protección integral de niñas, niños y adolescentes en entornos digitales",
    "Capacitación a personal de los Sistemas Estatales DIF en prevención de la trata",
    "Capacitación a docentes en detección de riesgos en línea",
    "Capacitación a policías de proximidad en atención a la niñez",
]
LUGARES = [
    "Escuela Primaria «Benito Juárez»", "Escuela Secundaria Técnica 12", "Casa de Cultura",
    "Auditorio Municipal", "Centro de Desarrollo Comunitario", "CAIC «Mis primeros pasos»",
    "Telebachillerato Comunitario", "Plaza principal", "Biblioteca Pública Municipal",
    "Sistema Municipal DIF", "CONALEP plantel 2", "Centro de Salud",
    "Jardín de Niños «Amado Nervo»",
]  # fmt: skip
MUNICIPIOS = [
    "Aguascalientes", "Mexicali", "La Paz", "Campeche", "Saltillo", "Colima", "Tuxtla Gutiérrez",
    "Chihuahua", "Iztapalapa", "Durango", "León", "Chilpancingo", "Pachuca", "Zapopan",
    "Ecatepec", "Morelia", "Cuernavaca", "Tepic", "Monterrey", "Oaxaca de Juárez", "Puebla",
    "Querétaro", "Cancún", "San Luis Potosí", "Culiacán", "Hermosillo", "Villahermosa",
    "Ciudad Victoria", "Tlaxcala", "Xalapa", "Mérida", "Zacatecas", "Tapachula", "Uruapan",
    "Ciudad Juárez", "Tijuana", "Matamoros", "Coatzacoalcos", "Tehuacán", "Irapuato",
]  # fmt: skip
MOTIVOS = {
    "cancelada": [
        "Suspensión de clases por contingencia sanitaria",
        "La escuela sede canceló por evento escolar",
        "Falta de quórum",
        "Condiciones meteorológicas adversas",
    ],
    "reprogramada": [
        "Cambio de fecha solicitado por la sede",
        "La persona ponente no pudo asistir",
        "Se empalmó con el periodo vacacional",
    ],
}
DESCRIPCIONES = [
    "Prevención de la explotación sexual infantil en línea",
    "Acciones preventivas sobre riesgos en Internet para niñas, niños y adolescentes",
    "Sensibilización del personal sobre protección integral de la infancia",
    "Fortalecer las capacidades de las familias para la crianza",
    "",
]


def _pesos(d: dict) -> tuple[list, list]:
    return list(d), list(d.values())


def catalogos_preparar(rnd: random.Random) -> dict:
    """Los catálogos y los pocos cientos de convenios y productos (por el ORM: son pocos)."""
    demo_cargar()
    for orden, (nombre, nombre_en) in enumerate(TEMAS_EXTRA, start=50):
        Tema.objects.get_or_create(nombre=nombre, defaults={"nombre_en": nombre_en, "orden": orden})
    programa = Programa.objects.order_by("id").first()
    federales = list(Institucion.objects.filter(entidad__isnull=True).order_by("id"))
    estatales = {i.entidad_id: i for i in Institucion.objects.filter(tipo="estatal")}
    claves = list(EntidadFederativa.objects.order_by("clave").values_list("clave", flat=True))

    Convenio.objects.filter(folio__startswith="CONV-N").delete()
    convenios = []
    for i in range(300):
        anio = rnd.choice(ANIOS)
        firma = dt.date(anio, rnd.randint(1, 12), rnd.randint(1, 28))
        fin = None if rnd.random() < 0.2 else firma + dt.timedelta(days=rnd.randint(200, 1500))
        convenios.append(
            Convenio(
                folio=f"CONV-N{i:04d}",
                tipo=rnd.choice(Convenio.Tipo.values),
                titulo=f"Convenio de colaboración {i} para la protección de la infancia",
                objeto="Acciones de prevención y capacitación en protección de la infancia",
                programa=programa,
                fecha_firma=firma if rnd.random() > 0.05 else None,
                vigencia_inicio=firma,
                vigencia_fin=fin,
            )
        )
    Convenio.objects.bulk_create(convenios)
    ParteConvenio.objects.bulk_create(
        ParteConvenio(convenio=c, institucion=i)
        for c in convenios
        for i in {rnd.choice(federales), estatales[rnd.choice(claves)]}
    )
    return {
        "programa": programa.pk,
        "convenios": [c.pk for c in convenios],
        "federales": [i.pk for i in federales],
        "estatales": {clave: i.pk for clave, i in estatales.items()},
        "claves": claves,
        "temas": list(Tema.objects.values_list("pk", flat=True)),
        "audiencias": list(Audiencia.objects.values_list("pk", flat=True)),
    }


def productos_crear(rnd: random.Random, cat: dict, ids_actividades: list[int]) -> None:
    productos = [
        Producto(
            tipo=rnd.choice(Producto.Tipo.values),
            nombre=f"Material N{i:04d}: {rnd.choice(TITULOS)}",
            descripcion="Material de difusión para la prevención",
            convenio_id=rnd.choice(cat["convenios"]) if rnd.random() < 0.5 else None,
            actividad_id=rnd.choice(ids_actividades) if rnd.random() < 0.4 else None,
            fecha=None
            if rnd.random() < 0.2
            else dt.date(rnd.choice(ANIOS), rnd.randint(1, 12), rnd.randint(1, 28)),
        )
        for i in range(400)
    ]
    Producto.objects.bulk_create(productos)
    Difusion = Producto.entidades_difusion.through
    Difusion.objects.bulk_create(
        Difusion(producto_id=p.pk, entidadfederativa_id=clave)
        for p in productos
        for clave in rnd.sample(cat["claves"], rnd.randint(1, 4))
    )


def _fechas(rnd: random.Random) -> tuple[dt.date, dt.date, str]:
    precision = rnd.choices(*_pesos(PRECISIONES))[0]
    anio = rnd.choice(ANIOS)
    inicio = dt.date(anio, 1, 1) + dt.timedelta(days=rnd.randrange(365))
    if precision == Precision.DIA:
        fin = inicio if rnd.random() < 0.75 else inicio + dt.timedelta(days=rnd.randint(1, 4))
        return inicio, fin, precision
    fin = None
    if rnd.random() < 0.1:  # abarca dos periodos: «de marzo a abril»
        fin = inicio + dt.timedelta(days=rnd.randint(31, 200))
    inicio, fin = ajustar(inicio, fin, precision)
    return inicio, fin, precision


def _estado(rnd: random.Random, inicio: dt.date) -> str:
    r = rnd.random()
    if inicio > HOY:
        return "programada" if r < 0.9 else ("reprogramada" if r < 0.95 else "cancelada")
    if r < 0.85:
        return "realizada"
    return "cancelada" if r < 0.91 else ("reprogramada" if r < 0.95 else "programada")


class Lote:
    """Las filas de un lote de actividades, tabla por tabla, listas para COPY."""

    def __init__(self):
        self.actividades, self.entidades, self.participantes = [], [], []
        self.temas, self.participaciones, self.instituciones = [], [], []


def lote_generar(rnd: random.Random, cat: dict, ids: range, ids_hijos: dict) -> Lote:
    lote = Lote()
    claves, pesos = list(POBLACION), list(POBLACION.values())
    tipos, pesos_tipo = _pesos(TIPOS)
    modalidades, pesos_modalidad = _pesos(MODALIDADES)
    filas = []
    for _ in ids:
        inicio, fin, precision = _fechas(rnd)
        filas.append((inicio, fin, precision))
    filas.sort()  # se capturan más o menos en el orden en que ocurren
    for pk, (inicio, fin, precision) in zip(ids, filas, strict=True):
        en_grupo = rnd.random() < CAPACITACIONES_GRUPO
        tipo = "capacitacion" if en_grupo else rnd.choices(tipos, pesos_tipo)[0]
        estado = _estado(rnd, inicio)
        motivo = rnd.choice(MOTIVOS[estado]) if estado in MOTIVOS else ""
        r = rnd.random()
        if r < 0.005:
            entidades = []
        elif r < 0.055:  # ~5 % en varias entidades
            entidades = list({*rnd.choices(claves, pesos, k=rnd.randint(2, 4))})
        else:
            entidades = rnd.choices(claves, pesos)
        municipio = rnd.choice(MUNICIPIOS)
        titulo = rnd.choice(TITULOS_GRUPO) if en_grupo else f"{rnd.choice(TITULOS)} en {municipio}"
        lote.actividades.append(
            (
                pk,
                f"{PREFIJO}{pk:07d}",
                tipo,
                titulo,
                rnd.choice(DESCRIPCIONES),
                cat["programa"],
                rnd.choice(cat["convenios"]) if rnd.random() < 0.3 else None,
                estado,
                motivo,
                inicio,
                fin,
                precision,
                rnd.choices(modalidades, pesos_modalidad)[0],
                f"{rnd.choice(LUGARES)}, {municipio}",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                1,
            )
        )
        for clave in entidades:
            lote.entidades.append((next(ids_hijos["entidades"]), pk, clave))
        if rnd.random() < 0.03:
            for clave in rnd.sample(cat["claves"], rnd.randint(1, 6)):
                lote.participantes.append((next(ids_hijos["participantes"]), pk, clave))
        for tema in rnd.sample(cat["temas"], rnd.randint(1, 3)):
            lote.temas.append((next(ids_hijos["temas"]), pk, tema))
        for audiencia in rnd.sample(cat["audiencias"], rnd.randint(1, 4)):
            total = mujeres = hombres = None
            if rnd.random() > 0.05:  # 5 %: no se registró el número
                total = rnd.randint(5, 300)
                if rnd.random() < 0.6:
                    mujeres = rnd.randint(0, total)
                    hombres = rnd.randint(0, total - mujeres)
            lote.participaciones.append(
                (next(ids_hijos["participaciones"]), pk, audiencia, total, mujeres, hombres)
            )
        organiza = cat["estatales"].get(entidades[0]) if entidades else None
        organiza = organiza or rnd.choice(cat["federales"])
        lote.instituciones.append((next(ids_hijos["instituciones"]), pk, organiza, "organiza"))
        if rnd.random() < 0.6:
            imparte = rnd.choice(cat["federales"])
            lote.instituciones.append((next(ids_hijos["instituciones"]), pk, imparte, "imparte"))
    return lote


def _tablas():
    return {
        "actividades": (
            Actividad._meta.db_table,
            "id folio tipo titulo descripcion programa_id convenio_id estado motivo "
            "fecha_inicio fecha_fin precision modalidad sede titulo_en descripcion_en publico "
            "publico_en proposito proposito_en motivo_en revision",
        ),
        "entidades": (
            Actividad.entidades.through._meta.db_table,
            "id actividad_id entidadfederativa_id",
        ),
        "participantes": (
            Actividad.entidades_participantes.through._meta.db_table,
            "id actividad_id entidadfederativa_id",
        ),
        "temas": (Actividad.temas.through._meta.db_table, "id actividad_id tema_id"),
        "participaciones": (
            Participacion._meta.db_table,
            "id actividad_id audiencia_id total mujeres hombres",
        ),
        "instituciones": (
            ActividadInstitucion._meta.db_table,
            "id actividad_id institucion_id rol",
        ),
    }


def _copiar(cursor, tabla: str, columnas: str, filas: list) -> None:
    # Los textos vacíos van explícitos: el '' por omisión es del modelo, no de la tabla.
    with cursor.copy(f"COPY {tabla} ({', '.join(columnas.split())}) FROM STDIN") as copia:
        for fila in filas:
            copia.write_row(fila)


def _siguiente(tabla: str) -> int:
    with connection.cursor() as c:
        c.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {tabla}")
        return c.fetchone()[0]


def bench_borrar() -> None:
    """Quita lo que dejó una corrida anterior (las actividades de la demo se quedan)."""
    tablas = _tablas()
    condicion = f"actividad_id IN (SELECT id FROM {tablas['actividades'][0]} WHERE folio LIKE %s)"
    # Los productos primero: protegen a sus actividades. Son pocos; van por el ORM.
    Producto.objects.filter(nombre__startswith="Material N").delete()
    with connection.cursor() as c:
        for nombre in ("entidades", "participantes", "temas", "participaciones", "instituciones"):
            c.execute(f"DELETE FROM {tablas[nombre][0]} WHERE {condicion}", [PREFIJO + "%"])
        c.execute(f"DELETE FROM {tablas['actividades'][0]} WHERE folio LIKE %s", [PREFIJO + "%"])
    # Y lo que dejara una importación de prueba interrumpida (bench/operaciones.py importar).
    Actividad.objects.filter(folio__startswith="BENCH-").delete()


def bench_contar() -> int:
    return Actividad.objects.filter(folio__startswith=PREFIJO).count()


def generar(n: int, *, progreso: bool = True) -> dict:
    """Borra los datos del benchmark anterior y genera ``n`` actividades. Devuelve tiempos."""
    assert connection.vendor == "postgresql", "El benchmark necesita PostgreSQL (DATABASE_URL)."
    rnd = random.Random(SEMILLA)
    inicio = time.perf_counter()
    with transaction.atomic():
        bench_borrar()
        cat = catalogos_preparar(rnd)
    tablas = _tablas()
    # Sin esto, pasar de 1,000,000 a 10,000 deja un millón de filas muertas que cada COUNT y
    # cada recorrido siguen leyendo: la base de 10,000 no se parecería a una real.
    with connection.cursor() as c:
        for tabla, _columnas in tablas.values():
            c.execute(f"VACUUM FULL {tabla}")
    primero = _siguiente(tablas["actividades"][0])
    ids_hijos = {
        nombre: iter(range(_siguiente(tablas[nombre][0]), 10**12))
        for nombre in ("entidades", "participantes", "temas", "participaciones", "instituciones")
    }
    filas = 0
    raw = connection.connection
    with connection.cursor() as c:
        c.execute("SET synchronous_commit = off")
    barra = tqdm(total=n, unit=" actividades", disable=not progreso, smoothing=0.1)
    for desde in range(primero, primero + n, LOTE):
        ids = range(desde, min(desde + LOTE, primero + n))
        lote = lote_generar(rnd, cat, ids, ids_hijos)
        with raw.transaction(), raw.cursor() as cursor:
            for nombre, (tabla, columnas) in tablas.items():
                datos = getattr(lote, nombre)
                _copiar(cursor, tabla, columnas, datos)
                filas += len(datos)
        barra.update(len(ids))
    barra.close()
    with connection.cursor() as c:
        for tabla, _columnas in tablas.values():
            c.execute(
                f"SELECT setval(pg_get_serial_sequence('{tabla}', 'id'), "
                f"(SELECT MAX(id) FROM {tabla}))"
            )
    # Como una base en uso: estadísticas al día y mapa de visibilidad (recorridos solo de índice);
    # sin esto, las primeras lecturas escriben hint bits y autovacuum corre mientras se mide.
    with connection.cursor() as c:
        for tabla, _columnas in tablas.values():
            c.execute(f"VACUUM ANALYZE {tabla}")
        c.execute("ANALYZE")
    productos_crear(rnd, cat, list(range(primero, primero + n, max(1, n // 2000))))
    return {"actividades": n, "filas": filas, "segundos": time.perf_counter() - inicio}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="actividades (10000 por omisión)")
    n = parser.parse_args().n
    r = generar(n)
    print(f"{r['actividades']:,} actividades ({r['filas']:,} filas) en {r['segundos']:.0f} s")


if __name__ == "__main__":
    main()
