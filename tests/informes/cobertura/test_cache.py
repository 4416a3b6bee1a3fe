"""La caché de los informes nunca muestra una cifra vieja, escriba quien escriba y por donde sea.

Cada prueba carga la página (queda en caché), cambia los datos por un camino distinto (admin,
acciones, historial, restauración, hoja, catálogos) y la vuelve a cargar: se ve la cifra nueva.
Las escrituras se confirman dentro de ``confirmar()``: la versión cambia al confirmar, como en
el sitio (en las pruebas la transacción nunca se confirma sin ayuda).
"""

import csv
import datetime as dt
import io
import re
import socket
import uuid

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import caches

from capacitaciones.models import Actividad, Participacion
from informes.cobertura import cache
from informes.cobertura.periodos import Periodo
from informes.cobertura.selectores import Filtros
from programa.models import Audiencia, PerfilUsuario
from programa.roles import ENLACE
from tests import factories as f
from tests.capacitaciones.hojas import csv_bytes, fila, importar
from tests.test_revision import formulario_abierto

pytestmark = pytest.mark.django_db
A = "/admin/capacitaciones/actividad/"


@pytest.fixture
def confirmar(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def tabla(cliente, anio=2015) -> dict[str, list[str]]:
    """El CSV de cobertura del año: clave -> su fila (más el encabezado en «clave»)."""
    respuesta = cliente.get("/informes/cobertura.csv", {"anio": anio})
    assert respuesta.status_code == 200
    filas = list(csv.reader(io.StringIO(respuesta.content.decode("utf-8-sig"))))
    return {f[0]: f for f in filas}


def pagina(cliente, anio=2015) -> dict[str, list[str]]:
    """La tabla de la página de cobertura (su HTML, también guardado en caché): clave -> los
    textos de su fila, en el orden de las columnas del CSV."""
    respuesta = cliente.get("/informes/cobertura/", {"anio": anio})
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    html = html[html.index('<table class="cobertura">') : html.index("</table>")]
    filas = {}
    for fila_html in re.findall(r"<tr.*?</tr>", html, re.S):
        celdas = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", fila_html, re.S)
        celdas = [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in celdas]
        filas[celdas[0]] = celdas
    return filas


def _cifra(cliente, clave, anio, columna) -> int:
    """La cifra del CSV, que debe ser la misma que la de la página: las dos vienen de la caché
    y una escritura debe cambiar las dos."""
    en_csv = tabla(cliente, anio)[clave][columna]
    en_pagina = pagina(cliente, anio)[clave][columna].replace(",", "")
    assert en_pagina == en_csv, f"la página dice {en_pagina} y el CSV {en_csv}"
    return int(en_csv)


def realizadas(cliente, clave="24", anio=2015) -> int:
    return _cifra(cliente, clave, anio, 2)


def participantes(cliente, clave="24", anio=2015) -> int:
    return _cifra(cliente, clave, anio, 5)


@pytest.fixture
def platica():
    actividad = f.ActividadFactory(entidades=["24"], titulo="Plática en SLP")
    f.ParticipacionFactory(actividad=actividad, total=40)
    return actividad


def test_guardar_en_el_admin(admin_client, confirmar, platica):
    assert realizadas(admin_client) == 1
    datos = formulario_abierto(admin_client, f"{A}{platica.pk}/change/")
    with confirmar():
        datos |= {"estado": "cancelada", "motivo": "Sin sede"}
        assert admin_client.post(f"{A}{platica.pk}/change/", datos).status_code == 302

    for fila_slp in (tabla(admin_client)["24"], pagina(admin_client)["24"]):
        assert (fila_slp[2], fila_slp[4]) == ("0", "1")  # realizadas, canceladas


def test_participacion_cambiada_en_el_inline(admin_client, confirmar, platica):
    assert participantes(admin_client) == 40
    datos = formulario_abierto(admin_client, f"{A}{platica.pk}/change/")
    with confirmar():
        datos["participaciones-0-total"] = "55"
        assert admin_client.post(f"{A}{platica.pk}/change/", datos).status_code == 302

    assert participantes(admin_client) == 55


def test_borrar_en_el_admin_y_restaurar(admin_client, confirmar, platica):
    assert realizadas(admin_client) == 1
    with confirmar():
        admin_client.post(f"{A}{platica.pk}/delete/", {"post": "yes"})
    assert realizadas(admin_client) == 0

    with confirmar():
        admin_client.post(A + "eliminadas/", {"actividad": platica.pk})
    assert realizadas(admin_client) == 1
    assert participantes(admin_client) == 40


def test_accion_marcar_realizadas(admin_client, confirmar):
    programada = f.ActividadFactory(entidades=["24"], estado=Actividad.Estado.PROGRAMADA)
    assert realizadas(admin_client) == 0
    with confirmar():
        admin_client.post(A, {"action": "marcar_realizadas", "_selected_action": [programada.pk]})

    assert realizadas(admin_client) == 1


def test_revertir_desde_el_historial(admin_client, confirmar, platica):
    original = platica.historial.earliest("history_date").history_id
    with confirmar():
        platica.estado, platica.motivo = Actividad.Estado.CANCELADA, "Lluvia"
        platica.save()
    assert realizadas(admin_client) == 0

    url = f"{A}{platica.pk}/history/{original}/"
    with confirmar():
        assert admin_client.post(url, formulario_abierto(admin_client, url)).status_code == 302

    assert realizadas(admin_client) == 1


def test_importar_una_hoja(demo, admin_client, confirmar):
    antes = realizadas(admin_client)
    with confirmar():
        informe = importar(csv_bytes([fila(), fila(titulo="Otra plática")]))
    assert informe.valido

    assert realizadas(admin_client) == antes + 2


def test_importar_cambia_el_anio_y_los_dos_anios_cambian(demo, admin_client, confirmar):
    with confirmar():
        importar(csv_bytes([fila(folio="SLP-MOVIDA")]))
    antes_2015, antes_2016 = realizadas(admin_client), realizadas(admin_client, anio=2016)

    with confirmar():
        informe = importar(csv_bytes([fila(folio="SLP-MOVIDA", fecha_inicio="18/03/2016")]))
    assert informe.valido

    assert realizadas(admin_client) == antes_2015 - 1
    assert realizadas(admin_client, anio=2016) == antes_2016 + 1


def test_mover_de_anio_en_el_admin_cambia_los_dos_anios(admin_client, confirmar, platica):
    assert (realizadas(admin_client), realizadas(admin_client, anio=2016)) == (1, 0)
    datos = formulario_abierto(admin_client, f"{A}{platica.pk}/change/")
    with confirmar():
        datos |= {"fecha_inicio": "18/03/2016", "fecha_fin": "18/03/2016"}
        assert admin_client.post(f"{A}{platica.pk}/change/", datos).status_code == 302

    assert (realizadas(admin_client), realizadas(admin_client, anio=2016)) == (0, 1)


def test_entidad_quitada_de_la_actividad(admin_client, confirmar, platica):
    assert realizadas(admin_client) == 1
    with confirmar():
        platica.entidades.set(["09"])

    assert (realizadas(admin_client), realizadas(admin_client, clave="09")) == (0, 1)


def test_catalogo_renombrado(admin_client, confirmar, platica):
    audiencia = Audiencia.objects.get(pk=platica.participaciones.get().audiencia_id)
    assert f"participantes: {audiencia.nombre}" in tabla(admin_client)["clave"]
    assert audiencia.nombre in _encabezado(admin_client)
    with confirmar():
        audiencia.nombre = "Madres, padres y tutores"
        audiencia.save()

    assert "participantes: Madres, padres y tutores" in tabla(admin_client)["clave"]
    assert "Madres, padres y tutores" in _encabezado(admin_client)


def _encabezado(cliente) -> list[str]:
    # La primera celda dice «Clave ▲»: la tabla viene ordenada por clave.
    return next(celdas for clave, celdas in pagina(cliente).items() if clave.startswith("Clave"))


def test_tablero_y_detalle_de_la_entidad(admin_client, confirmar, platica):
    assert "Plática en SLP" in admin_client.get("/informes/cobertura/24/", {"anio": 2015}).text
    assert "Actividades realizadas 1 0" in _texto(admin_client.get("/informes/", {"anio": 2015}))
    with confirmar():
        f.ActividadFactory(entidades=["24"], titulo="Segunda plática")

    detalle = _texto(admin_client.get("/informes/cobertura/24/", {"anio": 2015}))
    assert "Segunda plática" in detalle
    assert "Actividades realizadas 2 0" in _texto(admin_client.get("/informes/", {"anio": 2015}))


def _texto(respuesta) -> str:
    from tests.informes.cobertura.test_vistas import texto

    return texto(respuesta)


def test_un_cambio_de_2026_no_vacia_la_cache_de_2015(
    admin_client, confirmar, platica, django_assert_num_queries
):
    assert realizadas(admin_client) == 1
    with confirmar():
        f.ActividadFactory(entidades=["24"], fecha_inicio=dt.date(2026, 2, 2))

    # sesión, usuario, versiones de los datos, el evento de la exportación (la sesión ya se
    # renovó en este minuto). Ninguna consulta de la cobertura: 2015 sigue en la caché.
    with django_assert_num_queries(4):
        assert tabla(admin_client)["24"][2] == "1"
    # La página: lo mismo sin el evento.
    with django_assert_num_queries(3):
        assert pagina(admin_client)["24"][2] == "1"


def test_pagina_en_cache_solo_consulta_sesion_usuario_y_versiones(
    coordinador, client, platica, django_assert_num_queries
):
    client.force_login(coordinador)
    client.get("/informes/cobertura/", {"anio": 2015})
    # sesión, usuario, permisos (2), alcance, versiones de los datos (la sesión ya se renovó
    # en este minuto). El cuerpo ya dibujado: ni las opciones del formulario.
    with django_assert_num_queries(6):
        respuesta = client.get("/informes/cobertura/", {"anio": 2015})
    assert "31 de 32 entidades sin actividades realizadas" in _texto(respuesta)

    client.get("/informes/", {"anio": 2015})
    # sesión, usuario, permisos (2), alcance, versiones de los datos y las convocatorias (una
    # consulta pequeña, fuera de la caché: no dependen de las versiones de las actividades).
    with django_assert_num_queries(7):
        client.get("/informes/", {"anio": 2015})

    client.get("/informes/cobertura/24/", {"anio": 2015})
    # sesión, usuario, permisos (2), entidad, alcance, versiones de los datos: ni el conteo
    # ni la página de actividades con sus precargas.
    with django_assert_num_queries(7):
        respuesta = client.get("/informes/cobertura/24/", {"anio": 2015})
    assert "Plática en SLP" in _texto(respuesta)


def test_un_enlace_nunca_recibe_las_cifras_nacionales(admin_client, client, platica):
    f.ActividadFactory(entidades=["09"])
    assert tabla(admin_client)["00"][2] == "2"  # nacional: queda en la caché

    enlace = User.objects.create_user("enlace.slp", password="x", is_staff=True)
    enlace.groups.add(Group.objects.get(name=ENLACE))
    PerfilUsuario.objects.create(usuario=enlace).entidades.set(["24"])
    client.force_login(enlace)
    suya = tabla(client)

    assert suya["00"][1:3] == ["Total de sus entidades", "1"]
    assert "09" not in suya


def test_dos_procesos_con_memoria_propia_nunca_sirven_cifras_viejas(
    settings, admin_client, confirmar, platica
):
    """Cada proceso de gunicorn tiene su memoria; las versiones, en la base, son de todos."""
    procesos = {
        nombre: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": nombre}
        for nombre in ("proceso-a", "proceso-b")
    }

    def en(proceso):
        settings.CACHES = {**settings.CACHES, "default": procesos[proceso]}

    en("proceso-a")
    assert realizadas(admin_client) == 1
    en("proceso-b")
    assert realizadas(admin_client) == 1
    with confirmar():  # la escritura llega por el proceso b
        Participacion.objects.filter(actividad=platica).delete()
        platica.delete()
    assert realizadas(admin_client) == 0

    en("proceso-a")  # su memoria aún tiene el 1, bajo versiones que ya no son las vigentes
    assert realizadas(admin_client) == 0


def _redis_responde() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.2).close()
        return True
    except OSError:
        return False


@pytest.mark.redis
@pytest.mark.skipif(not _redis_responde(), reason="Redis no responde en 127.0.0.1:6379")
def test_con_redis_como_en_produccion(settings, admin_client, confirmar, platica):
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
        # Un prefijo propio: otras pruebas (u otro sitio) en el mismo Redis no se ven.
        "KEY_PREFIX": f"prueba-{uuid.uuid4().hex}",
    }
    settings.CACHES = {"default": redis, "versiones": redis}
    try:
        assert realizadas(admin_client) == 1
        with confirmar():
            f.ActividadFactory(entidades=["24"])
        assert realizadas(admin_client) == 2
    finally:  # solo lo suyo: clear() vaciaría todo el Redis
        cliente = caches["default"]._cache.get_client()
        for llave in cliente.scan_iter(f"{redis['KEY_PREFIX']}:*"):
            cliente.delete(llave)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restaurar_un_respaldo(tmp_path, settings, admin_client):
    import importlib

    from django.apps import apps
    from django.core.management import call_command

    f.ActividadFactory(entidades=["24"])
    archivo = tmp_path / "respaldo.zip"
    call_command("respaldar", "--salida", str(archivo), verbosity=0)
    f.ActividadFactory(entidades=["24"])
    assert realizadas(admin_client) == 2

    # Una base recién migrada, sin el aviso de migrate (que también renovaría las versiones):
    # aquí solo cuenta el de la restauración.
    call_command("flush", "--no-input", inhibit_post_migrate=True)
    importlib.import_module("programa.migrations.0002_catalogos_iniciales").cargar(apps, None)
    filtros = Filtros(Periodo.anio(2015))
    assert cache.cobertura(filtros).fila("24").realizadas == 0  # la base vacía, en caché
    settings.MEDIA_ROOT = tmp_path / "otra-media"
    call_command("restaurar", str(archivo), verbosity=0)

    admin_client.force_login(User.objects.get(username="admin"))
    assert realizadas(admin_client) == 1
