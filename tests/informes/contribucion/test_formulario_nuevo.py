"""El formulario del informe nuevo: periodos de un clic y un límite de palabras positivo."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from informes.contribucion.forms import InformeTextoForm
from informes.models import InformeContribucion
from tests import factories as f

pytestmark = pytest.mark.django_db
NUEVO = reverse("informes:contribucion_nuevo")


@pytest.fixture
def cliente(client, coordinador):
    client.force_login(coordinador)
    return client


def fechas(respuesta):
    form = respuesta.context["form"]
    return tuple(form[c].value() for c in ("desde", "hasta", "corte"))


def test_sin_periodo_las_fechas_empiezan_vacias_y_se_ofrecen_los_periodos(cliente, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False)
    respuesta = cliente.get(NUEVO)

    assert fechas(respuesta) == (None, None, None)
    pagina = respuesta.content.decode()
    for texto in ("?periodo=2026", "?periodo=2025-S2", "Primer semestre de 2025", ">2026<"):
        assert texto in pagina


def test_se_ofrecen_tambien_los_anios_con_actividades(cliente, time_machine):
    """Quien redacta la aportación de 2015 (la de la demo) la encuentra sin escribir fechas;
    un año sin actividades no se ofrece, y nunca más de diez años con datos."""
    time_machine.move_to(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False)
    for anio in [2015, *range(2001, 2013)]:
        f.ActividadFactory(fecha_inicio=dt.date(anio, 5, 1), fecha_fin=dt.date(anio, 5, 1))

    pagina = cliente.get(NUEVO).content.decode()

    ofrecidos = re.findall(r'href="\?periodo=(\d{4})"', pagina)
    assert ofrecidos == ["2026", "2025", "2015", *map(str, range(2012, 2003, -1))]
    assert "Primer semestre de 2015" in pagina


@pytest.mark.parametrize(
    ("clave", "esperadas"),
    [
        ("2025", (dt.date(2025, 1, 1), dt.date(2025, 12, 31))),
        ("2025-S1", (dt.date(2025, 1, 1), dt.date(2025, 6, 30))),
        ("2024-S2", (dt.date(2024, 7, 1), dt.date(2024, 12, 31))),
        ("2019", (dt.date(2019, 1, 1), dt.date(2019, 12, 31))),  # uno que no está en la lista
    ],
)
def test_un_periodo_llena_desde_hasta_y_corte(cliente, clave, esperadas):
    respuesta = cliente.get(NUEVO, {"periodo": clave})

    desde, hasta = esperadas
    assert fechas(respuesta) == (desde, hasta, hasta)
    assert f'value="{desde:%Y-%m-%d}"' in respuesta.content.decode()


@pytest.mark.parametrize("clave", ["2025-S3", "1999", "<script>", "2025-S1' OR 1=1", "9" * 500])
def test_un_periodo_que_no_existe_se_dice_y_no_llena_nada(cliente, clave):
    respuesta = cliente.get(NUEVO, {"periodo": clave})

    assert respuesta.status_code == 200
    assert fechas(respuesta) == (None, None, None)
    pagina = respuesta.content.decode()
    assert "elija uno de la lista o escriba las fechas." in pagina
    assert "«<script>»" not in pagina  # escapado, nunca como etiqueta


def _datos(**cambios):
    return {
        "titulo": "Aportación 2015",
        "destinatario": "oacnudh",
        "desde": "2015-01-01",
        "hasta": "2015-12-31",
        "corte": "2015-12-31",
        "idioma": "es",
        "limite_palabras": "3000",
    } | cambios


@pytest.mark.parametrize("escrito", ["0", "-5"])
def test_el_limite_de_palabras_debe_ser_positivo(cliente, escrito):
    respuesta = cliente.post(NUEVO, _datos(limite_palabras=escrito))

    assert respuesta.status_code == 200
    assert (
        "El límite de palabras debe ser un número entero mayor que cero, como 3000."
        in respuesta.content.decode()
    )
    assert not InformeContribucion.objects.exists()


def test_el_limite_de_palabras_con_letras_se_explica(cliente):
    respuesta = cliente.post(NUEVO, _datos(limite_palabras="tres mil"))
    assert "Escriba el límite de palabras solo con cifras, como 3000." in respuesta.content.decode()
    assert not InformeContribucion.objects.exists()


def test_el_borrador_tampoco_acepta_limite_cero(borrador):
    form = InformeTextoForm(
        {"titulo": borrador.titulo, "limite_palabras": "0", "revision_leida": borrador.revision},
        instance=borrador,
    )
    assert form.errors["limite_palabras"] == [
        "El límite de palabras debe ser un número entero mayor que cero, como 3000."
    ]
