"""Volver a una versión anterior de un convenio devuelve también sus partes de entonces."""

import pytest

from convenios.models import Convenio, ParteConvenio
from tests import factories as f

pytestmark = pytest.mark.django_db
C = "/admin/convenios/convenio/"


def formulario(convenio_pk, partes, *, titulo="Convenio con el ILCE", iniciales=(), revision=None):
    """El formulario del admin con el inline de partes: (id o None, institución, rol, borrar)."""
    datos = {
        "folio": "CONV-2031-ILCE", "tipo": "licencia", "titulo": titulo,
        "programa": f.ProgramaFactory().pk, "fecha_firma": "29/10/2031",
        "vigencia_inicio": "29/10/2031", "vigencia_fin": "",
        "partes-TOTAL_FORMS": len(partes), "partes-INITIAL_FORMS": len(iniciales),
        "partes-MIN_NUM_FORMS": 1, "partes-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    if revision is not None:
        datos["revision_leida"] = revision  # el campo oculto que la página trae
    for n, (pk, institucion, rol, borrar) in enumerate(partes):
        datos |= {
            f"partes-{n}-id": pk or "",
            f"partes-{n}-convenio": convenio_pk or "",
            f"partes-{n}-institucion": institucion.pk,
            f"partes-{n}-rol": rol,
        }
        if borrar:
            datos[f"partes-{n}-DELETE"] = "on"
    return datos


def partes(convenio):
    return sorted((p.institucion.siglas, p.rol) for p in convenio.partes.all())


def test_volver_a_una_version_devuelve_las_partes_de_esa_version(admin_client):
    ilce = f.InstitucionFactory(nombre="Instituto Latinoamericano", siglas="ILCE")
    sndif = f.InstitucionFactory(nombre="Sistema Nacional DIF", siglas="SNDIF")
    pf = f.InstitucionFactory(nombre="Policía Federal", siglas="PF")
    alta = admin_client.post(
        C + "add/",
        formulario(
            None, [(None, ilce, "licenciante", False), (None, sndif, "licenciataria", False)]
        ),
    )
    assert alta.status_code == 302
    convenio = Convenio.objects.get(folio="CONV-2031-ILCE")
    primera = convenio.historial.earliest("history_date", "history_id")
    p_ilce, p_sndif = convenio.partes.order_by("id")

    # Se corrige: el SNDIF sale, entra la PF como testigo y el ILCE cambia de papel.
    cambio = admin_client.post(
        f"{C}{convenio.pk}/change/",
        formulario(
            convenio.pk,
            [
                (p_ilce.pk, ilce, "firmante", False),
                (p_sndif.pk, sndif, "licenciataria", True),
                (None, pf, "testigo", False),
            ],
            titulo="Convenio corregido",
            iniciales=(1, 2),
            revision=convenio.revision,
        ),
    )
    assert cambio.status_code == 302
    assert partes(convenio) == [("ILCE", "firmante"), ("PF", "testigo")]

    url = f"{C}{convenio.pk}/history/{primera.history_id}/"
    vista = admin_client.get(url).content.decode()
    assert "Las partes de esta versión, que vuelven con ella:" in vista
    assert "(Licenciante)" in vista and "(Licenciataria)" in vista
    convenio.refresh_from_db()
    revertir = admin_client.post(
        url, formulario(convenio.pk, [], revision=convenio.revision) | {"partes-TOTAL_FORMS": 0}
    )

    assert revertir.status_code == 302
    convenio.refresh_from_db()
    assert convenio.titulo == "Convenio con el ILCE"
    assert partes(convenio) == [("ILCE", "licenciante"), ("SNDIF", "licenciataria")]
    # Y queda en el historial de las partes, con quién lo hizo.
    ultimo = ParteConvenio.historial.filter(convenio_id=convenio.pk).latest("history_date")
    assert ultimo.history_user.username == "admin"


def test_volver_a_la_version_de_un_convenio_borrado_devuelve_sus_partes(admin_client):
    convenio = f.ConvenioFactory(titulo="Convenio con la SEP de Chiapas")
    f.ParteConvenioFactory(convenio=convenio, institucion__siglas="SEP")
    f.ParteConvenioFactory(convenio=convenio, institucion__siglas="DIF CHIS", rol="testigo")
    convenio.titulo = "Convenio con la SEP de Chiapas (rev.)"
    convenio.save()  # la versión que se va a devolver: después de sus partes
    version = convenio.historial.latest("history_date", "history_id")
    assert admin_client.post(f"{C}{convenio.pk}/delete/", {"post": "yes"}).status_code == 302

    datos = {
        "folio": convenio.folio, "tipo": convenio.tipo, "titulo": convenio.titulo,
        "programa": convenio.programa_id, "fecha_firma": "29/10/2014",
        "vigencia_inicio": "29/10/2014", "vigencia_fin": "",
        "revision_leida": version.revision,
    }  # fmt: skip
    revertir = admin_client.post(f"{C}{convenio.pk}/history/{version.history_id}/", datos)

    assert revertir.status_code == 302
    restaurado = Convenio.objects.get(pk=convenio.pk)
    assert partes(restaurado) == [("DIF CHIS", "testigo"), ("SEP", "firmante")]
