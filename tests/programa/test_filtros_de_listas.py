"""Las listas del admin aceptan de la dirección solo sus filtros, búsqueda, orden y página.

Se recorre cada ModelAdmin registrado (los del programa, usuarios y grupos, django-axes):
nadie escribe a mano la lista de admins, así que uno nuevo queda probado solo.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

REGEX_CATASTROFICA = "^(a+)+$"


def listas():
    return sorted(
        (modelo._meta.label, modelo_admin) for modelo, modelo_admin in admin.site._registry.items()
    )


def url_de(modelo_admin) -> str:
    opts = modelo_admin.model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def hostiles(modelo_admin) -> list[str]:
    """Búsquedas por campos propios, por relaciones y por campos que no existen."""
    modelo = modelo_admin.model
    filtrados = {  # `campo__isnull` es parte de un filtro declarado por campo
        filtro[0] if isinstance(filtro, tuple) else filtro
        for filtro in modelo_admin.list_filter
        if isinstance(filtro, str | tuple)
    }
    consultas = [
        "pk__gt=0",
        "id__gt=0",
        f"titulo__regex={REGEX_CATASTROFICA}",
        "password__startswith=pbkdf2",
        "usuario__password__startswith=p",
        "history_user__password__startswith=p",
        f"entidades__nombre__iregex={REGEX_CATASTROFICA}",
        "groups__name__startswith=A",
    ]
    for campo in modelo._meta.concrete_fields:
        if campo.is_relation:
            consultas.append(f"{campo.name}__pk__gt=0")
        else:
            consultas.append(f"{campo.name}__regex={REGEX_CATASTROFICA}")
            if campo.name not in filtrados:
                consultas.append(f"{campo.name}__isnull=False")
    for campo in modelo._meta.many_to_many:
        consultas.append(f"{campo.name}__id__gte=0")
    return consultas


@pytest.fixture
def registros(db):
    convenio = f.ConvenioFactory()
    f.ParteConvenioFactory(convenio=convenio)
    actividad = f.ActividadFactory(entidades=["24"], convenio=convenio)
    f.ParticipacionFactory(actividad=actividad)
    f.ProductoFactory(actividad=actividad, convenio=convenio)
    f.EstrategiaFactory()
    Group.objects.get_or_create(name="Consulta")


@pytest.mark.parametrize(("etiqueta", "modelo_admin"), listas(), ids=[e for e, _ in listas()])
def test_cada_lista_rechaza_filtros_que_no_ofrece(admin_client, registros, etiqueta, modelo_admin):
    url = url_de(modelo_admin)
    for consulta in hostiles(modelo_admin):
        respuesta = admin_client.get(f"{url}?{consulta}")
        rechazada = respuesta.status_code == 400 or (
            respuesta.status_code == 302 and respuesta["Location"] == f"{url}?e=1"
        )
        assert rechazada, f"{etiqueta}: ?{consulta} respondió {respuesta.status_code}"


@pytest.mark.parametrize(("etiqueta", "modelo_admin"), listas(), ids=[e for e, _ in listas()])
def test_cada_lista_sigue_filtrando_con_lo_que_ofrece(
    admin_client, registros, etiqueta, modelo_admin
):
    url = url_de(modelo_admin)
    lista = admin_client.get(url)
    assert lista.status_code == 200
    cl = lista.context["cl"]
    ofrecidas = [
        opcion["query_string"]
        for spec in cl.filter_specs
        for opcion in list(spec.choices(cl))[1:2]  # la primera después de «Todo»
    ]
    ofrecidas += ["?q=a", "?o=1", "?p=1", "?_facets=True", "?all="]
    for consulta in ofrecidas:
        respuesta = admin_client.get(f"{url}{consulta}")
        assert respuesta.status_code == 200, f"{etiqueta}: {consulta}"


def test_la_lista_de_actividades_con_sus_filtros_declarados(admin_client, registros):
    f.ActividadFactory(titulo="Plática en Oaxaca 2031", entidades=["20"])
    url = "/admin/capacitaciones/actividad/"
    respuesta = admin_client.get(f"{url}?entidad=20&tipo__exact=platica&q=Oaxaca")
    assert respuesta.status_code == 200
    assert [a.titulo for a in respuesta.context["cl"].result_list] == ["Plática en Oaxaca 2031"]


def test_un_usuario_de_consulta_no_puede_probar_una_regex(client, registros):
    usuario = User.objects.create_user("lectora", password="x" * 12, is_staff=True)
    usuario.groups.add(Group.objects.get(name="Consulta"))
    client.force_login(usuario)
    url = "/admin/capacitaciones/actividad/"

    respuesta = client.get(f"{url}?titulo__regex={REGEX_CATASTROFICA}", follow=True)

    assert respuesta.redirect_chain == [(f"{url}?e=1", 302)]
    assert "esta lista no ofrece" in respuesta.content.decode()


def test_la_contrasena_no_se_adivina_desde_la_lista_de_usuarios(admin_client):
    url = "/admin/auth/user/"
    respuesta = admin_client.get(f"{url}?password__startswith=pbkdf2_sha256")
    assert respuesta.status_code == 302 and respuesta["Location"] == f"{url}?e=1"


def test_una_busqueda_de_mil_palabras_se_rechaza(admin_client, registros):
    url = "/admin/capacitaciones/actividad/"
    respuesta = admin_client.get(url, {"q": " ".join(["a"] * 1000)})
    assert respuesta.status_code == 302 and respuesta["Location"] == f"{url}?e=1"


def test_la_exportacion_con_un_filtro_no_ofrecido_no_exporta(admin_client, registros):
    respuesta = admin_client.get(
        f"/admin/capacitaciones/actividad/exportar/csv/?titulo__regex={REGEX_CATASTROFICA}",
        follow=True,
    )
    assert "Los filtros de la dirección no son válidos." in respuesta.content.decode()


# Valores absurdos en filtros que sí existen y en los parámetros propios del admin.
VALORES_ABSURDOS = [
    "fecha_firma__year=0",
    "fecha_firma__year=10000",
    "fecha_firma__year=2015&fecha_firma__month=2&fecha_firma__day=30",
    "fecha_firma__year=99999999999999999999",
    "fecha__year=99999999999999999999",
    "fecha__year=2015&fecha__month=0",
    "o=-0.999.abc",
    "o=99999999999999999999",
    "p=-1",
    "p=99999999999999999999",
    "anio=2099",
    "anio=٢٠١٥",
    "anio=２０１５",
    "entidad=" + "x" * 5000,
    "temas__id__exact=99999999999999999999",
    "convenio__id__exact=99999999999999999999",
    "programa__id__exact=abc",
    "convenio__isnull=maybe",
    "estado=%00",
    "q=%00",
    "q=" + "%25_" * 60,
    "q=" + '"' * 150,
    "_facets=1",
    "all=1",
    "_to_field=password",
    "_popup=1&_to_field=folio",
]


@pytest.mark.parametrize(("etiqueta", "modelo_admin"), listas(), ids=[e for e, _ in listas()])
def test_ninguna_lista_da_error_500_con_valores_absurdos(registros, etiqueta, modelo_admin):
    cliente = Client(raise_request_exception=False)
    cliente.force_login(User.objects.create_superuser("raiz", "r@x.mx", "clave-larga-2026"))
    url = url_de(modelo_admin)
    errores = [
        (consulta[:60], respuesta.status_code)
        for consulta in VALORES_ABSURDOS
        if (respuesta := cliente.get(f"{url}?{consulta}")).status_code >= 500
    ]
    assert not errores, f"{etiqueta}: {errores}"


def test_un_anio_enorme_en_la_lista_de_convenios_da_la_lista_completa_con_aviso(admin_client):
    url = "/admin/convenios/convenio/"
    respuesta = admin_client.get(f"{url}?fecha_firma__year=99999999999999999999", follow=True)
    assert respuesta.redirect_chain == [(f"{url}?e=1", 302)]
    assert "con valores no válidos" in respuesta.content.decode()


def test_el_autocompletado_con_mil_palabras_responde_sin_resultados(client, registros):
    lector = User.objects.create_user("lector", "l@x.mx", "clave-larga-2026", is_staff=True)
    lector.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_actividad", "view_producto"])
    )
    client.force_login(lector)
    parametros = {
        "app_label": "capacitaciones",
        "model_name": "producto",
        "field_name": "actividad",
    }
    # 2 KB: cabe en la línea de 4 KB de gunicorn. La lista rechaza más de 200 caracteres o
    # 20 palabras; el autocompletado responde como si nada coincidiera, sin consultar.
    respuesta = client.get("/admin/autocomplete/", parametros | {"term": " ".join(["a"] * 1000)})
    assert respuesta.status_code == 200
    assert respuesta.json()["results"] == []
    # Una búsqueda normal sigue encontrando.
    assert client.get("/admin/autocomplete/", parametros | {"term": ""}).json()["results"]
