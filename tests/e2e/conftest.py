"""Pruebas de punta a punta: Chromium de Debian, manejado por Playwright, contra un servidor vivo.

Se corren con ``make e2e`` (``pytest -m e2e``); ``make test`` las excluye con la marca ``e2e``
(``addopts`` de pyproject.toml). Cada recorrido guarda capturas de sus pantallas clave en
``artefactos/e2e/<prueba>/`` y revisa cada pantalla con axe-core: una infracción de impacto
grave (*serious*) o crítico (*critical*) hace fallar la prueba. Los resultados de axe de todas
las pantallas quedan en ``artefactos/e2e/axe.json`` y ``artefactos/e2e/axe.md``.
"""

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from capacitaciones.servicios import demo_cargar

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
ARGUMENTOS_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTEFACTOS = Path(settings.BASE_DIR) / "artefactos" / "e2e"
IMPACTOS_QUE_FALLAN = {"serious", "critical"}
ESPERA_MS = 30_000

# Resultados de axe de toda la sesión: se escriben al terminar (pytest_sessionfinish).
_REVISIONES: list[dict] = []


@pytest.fixture(scope="session")
def _orm_junto_a_playwright():
    """Permite usar el ORM en el hilo de la prueba mientras Playwright está abierto.

    La API síncrona de Playwright deja un bucle de asyncio registrado en este hilo; Django lo
    ve y lanza SynchronousOnlyOperation ante cualquier consulta (cargar la demo, crear el
    usuario, comprobar lo guardado). Aquí no hay código asíncrono que proteger: el hilo es
    síncrono y el servidor vivo corre en su propio hilo. Solo se activa mientras hay navegador.
    """
    with pytest.MonkeyPatch.context() as parche:
        parche.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def navegador(_orm_junto_a_playwright):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=ESPERA_MS)

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"No está Chromium en {CHROMIUM}: instálelo con .ci/instalar-paquetes navegador "
            "(apt-get install chromium) o indique otro con E2E_CHROMIUM."
        )
    with sync_playwright() as playwright:
        navegador = playwright.chromium.launch(
            executable_path=CHROMIUM, args=ARGUMENTOS_CHROMIUM, headless=True
        )
        yield navegador
        navegador.close()


@pytest.fixture
def datos_demo(transactional_db):
    """Los hechos de 2015, en una base que también ve el servidor vivo.

    Las pruebas con servidor vivo son transaccionales: al terminar se vacía la base. Cada módulo
    marca ``django_db(transaction=True, serialized_rollback=True)`` para que lo que cargan las
    migraciones (las 32 entidades, los catálogos y los grupos de roles) vuelva en la siguiente.
    """
    demo_cargar()


@pytest.fixture
def pagina(navegador, live_server, request):
    contexto = navegador.new_context(
        base_url=live_server.url,
        locale="es-MX",
        timezone_id="America/Mexico_City",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    contexto.set_default_timeout(ESPERA_MS)
    pagina = contexto.new_page()
    errores: list[str] = []
    pagina.on("pageerror", lambda error: errores.append(str(error)))
    yield pagina
    falla = getattr(request.node, "rep_call", None)
    if falla is not None and falla.failed:
        carpeta = ARTEFACTOS / _nombre(request.node.name)
        carpeta.mkdir(parents=True, exist_ok=True)
        pagina.screenshot(path=carpeta / "al-fallar.png", full_page=True)
    contexto.close()
    assert not errores, f"Errores de JavaScript en la página: {errores}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    reporte = yield
    if reporte.when == "call":
        item.rep_call = reporte  # para la captura al fallar
    return reporte


def _nombre(texto: str) -> str:
    """'Plática nueva, llena' -> 'platica-nueva-llena' (para nombres de archivo)."""
    sin_acentos = unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", sin_acentos.lower()).strip("-")


@dataclass
class Recorrido:
    """Las pantallas clave de un recorrido: cada una se captura y se revisa con axe."""

    pagina: object
    prueba: str
    carpeta: Path
    pantallas: list[str] = field(default_factory=list)

    def pantalla(self, nombre: str, excluir: dict[str, str] | None = None) -> dict:
        """Captura la pantalla actual y la revisa con axe-core.

        ``excluir``: regla de axe -> por qué no aplica o no se puede corregir en esta pantalla.
        """
        from axe_playwright_python.sync_playwright import Axe

        excluir = excluir or {}
        self.pantallas.append(nombre)
        archivo = self.carpeta / f"{len(self.pantallas):02d}-{_nombre(nombre)}.png"
        self.pagina.screenshot(path=archivo, full_page=True)
        opciones = {
            "resultTypes": ["violations"],
            "rules": {regla: {"enabled": False} for regla in excluir},
        }
        resultado = Axe().run(self.pagina, options=opciones).response
        infracciones = [
            {
                "regla": v["id"],
                "impacto": v["impact"],
                "descripcion": v["help"],
                "elementos": [", ".join(map(str, n["target"])) for n in v["nodes"]],
            }
            for v in resultado["violations"]
        ]
        revision = {
            "prueba": self.prueba,
            "pantalla": nombre,
            "url": self.pagina.url.removeprefix(_origen(self.pagina.url)),
            "captura": str(archivo.relative_to(ARTEFACTOS)),
            "axe": resultado["testEngine"]["version"],
            "infracciones": infracciones,
            "reglas_excluidas": excluir,
        }
        _REVISIONES.append(revision)
        graves = [i for i in infracciones if i["impacto"] in IMPACTOS_QUE_FALLAN]
        assert not graves, f"axe-core en «{nombre}» ({revision['url']}):\n" + "\n".join(
            f"- {i['regla']} ({i['impacto']}): {i['descripcion']} en {i['elementos']}"
            for i in graves
        )
        return revision


def _origen(url: str) -> str:
    coincide = re.match(r"^https?://[^/]+", url)
    return coincide.group(0) if coincide else ""


@pytest.fixture
def recorrido(pagina, request):
    carpeta = ARTEFACTOS / _nombre(request.node.name)
    carpeta.mkdir(parents=True, exist_ok=True)
    for viejo in carpeta.glob("*.png"):
        viejo.unlink()
    return Recorrido(pagina=pagina, prueba=request.node.name, carpeta=carpeta)


def pytest_sessionfinish(session):
    if not _REVISIONES:
        return
    ARTEFACTOS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTOS / "axe.json").write_text(
        json.dumps(_REVISIONES, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    renglones = [
        "# Revisión de accesibilidad (axe-core) de las pantallas de los recorridos",
        "",
        "| prueba | pantalla | URL | infracciones (impacto) | reglas excluidas |",
        "|---|---|---|---|---|",
    ]
    for r in _REVISIONES:
        infracciones = (
            ", ".join(f"{i['regla']} ({i['impacto']})" for i in r["infracciones"]) or "ninguna"
        )
        excluidas = ", ".join(f"{k}: {v}" for k, v in r["reglas_excluidas"].items()) or "—"
        renglones.append(
            f"| {r['prueba']} | {r['pantalla']} | `{r['url']}` | {infracciones} | {excluidas} |"
        )
    (ARTEFACTOS / "axe.md").write_text("\n".join(renglones) + "\n", encoding="utf-8")
