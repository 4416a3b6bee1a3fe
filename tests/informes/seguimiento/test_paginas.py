"""Las páginas de las convocatorias: el informe nuevo desde una convocatoria, la edición por
respuesta con su conteo de palabras, el tablero por fecha límite y el admin con sus preguntas."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import Group

from informes.models import Convocatoria, InformeContribucion
from programa.models import PerfilUsuario
from programa.roles import ENLACE
from tests import factories as f
from tests.informes.seguimiento.test_convocatorias import (
    FOROS,
    TRATA,
    _informe,
    convocatoria,  # noqa: F401
)

pytestmark = pytest.mark.django_db


def texto(respuesta) -> str:
    html = re.sub(r"<svg.*?</svg>", " ", respuesta.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def cliente(client, coordinador):
    client.force_login(coordinador)
    return client


def test_el_informe_nuevo_toma_los_datos_de_la_convocatoria_y_responde_cada_pregunta(
    cliente,
    convocatoria,  # noqa: F811
):
    pagina = cliente.get(f"/informes/contribucion/nuevo/?convocatoria={convocatoria.pk}")
    visible = texto(pagina)
    assert "Responde a la convocatoria «Convocatoria de prueba»" in visible
    assert "fecha límite 30/09/2015 · hasta 400 palabras" in visible
    assert "¿Qué foros se realizaron?" in visible
    assert 'value="400"' in pagina.content.decode()

    respuesta = cliente.post(
        f"/informes/contribucion/nuevo/?convocatoria={convocatoria.pk}",
        {
            "titulo": "Respuesta de México",
            "destinatario": "oacnudh",
            "desde": "2015-01-01",
            "hasta": "2015-12-31",
            "corte": "2015-12-31",
            "idioma": "es",
            "limite_palabras": "400",
            "convocatoria": convocatoria.pk,
        },
    )

    informe = InformeContribucion.objects.get()
    assert respuesta.status_code == 302
    assert informe.convocatoria == convocatoria
    assert [r["pregunta"] for r in informe.respuestas][1] == FOROS[3:]


def test_una_convocatoria_que_no_existe_o_sin_preguntas_se_explica(cliente):
    pagina = cliente.get("/informes/contribucion/nuevo/?convocatoria=999")
    assert "No existe la convocatoria «999»" in texto(pagina)

    vacia = f.ConvocatoriaFactory(titulo="Convocatoria vacía")
    respuesta = cliente.post(
        "/informes/contribucion/nuevo/",
        {
            "titulo": "X",
            "destinatario": "oacnudh",
            "desde": "2015-01-01",
            "hasta": "2015-12-31",
            "corte": "2015-12-31",
            "idioma": "es",
            "convocatoria": vacia.pk,
        },
    )
    assert respuesta.status_code == 200
    assert (
        "La convocatoria «Convocatoria vacía» no tiene preguntas: agréguelas en la "
        "administración antes de crear su informe." in texto(respuesta)
    )
    assert not InformeContribucion.objects.exists()


def test_cada_respuesta_se_edita_y_cuenta_sus_palabras(
    cliente,
    convocatoria,  # noqa: F811
    django_assert_num_queries,
):
    informe = _informe(convocatoria)
    cliente.get(f"/informes/contribucion/{informe.pk}/")
    # sesión, usuario, permisos (2); el informe con su convocatoria; otras versiones (la sesión
    # ya se renovó al abrirla antes). Las respuestas y su conteo salen de la fila del informe.
    with django_assert_num_queries(6):
        pagina = cliente.get(f"/informes/contribucion/{informe.pk}/")
    visible = texto(pagina)
    assert "Palabras por respuesta (sin contar la pregunta)" in visible
    palabras = [len(re.findall(r"\w+", r["texto"])) for r in informe.respuestas]
    assert f"{TRATA} {palabras[0]}" in visible
    assert "de 400 como máximo" in visible
    html = pagina.content.decode()
    assert 'name="respuesta_2"' in html and 'name="cuerpo"' not in html

    datos = {
        "titulo": informe.titulo,
        "limite_palabras": "5",
        "introduccion": "",
        "cierre": "",
        "revision_leida": informe.revision,
        "respuesta_1": informe.respuestas[0]["texto"],
        "respuesta_2": "Se realizó un foro en Jalisco.",
        "respuesta_3": informe.respuestas[2]["texto"],
    }
    assert cliente.post(f"/informes/contribucion/{informe.pk}/", datos).status_code == 302

    informe.refresh_from_db()
    assert informe.respuestas[1]["texto"] == "Se realizó un foro en Jalisco."
    assert f"## {FOROS}\n\nSe realizó un foro en Jalisco.\n\n## 3." in informe.cuerpo
    despues = texto(cliente.get(f"/informes/contribucion/{informe.pk}/"))
    assert f"{FOROS} 6" in despues  # «Se realizó un foro en Jalisco»
    assert "El texto excede el límite de palabras." in despues


@time_machine.travel(dt.datetime(2015, 6, 15, 12), tick=False)
def test_el_tablero_lista_las_convocatorias_por_fecha_limite(
    cliente, client, django_user_model, django_assert_num_queries
):
    f.ConvocatoriaFactory(titulo="Relatoría, julio", fecha_limite=dt.date(2015, 7, 31))
    f.ConvocatoriaFactory(titulo="EPU, junio", fecha_limite=dt.date(2015, 6, 20))
    f.ConvocatoriaFactory(titulo="Comité, marzo", fecha_limite=dt.date(2015, 3, 1))
    f.ConvocatoriaFactory(titulo="OACNUDH, mayo", fecha_limite=dt.date(2015, 5, 30))

    visible = texto(cliente.get("/informes/", {"anio": 2015}))

    proximas = visible.index("Próximas (la más cercana primero)")
    vencidas = visible.index("Vencidas (la más reciente primero)")
    orden = [visible.index(t) for t in ("EPU, junio", "Relatoría, julio")]
    assert proximas < orden[0] < orden[1] < vencidas
    assert vencidas < visible.index("OACNUDH, mayo") < visible.index("Comité, marzo")
    assert "20/06/2015 EPU, junio OACNUDH 3000 0 · Redactar su informe" in visible

    enlace = django_user_model.objects.create_user("enlace", is_staff=True)
    enlace.groups.add(Group.objects.get(name=ENLACE))
    PerfilUsuario.objects.create(usuario=enlace).entidades.set(["24"])
    client.force_login(enlace)
    assert "Convocatorias" not in texto(client.get("/informes/", {"anio": 2015}))


def test_el_admin_rechaza_un_limite_de_palabras_que_no_es_positivo(admin_client):
    datos = {
        "organismo": "epu",
        "titulo": "Convocatoria",
        "fecha_limite": "2015-09-30",
        "limite_palabras": "0",
        "idiomas": "es",
        "preguntas-TOTAL_FORMS": "1",
        "preguntas-INITIAL_FORMS": "0",
        "preguntas-0-numero": "1",
        "preguntas-0-texto": "¿Qué se hizo?",
    }
    respuesta = admin_client.post("/admin/informes/convocatoria/add/", datos)

    assert respuesta.status_code == 200
    assert "El límite de palabras debe ser un número entero mayor que cero" in texto(respuesta)
    datos["limite_palabras"] = "3000"
    assert admin_client.post("/admin/informes/convocatoria/add/", datos).status_code == 302


def test_con_varias_preguntas_cada_una_necesita_su_texto(admin_client):
    datos = {
        "organismo": "epu",
        "titulo": "Convocatoria",
        "fecha_limite": "2015-09-30",
        "idiomas": "es",
        "preguntas-TOTAL_FORMS": "2",
        "preguntas-INITIAL_FORMS": "0",
        "preguntas-0-numero": "1",
        "preguntas-0-texto": "¿Qué se hizo?",
        "preguntas-1-numero": "2",
        "preguntas-1-tipos": ["foro"],
    }
    respuesta = admin_client.post("/admin/informes/convocatoria/add/", datos)

    assert "falta en la pregunta 2" in texto(respuesta)


def test_dos_personas_editan_la_misma_convocatoria_y_la_segunda_no_pisa_a_la_primera(
    admin_client,
):
    datos = {
        "organismo": "epu",
        "titulo": "Convocatoria",
        "fecha_limite": "2015-09-30",
        "idiomas": "es",
        "preguntas-TOTAL_FORMS": "1",
        "preguntas-INITIAL_FORMS": "0",
        "preguntas-0-numero": "1",
        "preguntas-0-texto": "¿Qué se hizo?",
    }
    admin_client.post("/admin/informes/convocatoria/add/", datos)
    guardada = Convocatoria.objects.get()
    pregunta = guardada.preguntas.get()
    url = f"/admin/informes/convocatoria/{guardada.pk}/change/"
    abierta = admin_client.get(url).content.decode()
    leida = re.search(r'name="revision_leida" value="(\d+)"', abierta)
    datos |= {
        "revision_leida": leida.group(1) if leida else "1",
        "preguntas-INITIAL_FORMS": "1",
        "preguntas-0-id": str(pregunta.pk),
        "preguntas-0-convocatoria": str(guardada.pk),
    }
    # Las dos abrieron el mismo formulario; la primera guarda su cambio.
    primera = admin_client.post(url, datos | {"preguntas-0-texto": "¿Qué se hizo en 2015?"})
    assert primera.status_code == 302

    segunda = admin_client.post(url, datos | {"titulo": "Convocatoria con otro título"})

    assert segunda.status_code == 200
    assert "Sus cambios no se guardaron" in texto(segunda)
    guardada.refresh_from_db()
    assert guardada.titulo == "Convocatoria"
    assert guardada.preguntas.get().texto == "¿Qué se hizo en 2015?"
