"""Pruebas de punta a punta: Chromium de Debian, manejado por Playwright, contra un servidor vivo.

Se corren con ``make e2e`` (``pytest -m e2e``); ``make test`` las excluye con la marca ``e2e``
(``addopts`` de pyproject.toml). Cada recorrido guarda capturas de sus pantallas clave en
``artefactos/e2e/<prueba>/`` y revisa cada pantalla con axe-core: una infracción de impacto
grave (*serious*) o crítico (*critical*) hace fallar la prueba, y en las páginas de informes
(``/informes/``) también una moderada (*moderate*). Los resultados de axe de todas las pantallas
quedan en ``artefactos/e2e/axe.json`` y ``artefactos/e2e/axe.md``.

Cada acción de la persona (abrir una dirección, un clic, escribir, elegir, marcar, adjuntar,
descargar) se hace con un método del recorrido (``recorrido.clic(...)``,
``recorrido.escribir(...)``), que la cuenta como un paso; el recorrido termina afirmando su
máximo (``recorrido.afirmar_maximo(18)``) para que una regresión de usabilidad haga fallar la
prueba.
Los pasos de cada recorrido quedan en ``artefactos/e2e/pasos.json`` y ``artefactos/e2e/pasos.md``.
"""

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from capacitaciones.servicios import demo_cargar
from tests.e2e.teclado import (
    elegir_autocompletado,
    elegir_en_lista,
    escribir_en,
    seguir_enlace,
    tabular_hasta,
)

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
# Los informes son lo que la coordinación lee y entrega: ahí tampoco se tolera lo moderado.
IMPACTOS_QUE_FALLAN_EN_INFORMES = IMPACTOS_QUE_FALLAN | {"moderate"}
ESPERA_MS = 30_000

# Resultados de axe y pasos de toda la sesión: se escriben al terminar (pytest_sessionfinish).
_REVISIONES: list[dict] = []
_PASOS: list[dict] = []


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
    """Un recorrido de una persona: sus pasos contados y sus pantallas clave.

    Cada método de acción cuenta un paso y lo hace; con ``solo_con_teclado()`` los hace con Tab,
    Enter, Espacio y flechas (si algo no se alcanza con el teclado, la prueba falla). Una acción
    que no pasa por estos métodos no se cuenta: por eso la prueba no toca ``pagina`` para actuar,
    solo para leer y comprobar.
    """

    pagina: object
    prueba: str
    carpeta: Path
    pantallas: list[str] = field(default_factory=list)
    pasos: list[str] = field(default_factory=list)
    maximo: int | None = None
    teclado: bool = False

    # Pasos

    def paso(self, descripcion: str) -> None:
        """Cuenta una acción de la persona (los métodos de abajo la llaman)."""
        self.pasos.append(descripcion)

    def solo_con_teclado(self) -> "Recorrido":
        self.teclado = True
        return self

    def abrir(self, url: str) -> None:
        self.paso(f"Abrir {url}")
        self.pagina.goto(url)

    def clic(self, elemento, nombre: str) -> None:
        """Un enlace, un botón o una casilla que se activa."""
        self.paso(f"Enter en «{nombre}»" if self.teclado else f"Clic en «{nombre}»")
        if self.teclado:
            seguir_enlace(self.pagina, elemento)
        else:
            elemento.click()

    def escribir(self, campo, texto: str, nombre: str, *, secreto: bool = False) -> None:
        self.paso(f"Escribir {'la clave' if secreto else f'«{texto}»'} en «{nombre}»")
        if self.teclado:
            escribir_en(self.pagina, campo, texto)
        else:
            campo.fill(texto)

    def elegir(self, lista, opcion: str, nombre: str) -> None:
        """Una opción de una lista desplegable (``<select>``)."""
        self.paso(f"Elegir «{opcion}» en «{nombre}»")
        if self.teclado:
            elegir_en_lista(self.pagina, lista, opcion)
        else:
            lista.select_option(label=opcion)

    def autocompletar(self, campo_id: str, buscar: str, opcion: str, nombre: str) -> None:
        """Un campo de autocompletado del admin: escribir parte del nombre y elegir la opción."""
        self.paso(f"Elegir «{opcion}» en «{nombre}» (escribiendo «{buscar}»)")
        elegir_autocompletado(self.pagina, campo_id, buscar, opcion)

    def marcar(self, casilla, nombre: str) -> None:
        self.paso(f"Marcar «{nombre}»")
        if self.teclado:
            tabular_hasta(self.pagina, casilla)
            self.pagina.keyboard.press("Space")
        else:
            casilla.check()
        expect(casilla).to_be_checked()

    def adjuntar(self, campo, archivo: dict, nombre: str) -> None:
        """``archivo``: ``{"name", "mimeType", "buffer"}``, como lo entrega Playwright."""
        self.paso(f"Adjuntar «{archivo['name']}» en «{nombre}»")
        if self.teclado:
            # El diálogo de archivos es del sistema operativo: con el foco ya en el campo, el
            # archivo se entrega directo (esperar el «filechooser» fallaba con la máquina
            # cargada).
            tabular_hasta(self.pagina, campo)
        campo.set_input_files(archivo)

    def descargar(self, enlace, nombre: str):
        """Activa el enlace y devuelve la descarga de Playwright (``path()``, nombre sugerido)."""
        self.paso(f"Descargar «{nombre}»")
        with self.pagina.expect_download() as descarga:
            if self.teclado:
                seguir_enlace(self.pagina, enlace)
            else:
                enlace.click()
        return descarga.value

    def entrar(self, usuario: str, clave: str) -> None:
        """En la página de acceso: usuario, contraseña y Enter (tres pasos)."""
        self.escribir(self.pagina.locator("#id_username"), usuario, "Usuario")
        self.escribir(self.pagina.locator("#id_password"), clave, "Contraseña", secreto=True)
        self.paso("Oprimir Enter para entrar")
        with self.pagina.expect_navigation():
            self.pagina.locator("#id_password").press("Enter")

    def afirmar_maximo(self, maximo: int) -> None:
        """El recorrido completo no debe pedir más de ``maximo`` pasos."""
        self.maximo = maximo
        assert len(self.pasos) <= maximo, (
            f"El recorrido pidió {len(self.pasos)} pasos; el máximo es {maximo}:\n"
            + "\n".join(f"{n}. {p}" for n, p in enumerate(self.pasos, 1))
        )

    # Pantallas

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
        url = self.pagina.url.removeprefix(_origen(self.pagina.url))
        revision = {
            "prueba": self.prueba,
            "pantalla": nombre,
            "url": url,
            "captura": str(archivo.relative_to(ARTEFACTOS)),
            "axe": resultado["testEngine"]["version"],
            "infracciones": infracciones,
            "reglas_excluidas": excluir,
        }
        _REVISIONES.append(revision)
        impactos = (
            IMPACTOS_QUE_FALLAN_EN_INFORMES if url.startswith("/informes/") else IMPACTOS_QUE_FALLAN
        )
        graves = [i for i in infracciones if i["impacto"] in impactos]
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
    recorrido = Recorrido(pagina=pagina, prueba=request.node.name, carpeta=carpeta)
    yield recorrido
    llamada = getattr(request.node, "rep_call", None)
    completo = llamada is not None and llamada.passed
    _PASOS.append(
        {
            "prueba": recorrido.prueba,
            "completo": completo,
            "pasos": len(recorrido.pasos),
            "maximo": recorrido.maximo,
            "lista": recorrido.pasos,
        }
    )
    if completo and recorrido.pasos and recorrido.maximo is None:
        pytest.fail(
            f"{recorrido.prueba} contó {len(recorrido.pasos)} pasos pero no afirmó su máximo: "
            "termine el recorrido con recorrido.afirmar_maximo(N)."
        )


def pytest_sessionfinish(session):
    if _PASOS:
        _escribir_pasos()
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


def _escribir_pasos() -> None:
    ARTEFACTOS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTOS / "pasos.json").write_text(
        json.dumps(_PASOS, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    renglones = [
        "# Pasos de cada recorrido",
        "",
        "Un paso es una acción de la persona: abrir una dirección, un clic, escribir en un campo,",
        "elegir, marcar, adjuntar un archivo o descargar.",
        "",
        "| prueba | pasos | máximo | terminó |",
        "|---|---|---|---|",
    ]
    for r in _PASOS:
        pasos = r["pasos"] if r["lista"] else "sin contar"
        maximo = r["maximo"] if r["maximo"] is not None else "—"
        renglones.append(
            f"| {r['prueba']} | {pasos} | {maximo} | {'sí' if r['completo'] else 'no'} |"
        )
    for r in _PASOS:
        if not r["lista"]:
            continue
        renglones += ["", f"## {r['prueba']}: {r['pasos']} pasos", ""]
        renglones += [f"{n}. {p}" for n, p in enumerate(r["lista"], 1)]
    (ARTEFACTOS / "pasos.md").write_text("\n".join(renglones) + "\n", encoding="utf-8")
