"""La importación no sobrescribe una actividad que cambió después de exportar la hoja."""

import csv
import datetime as dt
import io
import zoneinfo

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from capacitaciones.hojas.columnas import TODAS
from capacitaciones.hojas.exportar import actividades_filas, lineas_csv
from capacitaciones.models import Actividad
from tests.capacitaciones.hojas import csv_bytes, fila, foto_bd, importar

pytestmark = pytest.mark.django_db

FOLIO = "SNDIF-2015-PLATICA-01"
MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")


def exportada(*folios) -> list[dict]:
    """Las filas de la hoja que daría «Exportar» en este momento."""
    texto = "".join(lineas_csv(actividades_filas(Actividad.objects.filter(folio__in=folios))))
    return list(csv.DictReader(io.StringIO(texto.lstrip("\ufeff"))))


def cambiar_en_el_admin(folio, **campos):
    """Como si Ana López guardara la actividad en el admin."""
    ana = User.objects.get_or_create(
        username="ana.lopez", defaults={"first_name": "Ana", "last_name": "López"}
    )[0]
    actividad = Actividad.objects.get(folio=folio)
    for campo, valor in campos.items():
        setattr(actividad, campo, valor)
    actividad._history_user = ana
    actividad.save()


def test_la_exportacion_lleva_la_revision_al_final(demo):
    (renglon,) = exportada(FOLIO)
    # Solo la sigue «recomendaciones», la última columna opcional.
    assert TODAS[-2:] == ("revision", "recomendaciones")
    assert renglon["revision"] == str(Actividad.objects.get(folio=FOLIO).revision)


def test_una_fila_cuya_actividad_cambio_despues_de_exportar_no_se_guarda(demo, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 30, 13, 5, tzinfo=MEXICO), tick=False)
    (renglon,) = exportada(FOLIO)
    cambiar_en_el_admin(FOLIO, sede="Auditorio del SNDIF")
    antes = foto_bd()
    renglon["titulo"] = "Título cambiado en la hoja"
    nueva = fila(folio="SLP-NUEVA")  # todo o nada: tampoco se guarda la nueva

    resultado = importar(csv_bytes([nueva, renglon], columnas=TODAS))

    assert not resultado.guardado
    assert resultado.errores == [
        f"Fila 3, columna «revision»: La actividad {FOLIO} cambió después de exportar esta hoja "
        f"(revisión {renglon['revision']} en la hoja, {int(renglon['revision']) + 1} ahora): "
        "Ana López (ana.lopez) cambió esta actividad el 30/11/2026 a las 13:05. Para no "
        "borrar ese cambio no se guardó nada; exporte de nuevo la actividad y vuelva a hacer "
        "sus cambios en la hoja nueva."
    ]
    assert foto_bd() == antes
    assert Actividad.objects.get(folio=FOLIO).sede == "Auditorio del SNDIF"


def test_una_hoja_recien_exportada_se_importa_y_sube_la_revision(demo):
    (renglon,) = exportada(FOLIO)
    renglon["sede"] = "Sede corregida en la hoja"

    resultado = importar(csv_bytes([renglon], columnas=TODAS))

    assert resultado.guardado, resultado.errores
    actividad = Actividad.objects.get(folio=FOLIO)
    assert (actividad.sede, actividad.revision) == (
        "Sede corregida en la hoja",
        int(renglon["revision"]) + 1,
    )
    assert actividad.historial.latest("history_date", "history_id").revision == actividad.revision


def test_una_fila_sin_cambios_no_choca_aunque_la_actividad_haya_cambiado(demo):
    (renglon,) = exportada(FOLIO)
    cambiar_en_el_admin(FOLIO, sede="Auditorio")
    (actual,) = exportada(FOLIO)
    actual["revision"] = renglon["revision"]  # la hoja vieja ya dice lo mismo que la base

    resultado = importar(csv_bytes([actual], columnas=TODAS))

    assert resultado.guardado and resultado.conteo["sin_cambios"] == 1


def test_una_hoja_vieja_sin_la_columna_se_importa_como_antes(demo):
    (renglon,) = exportada(FOLIO)
    cambiar_en_el_admin(FOLIO, sede="Auditorio")
    renglon["titulo"] = "Título de una hoja vieja"
    columnas = [c for c in TODAS if c != "revision"]

    resultado = importar(csv_bytes([renglon], columnas=columnas))

    assert resultado.guardado, resultado.errores
    assert Actividad.objects.get(folio=FOLIO).titulo == "Título de una hoja vieja"


@pytest.mark.parametrize("valor", ["tres", "-2", "0", "1.5"])
def test_una_revision_escrita_a_mano_da_un_error_claro(demo, valor):
    (renglon,) = exportada(FOLIO)
    renglon["revision"] = valor

    resultado = importar(csv_bytes([renglon], columnas=TODAS))

    assert not resultado.guardado
    assert resultado.errores[0].startswith("Fila 2, columna «revision»: ")


def test_un_cambio_entre_la_vista_previa_y_la_confirmacion_se_rechaza(demo, admin_client):
    (renglon,) = exportada(FOLIO)
    renglon["titulo"] = "Título de la hoja"
    columnas = [c for c in TODAS if c != "revision"]  # también con una hoja sin la columna
    archivo = SimpleUploadedFile("slp.csv", csv_bytes([renglon], columnas=columnas))
    previa = admin_client.post(
        "/admin/capacitaciones/actividad/importar/", {"archivo": archivo}, follow=True
    )
    assert "1 actualizadas" in previa.content.decode()
    cambiar_en_el_admin(FOLIO, sede="Cambiada mientras tanto")

    respuesta = admin_client.post(
        "/admin/capacitaciones/actividad/importar/confirmar/",
        {"token": previa.context["token"]},
        follow=True,
    )

    html = respuesta.content.decode()
    assert f"La actividad {FOLIO} cambió después de la vista previa: Ana López" in html
    actividad = Actividad.objects.get(folio=FOLIO)
    assert actividad.sede == "Cambiada mientras tanto"
    assert actividad.titulo != "Título de la hoja"


def test_sin_cambios_en_medio_la_confirmacion_guarda(demo, admin_client):
    (renglon,) = exportada(FOLIO)
    renglon["titulo"] = "Título de la hoja"
    archivo = SimpleUploadedFile("slp.csv", csv_bytes([renglon], columnas=TODAS))
    previa = admin_client.post(
        "/admin/capacitaciones/actividad/importar/", {"archivo": archivo}, follow=True
    )

    admin_client.post(
        "/admin/capacitaciones/actividad/importar/confirmar/", {"token": previa.context["token"]}
    )

    assert Actividad.objects.get(folio=FOLIO).titulo == "Título de la hoja"
