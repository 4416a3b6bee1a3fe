import pytest
from django.contrib.auth.models import User

from tests.test_revision import entrar, formulario_abierto, persona

pytestmark = pytest.mark.django_db


def test_formulario_viejo_de_una_cuenta_la_reactiva_tras_desactivarla():
    ana, beto = persona("ana.admin"), persona("beto.admin")
    ex = User.objects.create_user("ex.enlace", "e@x.mx", "clave-larga-2026", is_staff=True)
    url = f"/admin/auth/user/{ex.pk}/change/"
    de_ana, de_beto = entrar(ana), entrar(beto)
    abierto_por_ana = formulario_abierto(de_ana, url)  # Ana abre la cuenta para corregir el nombre
    # Beto desactiva a quien dejó el programa.
    de_beto.post("/admin/auth/user/", {"action": "desactivar", "_selected_action": [ex.pk]})
    assert not User.objects.get(pk=ex.pk).is_active
    # Ana guarda su formulario viejo.
    abierto_por_ana.pop("date_joined", None)
    abierto_por_ana |= {"date_joined_0": "01/01/2026", "date_joined_1": "10:00:00"}
    r = de_ana.post(url, abierto_por_ana | {"first_name": "Ex"})
    if r.status_code != 302:
        print(
            r.context["adminform"].form.errors,
            [fs.formset.errors for fs in r.context["inline_admin_formsets"]],
            r.context["errors"],
        )
    assert r.status_code == 302
    assert not User.objects.get(pk=ex.pk).is_active, "la cuenta desactivada volvió a estar activa"
