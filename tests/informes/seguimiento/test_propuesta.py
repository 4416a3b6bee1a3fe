"""La propuesta de estado por año y su confirmación en el admin."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from informes.seguimiento.propuesta import seguimiento_proponer
from programa.models import SeguimientoRecomendacion
from programa.roles import CAPTURISTA, COORDINACION
from tests import factories as f

pytestmark = pytest.mark.django_db
LISTA = "/admin/programa/seguimientorecomendacion/"


@pytest.fixture
def tres():
    """Una recomendación con una plática realizada en 2015, una con una programada y una con
    un producto de 2016."""
    realizada, programada, producto = f.RecomendacionFactory.create_batch(3)
    f.ActividadFactory(
        estado="realizada", fecha_inicio=dt.date(2015, 3, 18), entidades=["24"]
    ).recomendaciones.add(realizada)
    f.ActividadFactory(
        estado="programada", fecha_inicio=dt.date(2015, 9, 1), entidades=["24"]
    ).recomendaciones.add(programada)
    f.ProductoFactory(fecha=dt.date(2016, 2, 1)).recomendaciones.add(producto)
    return realizada, programada, producto


def _propuestas(anio):
    return {
        s.recomendacion_id: (s.estado_propuesto, s.estado)
        for s in SeguimientoRecomendacion.objects.filter(anio=anio)
    }


def test_con_una_accion_realizada_en_el_anio_propone_en_proceso(tres):
    realizada, programada, producto = tres
    assert seguimiento_proponer(anio=2015) == 3
    assert _propuestas(2015) == {
        realizada.pk: ("en_proceso", ""),
        programada.pk: ("sin_avances", ""),
        producto.pk: ("sin_avances", ""),
    }
    seguimiento_proponer(anio=2016)
    assert _propuestas(2016)[producto.pk] == ("en_proceso", "")
    assert seguimiento_proponer(anio=2015) == 0  # nada cambió


def test_volver_a_proponer_no_toca_lo_confirmado(tres, admin_user):
    realizada, _programada, _producto = tres
    f.SeguimientoFactory(
        recomendacion=realizada,
        anio=2015,
        estado="cumplida",
        confirmado_por=admin_user,
        confirmado_en=dt.datetime(2016, 1, 10, tzinfo=dt.UTC),
    )
    seguimiento_proponer(anio=2015)
    assert _propuestas(2015)[realizada.pk] == ("en_proceso", "cumplida")


def test_la_orden_propone_un_anio(tres, capsys):
    call_command("proponer_seguimiento", "--anio", "2015")
    assert "Propuesta de 2015: cambió en 3 recomendaciones." in capsys.readouterr().out


def _persona(client, rol):
    usuario = User.objects.create_user(rol, password="x" * 12, is_staff=True)
    usuario.groups.add(Group.objects.get(name=rol))
    client.force_login(usuario)
    return usuario


def test_coordinacion_confirma_lo_propuesto_en_el_admin(client, tres, admin_user):
    realizada, programada, producto = tres
    seguimiento_proponer(anio=2015)
    ya = SeguimientoRecomendacion.objects.get(recomendacion=producto)
    ya.estado, ya.confirmado_por = "cumplida", admin_user
    ya.confirmado_en = dt.datetime(2016, 1, 10, tzinfo=dt.UTC)
    ya.save()
    coordinadora = _persona(client, COORDINACION)

    respuesta = client.post(
        LISTA,
        {
            "action": "confirmar_lo_propuesto",
            "_selected_action": list(SeguimientoRecomendacion.objects.values_list("pk", flat=True)),
        },
        follow=True,
    )

    mensajes = [str(m) for m in respuesta.context["messages"]]
    assert mensajes == [
        "Se confirmó lo propuesto en 2 recomendaciones. 1 ya estaba confirmada o no tenía "
        "propuesta y no se cambió."
    ]
    assert _propuestas(2015) == {
        realizada.pk: ("en_proceso", "en_proceso"),
        programada.pk: ("sin_avances", "sin_avances"),
        producto.pk: ("sin_avances", "cumplida"),
    }
    confirmado = SeguimientoRecomendacion.objects.get(recomendacion=realizada)
    assert confirmado.confirmado_por == coordinadora
    assert confirmado.historial.latest("history_date").history_user == coordinadora


def test_capturista_ve_el_seguimiento_pero_no_confirma(client, tres):
    seguimiento_proponer(anio=2015)
    _persona(client, CAPTURISTA)
    pagina = client.get(LISTA)
    assert pagina.status_code == 200
    assert "confirmar_lo_propuesto" not in pagina.content.decode()


def test_editar_el_estado_lo_confirma_quien_lo_escribe(client, tres):
    realizada, _p, _q = tres
    seguimiento_proponer(anio=2015)
    coordinadora = _persona(client, COORDINACION)
    seguimiento = SeguimientoRecomendacion.objects.get(recomendacion=realizada)
    respuesta = client.post(
        f"{LISTA}{seguimiento.pk}/change/",
        {"recomendacion": realizada.pk, "anio": 2015, "estado": "cumplida", "nota": "Visto."},
    )
    assert respuesta.status_code == 302
    seguimiento.refresh_from_db()
    assert (seguimiento.estado, seguimiento.confirmado_por) == ("cumplida", coordinadora)
    assert seguimiento.estado_propuesto == "en_proceso"


def test_el_inline_de_la_recomendacion_confirma_al_cambiar_el_estado(
    admin_client, admin_user, tres
):
    realizada, _p, _q = tres
    seguimiento_proponer(anio=2015)
    seguimiento = SeguimientoRecomendacion.objects.get(recomendacion=realizada)
    respuesta = admin_client.post(
        f"/admin/programa/recomendacion/{realizada.pk}/change/",
        {
            "documento": realizada.documento_id,
            "parrafo": realizada.parrafo,
            "texto": realizada.texto,
            "revision_leida": realizada.revision,
            "seguimientos-TOTAL_FORMS": 1,
            "seguimientos-INITIAL_FORMS": 1,
            "seguimientos-0-id": seguimiento.pk,
            "seguimientos-0-recomendacion": realizada.pk,
            "seguimientos-0-anio": 2015,
            "seguimientos-0-estado": "en_proceso",
            "seguimientos-0-nota": "",
        },
    )
    assert respuesta.status_code == 302, respuesta.context["errors"]
    seguimiento.refresh_from_db()
    assert (seguimiento.estado, seguimiento.confirmado_por) == ("en_proceso", admin_user)
