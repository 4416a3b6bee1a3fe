import pytest
from django.urls import reverse

from tests.informes.contribucion.test_views import _final_de_prueba

pytestmark = pytest.mark.django_db


def test_lista_del_admin_y_final_de_solo_lectura(
    client, django_user_model, borrador, coordinador, django_assert_num_queries
):
    admin = django_user_model.objects.create_superuser("jefa", password="x")
    client.force_login(admin)
    finales = [_final_de_prueba(borrador, coordinador, n) for n in range(6)]
    url = reverse("admin:informes_informecontribucion_changelist")
    # sesión · usuario · conteo · informes con quien los finalizó (sin sus archivos)
    # · savepoint · UPDATE de la sesión · release
    with django_assert_num_queries(7):
        pagina = client.get(url).content.decode()
    assert pagina.count("coordinadora") == 6
    cambio = client.get(reverse("admin:informes_informecontribucion_change", args=[finales[0].pk]))
    assert cambio.status_code == 200
    assert 'name="titulo"' not in cambio.content.decode()  # solo lectura
