"""Actividades, convenios, productos y estrategias se ligan a recomendaciones en el admin."""

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def recomendacion():
    documento = f.DocumentoOnuFactory(simbolo="CRC/C/MEX/CO/4-5")
    return f.RecomendacionFactory(documento=documento, parrafo="42", texto="Texto de prueba.")


def test_el_autocompletado_encuentra_la_recomendacion_por_documento(admin_client, recomendacion):
    f.RecomendacionFactory(parrafo="7")
    respuesta = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "capacitaciones",
            "model_name": "actividad",
            "field_name": "recomendaciones",
            "term": "MEX/CO/4-5",
        },
    )
    assert [r["text"] for r in respuesta.json()["results"]] == ["CRC/C/MEX/CO/4-5 párr. 42"]


@pytest.mark.parametrize(
    ("fabrica", "url"),
    [
        (f.ActividadFactory, "/admin/capacitaciones/actividad/{}/change/"),
        (f.ProductoFactory, "/admin/capacitaciones/producto/{}/change/"),
        (f.ConvenioFactory, "/admin/convenios/convenio/{}/change/"),
        (f.EstrategiaFactory, "/admin/programa/estrategia/{}/change/"),
    ],
)
def test_cada_registro_muestra_sus_recomendaciones(admin_client, recomendacion, fabrica, url):
    registro = fabrica()
    registro.recomendaciones.add(recomendacion)
    contenido = admin_client.get(url.format(registro.pk)).content.decode()
    assert 'name="recomendaciones"' in contenido
    assert "CRC/C/MEX/CO/4-5 párr. 42</option>" in contenido


def test_guardar_una_actividad_en_el_admin_liga_la_recomendacion(admin_client, recomendacion):
    actividad = f.ActividadFactory(entidades=["24"])
    respuesta = admin_client.post(
        f"/admin/capacitaciones/actividad/{actividad.pk}/change/",
        {
            "folio": actividad.folio, "tipo": "platica", "titulo": actividad.titulo,
            "estado": "realizada", "precision": "dia", "fecha_inicio": "18/03/2015",
            "modalidad": "presencial", "programa": actividad.programa_id, "entidades": ["24"],
            "recomendaciones": [recomendacion.pk],
            "participaciones-TOTAL_FORMS": 0, "participaciones-INITIAL_FORMS": 0,
            "actividadinstitucion_set-TOTAL_FORMS": 0,
            "actividadinstitucion_set-INITIAL_FORMS": 0,
            "evidencias-TOTAL_FORMS": 0, "evidencias-INITIAL_FORMS": 0,
            "revision_leida": actividad.revision,
        },
    )  # fmt: skip
    assert respuesta.status_code == 302
    assert list(actividad.recomendaciones.all()) == [recomendacion]
    # El vínculo queda en el historial de la actividad.
    ultima = actividad.historial.latest("history_date", "history_id")
    assert [r.recomendacion_id for r in ultima.recomendaciones.all()] == [recomendacion.pk]
