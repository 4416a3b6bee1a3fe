"""Historial de cambios, restauración de lo borrado, bitácora y bloqueo de accesos."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from capacitaciones.hojas.importar import actividades_importar
from capacitaciones.models import Actividad, Participacion
from capacitaciones.servicios import actividad_restaurar
from programa.models import Evento, PerfilUsuario
from programa.roles import CAPTURISTA, ENLACE
from tests import factories as f
from tests.capacitaciones.hojas import csv_bytes, fila

pytestmark = pytest.mark.django_db
A = "/admin/capacitaciones/actividad/"


@pytest.fixture
def capturista(client):
    usuario = User.objects.create_user("capturista", password="clave-larga-2026", is_staff=True)
    usuario.groups.add(Group.objects.get(name=CAPTURISTA))
    client.force_login(usuario)
    return usuario


def test_un_cambio_en_el_admin_queda_en_el_historial_con_quien_lo_hizo(client, capturista):
    actividad = f.ActividadFactory(titulo="Plática", entidades=["24"])
    respuesta = client.post(
        f"{A}{actividad.pk}/change/",
        {
            "folio": actividad.folio, "tipo": "platica", "titulo": "Plática corregida",
            "estado": "realizada", "precision": "dia", "fecha_inicio": "18/03/2015",
            "modalidad": "presencial", "programa": actividad.programa_id, "entidades": ["24"],
            "participaciones-TOTAL_FORMS": 0, "participaciones-INITIAL_FORMS": 0,
            "actividadinstitucion_set-TOTAL_FORMS": 0,
            "actividadinstitucion_set-INITIAL_FORMS": 0,
            "evidencias-TOTAL_FORMS": 0, "evidencias-INITIAL_FORMS": 0,
            "revision_leida": actividad.revision,
        },
    )  # fmt: skip
    assert respuesta.status_code == 302

    ultimo = actividad.historial.latest("history_date", "history_id")
    assert ultimo.history_user == capturista
    cambio = ultimo.diff_against(ultimo.prev_record)
    assert [(c.field, c.old, c.new) for c in cambio.changes] == [
        ("titulo", "Plática", "Plática corregida")
    ]
    pagina = client.get(f"{A}{actividad.pk}/history/").content.decode()
    assert "Plática corregida" in pagina and "capturista" in pagina


def test_una_actividad_borrada_se_restaura_completa(admin_client, admin_user):
    actividad = f.ActividadFactory(titulo="Capacitación en Nayarit", entidades=["18"])
    tema = f.TemaFactory(nombre="Trata de personas")
    actividad.temas.add(tema)
    f.ParticipacionFactory(actividad=actividad, total=30)
    f.EvidenciaFactory(actividad=actividad)
    pk = actividad.pk
    assert admin_client.post(f"{A}{pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Actividad.objects.filter(pk=pk).exists()

    lista = admin_client.get(A + "eliminadas/").content.decode()
    assert "Capacitación en Nayarit" in lista
    respuesta = admin_client.post(A + "eliminadas/", {"actividad": pk})

    assert respuesta.status_code == 302 and respuesta["Location"] == f"{A}{pk}/change/"
    restaurada = Actividad.objects.get(pk=pk)
    assert restaurada.titulo == "Capacitación en Nayarit"
    assert [e.clave for e in restaurada.entidades.all()] == ["18"]
    assert list(restaurada.temas.all()) == [tema]
    assert [p.total for p in restaurada.participaciones.all()] == [30]
    assert restaurada.evidencias.count() == 1
    assert "Capacitación en Nayarit" not in admin_client.get(A + "eliminadas/").content.decode()
    with pytest.raises(ValueError):
        actividad_restaurar(actividad_id=pk, usuario=admin_user)


def test_la_importacion_deja_historial_con_quien_importo_y_su_evento(demo, capturista):
    contenido = csv_bytes([fila(folio="HIST-1", entidades="24; Nayarit")])
    resultado = actividades_importar(
        archivo=io.BytesIO(contenido), nombre="slp.csv", guardar=True, usuario=capturista
    )
    assert resultado.guardado

    registro = Actividad.objects.get(folio="HIST-1").historial.get()
    assert (registro.history_type, registro.history_user) == ("+", capturista)
    assert registro.history_change_reason == "Importación de la hoja «slp.csv»"
    assert sorted(e.entidadfederativa_id for e in registro.entidades.all()) == ["18", "24"]
    assert Participacion.historial.filter(actividad_id=registro.id).count() == 1
    evento = Evento.objects.get(tipo="importacion")
    assert evento.usuario == capturista and "«slp.csv»: 1 nuevas" in evento.descripcion


def test_el_enlace_no_importa_filas_de_otra_entidad(demo):
    enlace = User.objects.create_user("enlace", is_staff=True)
    enlace.groups.add(Group.objects.get(name=ENLACE))
    PerfilUsuario.objects.create(usuario=enlace).entidades.set(["24"])
    antes = Actividad.objects.count()

    resultado = actividades_importar(
        archivo=io.BytesIO(
            csv_bytes([fila(folio="E-1"), fila(folio="E-2", entidades="Oaxaca"),
                       fila(folio="SNDIF-2015-CAP-NAY", entidades="24")])
        ),
        nombre="enlace.csv", guardar=True, usuario=enlace,
    )  # fmt: skip

    assert not resultado.guardado and Actividad.objects.count() == antes
    assert any(
        "Oaxaca no está entre sus entidades asignadas (San Luis Potosí)" in e
        for e in resultado.errores
    )
    # La de Nayarit no es suya: no se dice que existe.
    assert any(
        "No hay una actividad con el folio 'SNDIF-2015-CAP-NAY' en sus entidades" in e
        for e in resultado.errores
    )


def test_accesos_y_accesos_fallidos_en_la_bitacora(client, django_user_model):
    django_user_model.objects.create_user("ana", password="clave-larga-2026", is_staff=True)
    client.post("/admin/login/", {"username": "ana", "password": "equivocada"})
    client.post("/admin/login/", {"username": "ana", "password": "clave-larga-2026"})

    eventos = list(Evento.objects.order_by("fecha", "id").values_list("tipo", "nombre_usuario"))
    assert eventos == [("acceso_fallido", "ana"), ("acceso", "ana")]


def test_cinco_intentos_fallidos_bloquean_la_cuenta_con_un_mensaje_claro(client, django_user_model):
    django_user_model.objects.create_user("beto", password="clave-larga-2026", is_staff=True)
    for _ in range(4):
        respuesta = client.post("/admin/login/", {"username": "beto", "password": "mala"})
        assert respuesta.status_code == 200
    bloqueo = client.post("/admin/login/", {"username": "beto", "password": "mala"})
    aun_con_la_buena = client.post(
        "/admin/login/", {"username": "beto", "password": "clave-larga-2026"}
    )

    assert bloqueo.status_code == 429
    assert "Cuenta bloqueada temporalmente" in bloqueo.content.decode()
    assert "5 intentos fallidos" in bloqueo.content.decode()
    assert aun_con_la_buena.status_code == 429
    # Un administrador la desbloquea (en el admin, o con la orden de django-axes).
    call_command("axes_reset_username", "beto")
    entra = client.post("/admin/login/", {"username": "beto", "password": "clave-larga-2026"})
    assert entra.status_code == 302


def test_otra_cuenta_desde_la_misma_direccion_no_queda_bloqueada(client, django_user_model):
    django_user_model.objects.create_user("carla", password="clave-larga-2026", is_staff=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "otra", "password": "mala"})
    entra = client.post("/admin/login/", {"username": "carla", "password": "clave-larga-2026"})
    assert entra.status_code == 302
