"""Lo que la escala nacional (issue 7) cambió: periodo por traslape de rangos, índices de
PostgreSQL, paginador sin COUNT de la tabla entera y consultas fijas de la lista filtrada."""

import datetime as dt

import pytest
from django.db import connection

from capacitaciones.models import Actividad
from programa.sitio import PaginadorEstimado
from tests import factories as f

pytestmark = pytest.mark.django_db
URL = "/admin/capacitaciones/actividad/"
solo_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="índices GiST y de trigramas: solo PostgreSQL"
)


def _actividad(inicio, fin, **kwargs):
    return f.ActividadFactory(fecha_inicio=inicio, fecha_fin=fin, **kwargs)


def test_en_periodo_cuenta_los_bordes_del_periodo_como_dentro():
    d = dt.date
    dentro = {
        _actividad(d(2014, 12, 1), d(2015, 1, 1)).pk,  # termina el primer día
        _actividad(d(2015, 12, 31), d(2016, 1, 5)).pk,  # empieza el último día
        _actividad(d(2014, 1, 1), d(2016, 12, 31)).pk,  # lo abarca
        _actividad(d(2015, 7, 1), d(2015, 12, 31), precision="semestre").pk,
    }
    _actividad(d(2014, 12, 1), d(2014, 12, 31))
    _actividad(d(2016, 1, 1), d(2016, 1, 1))

    encontradas = Actividad.objects.en_periodo(d(2015, 1, 1), d(2015, 12, 31))

    assert set(encontradas.values_list("pk", flat=True)) == dentro
    assert set(
        Actividad.objects.en_periodo(d(2015, 1, 1), d(2015, 6, 30)).values_list("pk", flat=True)
    ) == dentro - {
        _pk
        for _pk in Actividad.objects.filter(fecha_inicio__gte=d(2015, 7, 1)).values_list(
            "pk", flat=True
        )
    }


def _plan(consulta) -> str:
    """El plan de PostgreSQL sin recorridos secuenciales (con diez filas siempre ganarían) y sin
    orden (si no, recorrer el índice del orden y filtrar también evita el secuencial)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    return consulta.order_by().explain()


@solo_postgresql
def test_el_periodo_usa_el_indice_gist_del_lapso():
    _actividad(dt.date(2015, 3, 18), dt.date(2015, 3, 18))
    plan = _plan(Actividad.objects.en_periodo(dt.date(2015, 1, 1), dt.date(2015, 12, 31)))
    assert "actividad_lapso_gist" in plan


@solo_postgresql
def test_la_busqueda_del_admin_usa_los_indices_de_trigramas():
    f.ActividadFactory(titulo="Navegando seguros en Tapachula")
    consulta = Actividad.objects.filter(titulo__icontains="tapachula")
    assert "actividad_titulo_trgm" in _plan(consulta)


def _lista(admin_client, consulta=""):
    return admin_client.get(URL + consulta).content.decode()


def test_lista_filtrada_acota_la_cuenta_en_postgresql(admin_client, monkeypatch):
    monkeypatch.setattr(PaginadorEstimado, "TOPE", 5)
    for _ in range(8):
        f.ActividadFactory(titulo="Ciberacoso en Tapachula", entidades=["07"])

    contenido = _lista(admin_client, "?q=Tapachula")

    if connection.vendor == "postgresql":
        assert "más de 5 actividades; afine la búsqueda" in contenido
    else:
        assert "8 actividades" in contenido
    assert contenido.count('name="_selected_action"') == 8  # la página sí trae todas


def test_lista_sin_filtros_de_una_tabla_pequena_cuenta_exacto(admin_client):
    for _ in range(3):
        f.ActividadFactory()
    contenido = _lista(admin_client)
    assert "3 actividades" in contenido
    assert "unas " not in contenido


@pytest.fixture
def veinte_actividades():
    convenio = f.ConvenioFactory()
    for i in range(20):
        actividad = f.ActividadFactory(
            titulo=f"Plática en Tapachula {i}", entidades=["07", "24"], convenio=convenio
        )
        f.ParticipacionFactory(actividad=actividad)
        f.ParticipacionFactory(actividad=actividad)


@pytest.mark.parametrize(
    "consulta",
    [
        "?entidad=07&anio=2015",  # filtrada por entidad y año
        "?q=Tapachula",  # búsqueda
        "?entidad=07&anio=2015&q=Tapachula",
    ],
)
def test_lista_filtrada_con_consultas_fijas(
    admin_client, django_assert_num_queries, veinte_actividades, consulta
):
    admin_client.get("/admin/")
    _lista(admin_client, consulta)  # los años y convenios de los filtros, ya en la caché
    # Sesión y usuario (2); MIN/MAX de fechas y las versiones de datos de esos años (2);
    # entidades, temas y programas de los filtros (3); la cuenta (acotada en PostgreSQL) y la
    # página con su convenio; las entidades y la participación precargadas (2). 11, como sin
    # filtros.
    with django_assert_num_queries(11):
        contenido = _lista(admin_client, consulta)
    assert contenido.count('name="_selected_action"') == 20


def test_el_nombre_de_una_actividad_dice_su_tipo_sin_armar_el_catalogo():
    actividad = f.ActividadFactory.build(tipo="platica", titulo="Riesgos en línea", folio="ACT-1")
    assert str(actividad) == "Plática «Riesgos en línea» (ACT-1)"

    actividad.tipo = "desconocido"  # como get_tipo_display(): el valor tal cual
    assert str(actividad) == "desconocido «Riesgos en línea» (ACT-1)"
