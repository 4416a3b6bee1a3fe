"""Manejar las páginas solo con el teclado, como lo haría alguien que no usa ratón.

``tabular_hasta`` oprime Tab hasta que el foco llega al elemento buscado: si nunca llega, el
elemento no se alcanza con el teclado y la prueba falla diciendo cuál era.
"""

from playwright.sync_api import Locator, Page, expect

MAXIMO_TABS = 250


def tiene_foco(elemento: Locator) -> bool:
    return elemento.evaluate("el => el === document.activeElement")


def tabular_hasta(pagina: Page, elemento: Locator, *, atras: bool = False) -> None:
    """Tab (o Mayús+Tab) hasta que ``elemento`` tenga el foco."""
    tecla = "Shift+Tab" if atras else "Tab"
    for _ in range(MAXIMO_TABS):
        if elemento.count() == 1 and tiene_foco(elemento):
            return
        pagina.keyboard.press(tecla)
    raise AssertionError(f"Con {tecla} el foco nunca llegó a {elemento}.")


def escribir_en(pagina: Page, elemento: Locator, texto: str) -> None:
    """Llega al campo con Tab, borra lo que tenga y escribe."""
    tabular_hasta(pagina, elemento)
    pagina.keyboard.press("Control+A")
    pagina.keyboard.press("Delete")
    pagina.keyboard.type(texto)


def elegir_en_lista(pagina: Page, select: Locator, etiqueta: str) -> None:
    """Un <select> normal: llega con Tab y baja con las flechas hasta la opción.

    (Escribir la etiqueta no sirve con acentos: Chromium no los manda a la búsqueda del select.)
    """
    tabular_hasta(pagina, select)
    opciones = select.evaluate("s => Array.from(s.options, o => o.text)")
    assert etiqueta in opciones, f"«{etiqueta}» no está entre las opciones {opciones}."
    pagina.keyboard.press("Home")
    for _ in opciones:
        if select.evaluate("s => s.options[s.selectedIndex].text") == etiqueta:
            return
        pagina.keyboard.press("ArrowDown")
    raise AssertionError(f"Con las flechas no se llegó a «{etiqueta}» en {select}.")


def elegir_autocompletado(pagina: Page, campo_id: str, buscar: str, opcion: str) -> None:
    """Un campo de autocompletado del admin (select2): Tab, Enter, escribir, Enter."""
    contenedor = pagina.locator(f"#{campo_id} + .select2")
    multiple = contenedor.locator(".select2-selection--multiple .select2-search__field")
    if multiple.count():
        tabular_hasta(pagina, multiple)
        busqueda = multiple
    else:
        tabular_hasta(pagina, contenedor.locator(".select2-selection"))
        pagina.keyboard.press("Enter")
        # select2 abre su lista y pasa el foco a su buscador: escribir antes lo perdería.
        busqueda = pagina.locator(".select2-container--open .select2-search__field")
        expect(busqueda).to_be_focused()
    pagina.keyboard.type(buscar)
    expect(busqueda).to_have_value(buscar)
    resaltada = pagina.locator(".select2-results__option--highlighted")
    expect(resaltada).to_have_text(opcion)
    pagina.keyboard.press("Enter")
    expect(contenedor).to_contain_text(opcion)


def seguir_enlace(pagina: Page, enlace: Locator) -> None:
    """Llega al enlace o botón con Tab y lo activa con Enter."""
    tabular_hasta(pagina, enlace)
    pagina.keyboard.press("Enter")


def entrar(pagina: Page, usuario: str, clave: str) -> None:
    """La página de acceso del admin, con el teclado: usuario, Tab, contraseña, Enter."""
    pagina.goto("/admin/login/")
    escribir_en(pagina, pagina.locator("#id_username"), usuario)
    escribir_en(pagina, pagina.locator("#id_password"), clave)
    with pagina.expect_navigation():
        pagina.keyboard.press("Enter")
