"""El cuerpo ya dibujado de cobertura, tablero y detalle: el mismo que se dibujaría al momento.

La primera persona que abre una página deja su cuerpo en la caché; quien la abre después con el
mismo alcance recibe ese HTML, con su propio nombre y su propio menú alrededor. Que una
escritura cambie lo que se ve lo prueban, por cada camino de escritura, las pruebas de
test_cache.py (leen la tabla de la página y la del CSV).
"""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from informes.cobertura import cache
from programa.models import PerfilUsuario
from programa.roles import CAPTURISTA, CONSULTA, COORDINACION, ENLACE
from tests import factories as f

pytestmark = pytest.mark.django_db

PAGINAS = [
    "/informes/cobertura/?anio=2015&orden=-realizadas&metrica=participantes",
    "/informes/?anio=2015",
    "/informes/cobertura/24/?anio=2015",
]
SIN_CACHE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


@pytest.fixture
def datos():
    convenio = f.ConvenioFactory(folio="CONV-SLP")
    for clave, titulo in (("24", "Plática en SLP"), ("09", "Foro en la CDMX")):
        actividad = f.ActividadFactory(entidades=[clave], titulo=titulo, convenio=convenio)
        f.ParticipacionFactory(actividad=actividad, total=30)
    f.ActividadFactory(entidades=["24", "09"], titulo="Curso en dos entidades")


def _persona(nombre, rol=None, claves=None, superusuario=False):
    usuario = User.objects.create_user(nombre, is_staff=True, is_superuser=superusuario)
    if rol:
        usuario.groups.add(Group.objects.get(name=rol))
    if claves:
        PerfilUsuario.objects.create(usuario=usuario).entidades.set(claves)
    cliente = Client()
    cliente.force_login(usuario)
    return cliente


def _sin_dibujar(monkeypatch):
    """Desde aquí, dibujar un cuerpo falla: lo que se sirva viene de la caché."""

    def no_dibujar(*args, **kwargs):
        raise AssertionError("se volvió a dibujar un cuerpo que debía estar en la caché")

    monkeypatch.setattr("informes.cobertura.views.render_to_string", no_dibujar)


@pytest.mark.parametrize("url", PAGINAS)
def test_cada_rol_recibe_el_cuerpo_guardado_igual_al_recien_dibujado(
    datos, settings, monkeypatch, url
):
    personas = {
        "ana.admin": _persona("ana.admin", superusuario=True),
        "beto.coordina": _persona("beto.coordina", COORDINACION),
        "carla.captura": _persona("carla.captura", CAPTURISTA),
        "dora.consulta": _persona("dora.consulta", CONSULTA),
    }
    caches_del_sitio = settings.CACHES
    settings.CACHES = {**caches_del_sitio, "default": SIN_CACHE}
    recien_dibujadas = {nombre: c.get(url).content for nombre, c in personas.items()}
    settings.CACHES = caches_del_sitio

    personas["ana.admin"].get(url)  # deja el cuerpo en la caché
    _sin_dibujar(monkeypatch)
    for nombre, cliente in personas.items():
        respuesta = cliente.get(url)
        assert respuesta.status_code == 200
        assert respuesta.content == recien_dibujadas[nombre], nombre
        assert f'<p class="usuario">{nombre}</p>' in respuesta.content.decode()
    # Lo de la persona quedó fuera del cuerpo: el menú de administración no es el mismo.
    assert len(set(recien_dibujadas.values())) == len(personas)


@pytest.mark.parametrize("url", PAGINAS)
def test_dos_enlaces_de_la_misma_entidad_comparten_el_cuerpo(datos, settings, monkeypatch, url):
    ema = _persona("ema.slp", ENLACE, claves=["24"])
    fer = _persona("fer.slp", ENLACE, claves=["24"])
    caches_del_sitio = settings.CACHES
    settings.CACHES = {**caches_del_sitio, "default": SIN_CACHE}
    recien_dibujada = fer.get(url).content
    settings.CACHES = caches_del_sitio

    ema.get(url)
    _sin_dibujar(monkeypatch)
    respuesta = fer.get(url)

    assert respuesta.content == recien_dibujada
    assert "Foro en la CDMX" not in respuesta.content.decode()


def test_un_enlace_no_recibe_el_cuerpo_nacional(datos, admin_client):
    nacional = admin_client.get("/informes/cobertura/", {"anio": 2015}).content.decode()
    assert "En todo el país: 3 actividades realizadas" in nacional

    enlace = _persona("ema.slp", ENLACE, claves=["24"])
    suya = enlace.get("/informes/cobertura/", {"anio": 2015}).content.decode()

    assert "En sus entidades: 2 actividades realizadas" in suya
    assert "Total de sus entidades" in suya


def test_cada_direccion_tiene_su_cuerpo(datos, admin_client):
    realizadas = admin_client.get("/informes/cobertura/", {"anio": 2015}).content.decode()
    por_participantes = admin_client.get(
        "/informes/cobertura/", {"anio": 2015, "metrica": "participantes", "extra": "1"}
    ).content.decode()
    otra_vez = admin_client.get("/informes/cobertura/", {"anio": 2015}).content.decode()

    assert "Participantes por entidad federativa, 2015" in por_participantes
    # Los enlaces conservan la dirección tal como llegó, también lo que el formulario ignora.
    assert "extra=1" in por_participantes
    assert "Participantes por entidad federativa" not in realizadas
    assert otra_vez == realizadas


def test_una_pagina_de_actividades_no_es_otra(admin_client):
    for n in range(60):
        f.ActividadFactory(entidades=["24"], titulo=f"Plática número {n:02d}")
    primera = admin_client.get("/informes/cobertura/24/", {"anio": 2015}).content.decode()
    segunda = admin_client.get(
        "/informes/cobertura/24/", {"anio": 2015, "pagina": 2}
    ).content.decode()

    assert "Página 1 de 2" in primera and "Página 2 de 2" in segunda


def test_sin_cache_que_responda_la_pagina_se_dibuja(datos, admin_client, settings):
    """Redis caído: la página tarda lo que tarda dibujarla, pero nunca da un error."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nadie escucha ahí
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }

    for url in PAGINAS:
        assert admin_client.get(url).status_code == 200
    assert "En todo el país: 3 actividades realizadas" in (
        admin_client.get("/informes/cobertura/", {"anio": 2015}).content.decode()
    )


@pytest.fixture
def huella_de_nuevo():
    cache.version_del_codigo.cache_clear()
    yield
    cache.version_del_codigo.cache_clear()


def test_otra_version_del_codigo_no_lee_los_cuerpos_de_la_anterior(
    settings, tmp_path, huella_de_nuevo
):
    """Con Redis la caché sobrevive a una actualización del sitio: la huella del código va en
    la llave de cada cuerpo."""
    plantilla = tmp_path / "templates" / "informes" / "tablero_cuerpo.html"
    plantilla.parent.mkdir(parents=True)
    plantilla.write_text("<h1>Tablero</h1>")
    settings.BASE_DIR = tmp_path
    antes = cache.version_del_codigo()
    cache.version_del_codigo.cache_clear()
    assert cache.version_del_codigo() == antes  # el mismo código, la misma huella

    plantilla.write_text("<h1>Tablero del año</h1>")
    cache.version_del_codigo.cache_clear()

    assert cache.version_del_codigo() != antes
