"""Entrar al sitio detrás del proxy HTTPS: el bloqueo es por cuenta y dirección real."""

import datetime as dt

import pytest
from django.test import RequestFactory

from programa.acceso import direccion_cliente, duracion_legible
from programa.models import Evento

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PROXY = "127.0.0.1"  # nginx en el mismo servidor: toda conexión llega desde aquí
CLAVE = "clave-larga-2026"


@pytest.fixture
def ana(django_user_model):
    return django_user_model.objects.create_user("ana", password=CLAVE, is_staff=True)


def _entrar(client, clave, xff=None, remota=PROXY, usuario="ana"):
    extra = {"REMOTE_ADDR": remota}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return client.post(LOGIN, {"username": usuario, "password": clave}, **extra)


def test_detras_del_proxy_un_atacante_no_bloquea_la_cuenta_de_otra_persona(client, ana, settings):
    settings.PROXIES_DE_CONFIANZA = 1
    for _ in range(5):
        ultima = _entrar(client, "mala", xff="203.0.113.9")
    assert ultima.status_code == 429

    # Ana, desde su propia dirección y a través del mismo proxy, entra.
    entra = _entrar(client, CLAVE, xff="198.51.100.7")
    assert entra.status_code == 302 and entra["Location"] == "/admin/"
    # El atacante sigue bloqueado aunque escriba la clave correcta.
    client.logout()
    assert _entrar(client, CLAVE, xff="203.0.113.9").status_code == 429


def test_detras_del_proxy_inventar_direcciones_no_evita_el_bloqueo(client, ana, settings):
    settings.PROXIES_DE_CONFIANZA = 1
    # El atacante escribe su propio X-Forwarded-For; nginx agrega al final la dirección real.
    for intento in range(5):
        ultima = _entrar(client, "mala", xff=f"10.0.0.{intento}, 203.0.113.9")
    assert ultima.status_code == 429
    assert "Cuenta bloqueada temporalmente" in ultima.content.decode()


def test_sin_proxy_configurado_la_cabecera_x_forwarded_for_se_ignora(client, ana, settings):
    settings.PROXIES_DE_CONFIANZA = 0
    for intento in range(5):
        ultima = _entrar(client, "mala", xff=f"198.51.100.{intento}", remota="203.0.113.9")
    assert ultima.status_code == 429
    # Desde otra dirección (otra conexión), la cuenta no está bloqueada.
    assert _entrar(client, CLAVE, remota="198.51.100.7").status_code == 302


def test_la_bitacora_guarda_la_direccion_real_detras_del_proxy(client, ana, settings):
    settings.PROXIES_DE_CONFIANZA = 1
    _entrar(client, "mala", xff="203.0.113.9")
    _entrar(client, CLAVE, xff="2001:db8::7")

    assert list(Evento.objects.order_by("id").values_list("tipo", "direccion_ip")) == [
        ("acceso_fallido", "203.0.113.9"),
        ("acceso", "2001:db8::7"),
    ]


@pytest.mark.parametrize(
    ("horas", "texto"),
    [
        (1.0, "por una hora a partir"),
        (0.5, "por 30 minutos a partir"),
        (2, "por 2 horas a partir"),
        (1.75, "por una hora y 45 minutos a partir"),
    ],
)
def test_el_mensaje_de_bloqueo_dice_cuanto_dura_de_verdad(client, ana, settings, horas, texto):
    settings.AXES_COOLOFF_TIME = horas
    for _ in range(5):
        bloqueo = _entrar(client, "mala")
    contenido = bloqueo.content.decode()
    assert bloqueo.status_code == 429
    assert f"la cuenta quedó bloqueada desde esta dirección {texto}" in contenido


def test_sin_tiempo_de_espera_el_mensaje_dice_que_hay_que_pedir_el_desbloqueo(
    client, ana, settings
):
    settings.AXES_COOLOFF_TIME = None
    for _ in range(5):
        bloqueo = _entrar(client, "mala")
    assert "hasta que una persona administradora del sistema la desbloquee" in (
        bloqueo.content.decode()
    )


def test_entrar_sin_next_lleva_al_inicio_del_admin(client, ana):
    respuesta = _entrar(client, CLAVE)
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "/admin/"
    assert client.get(respuesta["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("proxies", "remota", "xff", "esperada"),
    [
        (0, "203.0.113.9", "198.51.100.7", "203.0.113.9"),
        (1, PROXY, "198.51.100.7", "198.51.100.7"),
        (1, PROXY, "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        (1, PROXY, " 2001:DB8::1 ", "2001:db8::1"),
        (2, "10.0.0.2", "198.51.100.7, 10.0.0.1", "198.51.100.7"),
        (2, "10.0.0.2", "5.5.5.5, 198.51.100.7, 10.0.0.1", "198.51.100.7"),
        # Sin la cabecera o con basura: la conexión directa, nunca lo que escribió el cliente.
        (1, PROXY, None, PROXY),
        (1, PROXY, "", PROXY),
        (1, PROXY, "<script>", PROXY),
        (1, PROXY, "198.51.100.7, desconocido", PROXY),
        (2, "10.0.0.2", "198.51.100.7", "10.0.0.2"),
    ],
)
def test_direccion_cliente(settings, proxies, remota, xff, esperada):
    settings.PROXIES_DE_CONFIANZA = proxies
    extra = {"REMOTE_ADDR": remota}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    assert direccion_cliente(RequestFactory().get("/", **extra)) == esperada


@pytest.mark.parametrize(
    ("duracion", "texto"),
    [
        (dt.timedelta(hours=1), "una hora"),
        (dt.timedelta(minutes=30), "30 minutos"),
        (dt.timedelta(minutes=1), "un minuto"),
        (dt.timedelta(seconds=5), "un minuto"),
        (dt.timedelta(hours=1, minutes=1), "una hora y un minuto"),
        (dt.timedelta(hours=3), "3 horas"),
        (dt.timedelta(days=1), "un día"),
        (dt.timedelta(days=2, hours=5, minutes=10), "2 días, 5 horas y 10 minutos"),
    ],
)
def test_duracion_legible(duracion, texto):
    assert duracion_legible(duracion) == texto
