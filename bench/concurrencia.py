"""Cinco personas guardando actividades a la vez en el admin, sobre SQLite y gunicorn.

    make concurrencia                 # 5 escritores durante 20 s
    make concurrencia DURACION=10

En una carpeta temporal: una base SQLite nueva (migrada), los estáticos reunidos y cinco
cuentas de capturista. Arranca gunicorn como dice el README (3 workers, DEBUG=False, sin
redirección a HTTPS) en un puerto libre de 127.0.0.1; cada escritor inicia sesión y, hasta
que se acaba el tiempo, alta y cambio de una actividad por los formularios reales del admin.
Imprime una línea: escritores, peticiones, errores y p95. Cuenta como error cualquier
respuesta 5xx, un formulario que vuelve con errores o una petición sin respuesta. Al terminar
detiene gunicorn y borra la carpeta temporal.
"""

import argparse
import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
CONTRASENA = "una-clave-de-carga-bastante-larga"
ESCRITORES = 5
MAXIMO_PETICIONES = 2_000  # por escritor: la corrida termina aunque el reloj falle
PLAZO_PETICION_S = 60


class Formulario(HTMLParser):
    """Los campos del primer <form method=post> con sus valores iniciales, como los enviaría
    el navegador (así la prueba sigue valiendo si el formulario cambia)."""

    def __init__(self, html: str):
        super().__init__()
        self.campos: list[tuple[str, str]] = []
        self.errores: list[str] = []
        self._dentro = self._terminado = False
        self._select = self._textarea = None
        self._opcion_valor = None
        self._texto: list[str] = []
        self._en_error = 0
        self.feed(html)

    def handle_starttag(self, etiqueta, atributos):
        a = dict(atributos)
        if "errorlist" in (a.get("class") or "") or "errornote" in (a.get("class") or ""):
            self._en_error += 1
        # El del registro, no el de «Cerrar sesión» de la cabecera.
        es_post = (a.get("method") or "").lower() == "post" and a.get("id") != "logout-form"
        if etiqueta == "form" and es_post and not self._terminado:
            self._dentro = True
        if not self._dentro:
            return
        nombre = a.get("name")
        if etiqueta == "input" and nombre:
            tipo = (a.get("type") or "text").lower()
            if tipo in ("checkbox", "radio") and "checked" not in a:
                return
            if tipo not in ("submit", "button", "file", "image"):
                self.campos.append((nombre, a.get("value") or ("on" if tipo == "checkbox" else "")))
        elif etiqueta == "select" and nombre:
            self._select = nombre
        elif etiqueta == "option" and self._select and "selected" in a:
            self.campos.append((self._select, a.get("value", "")))
        elif etiqueta == "textarea" and nombre:
            self._textarea, self._texto = nombre, []

    def handle_data(self, datos):
        if self._textarea:
            self._texto.append(datos)
        if self._en_error and datos.strip():
            self.errores.append(datos.strip())

    def handle_endtag(self, etiqueta):
        if etiqueta in ("ul", "p") and self._en_error:
            self._en_error -= 1
        if etiqueta == "select":
            self._select = None
        elif etiqueta == "textarea" and self._textarea:
            self.campos.append((self._textarea, "".join(self._texto).lstrip("\n")))
            self._textarea = None
        elif etiqueta == "form" and self._dentro:
            self._dentro, self._terminado = False, True

    def con(self, **valores) -> list[tuple[str, str]]:
        """Los campos, con ``valores`` en lugar de los iniciales (una lista = varios valores)."""
        campos = [(n, v) for n, v in self.campos if n not in valores]
        for nombre, valor in valores.items():
            for v in valor if isinstance(valor, list) else [valor]:
                campos.append((nombre, str(v)))
        return campos


class Navegador:
    """Una persona: su conexión, sus cookies (las manda aunque digan Secure: es 127.0.0.1)."""

    def __init__(self, puerto: int):
        self.puerto = puerto
        self.cookies: dict[str, str] = {}
        self.tiempos: list[float] = []
        self.errores: list[str] = []
        self.guardadas = 0

    def pedir(self, metodo: str, ruta: str, campos=None) -> tuple[int, str, str]:
        """(estado, Location, cuerpo); estado 0 si no hubo respuesta."""
        conexion = http.client.HTTPConnection("127.0.0.1", self.puerto, timeout=PLAZO_PETICION_S)
        encabezados = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        cuerpo = None
        if campos is not None:
            cuerpo = urllib.parse.urlencode(campos)
            encabezados["Content-Type"] = "application/x-www-form-urlencoded"
            encabezados["Origin"] = f"http://127.0.0.1:{self.puerto}"
            encabezados["Referer"] = f"http://127.0.0.1:{self.puerto}{ruta}"
        inicio = time.perf_counter()
        try:
            conexion.request(metodo, ruta, body=cuerpo, headers=encabezados)
            respuesta = conexion.getresponse()
            contenido = respuesta.read().decode("utf-8", "replace")
        except OSError as error:
            self.tiempos.append(time.perf_counter() - inicio)
            self.errores.append(f"{metodo} {ruta}: sin respuesta ({error})")
            return 0, "", ""
        finally:
            conexion.close()
        self.tiempos.append(time.perf_counter() - inicio)
        for encabezado in respuesta.headers.get_all("Set-Cookie") or []:
            for nombre, morsel in SimpleCookie(encabezado).items():
                self.cookies[nombre] = morsel.value
        if respuesta.status >= 500:
            self.errores.append(f"{metodo} {ruta}: {respuesta.status}")
        return respuesta.status, respuesta.getheader("Location") or "", contenido

    def guardar(self, ruta: str, **valores) -> str:
        """Abre el formulario, lo envía con ``valores`` y devuelve a dónde redirigió ('' si no)."""
        estado, _, html = self.pedir("GET", ruta)
        if estado != 200:
            if estado and estado < 500:
                self.errores.append(f"GET {ruta}: {estado}")
            return ""
        estado, destino, html = self.pedir("POST", ruta, Formulario(html).con(**valores))
        if estado == 302:
            self.guardadas += 1
            return destino
        if estado == 200:  # el formulario volvió: algo no se guardó
            self.errores.append(f"POST {ruta}: {'; '.join(Formulario(html).errores)[:200]}")
        elif estado and estado < 500:
            self.errores.append(f"POST {ruta}: {estado}")
        return ""


def escritor(navegador: Navegador, usuario: str, fin: float, referencias: dict) -> None:
    destino = navegador.guardar("/admin/login/?next=/admin/", username=usuario, password=CONTRASENA)
    if not destino:
        navegador.errores.append(f"{usuario} no pudo iniciar sesión")
        return
    navegador.guardadas = 0  # el inicio de sesión no es una actividad guardada
    n = 0
    while time.monotonic() < fin and len(navegador.tiempos) < MAXIMO_PETICIONES:
        n += 1
        dia = 1 + n % 28
        destino = navegador.guardar(
            "/admin/capacitaciones/actividad/add/",
            tipo="platica",
            titulo=f"Plática de {usuario} número {n}",
            estado="realizada",
            precision="dia",
            fecha_inicio=f"{dia:02d}/04/2016",
            fecha_fin=f"{dia:02d}/04/2016",
            modalidad="presencial",
            sede="Auditorio del Sistema Estatal DIF",
            programa=referencias["programa"],
            entidades=referencias["entidades"][n % 3 : n % 3 + 2],
            temas=referencias["temas"][:2],
            _continue="1",
        )
        if not destino or time.monotonic() >= fin:
            continue
        ruta = urllib.parse.urlsplit(destino).path
        navegador.guardar(ruta, titulo=f"Plática de {usuario} número {n} (corregida)", _save="1")


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def preparar(carpeta: Path) -> tuple[dict, dict]:
    """Migra la base nueva, reúne estáticos y crea las cuentas. Devuelve (entorno, referencias)."""
    entorno = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{carpeta / 'db.sqlite3'}",
        "DEBUG": "False",
        "SECRET_KEY": "solo-para-la-prueba-de-concurrencia-" + "x" * 30,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": str(carpeta / "estaticos"),
        "MEDIA_ROOT": str(carpeta / "archivos"),
        "LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "programa.settings",
    }
    os.environ.update(entorno)
    sys.path.insert(0, str(RAIZ))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connections

    from programa.models import EntidadFederativa, Institucion, Programa, Tema
    from programa.roles import CAPTURISTA

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    grupo = Group.objects.get(name=CAPTURISTA)
    for i in range(1, ESCRITORES + 1):
        cuenta = get_user_model().objects.create_user(
            f"capturista{i}", password=CONTRASENA, is_staff=True
        )
        cuenta.groups.add(grupo)
    programa = Programa.objects.first() or Programa.objects.create(
        nombre="Programa para la Protección y Desarrollo Integral de la Infancia",
        institucion_responsable=Institucion.objects.create(
            nombre="Sistema Nacional DIF", siglas="SNDIF", tipo=Institucion.Tipo.FEDERAL
        ),
    )
    if not Tema.objects.exists():
        Tema.objects.create(nombre="Prevención de la explotación sexual infantil")
    referencias = {
        "programa": programa.pk,
        "entidades": list(EntidadFederativa.objects.values_list("pk", flat=True)[:5]),
        "temas": list(Tema.objects.values_list("pk", flat=True)[:2]),
    }
    connections.close_all()
    return entorno, referencias


def esperar(puerto: int, proceso: subprocess.Popen, bitacora: Path, segundos=60.0) -> None:
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        if proceso.poll() is not None:
            raise SystemExit("gunicorn terminó antes de arrancar:\n" + bitacora.read_text()[-3000:])
        try:
            conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=2)
            conexion.request("GET", "/admin/login/")
            conexion.getresponse().read()
            conexion.close()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn no respondió en 127.0.0.1:{puerto}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duracion", type=int, default=20, help="segundos (20)")
    parser.add_argument("--escritores", type=int, default=ESCRITORES)
    parser.add_argument("--workers", type=int, default=3, help="de gunicorn (3, como el README)")
    args = parser.parse_args()
    carpeta = Path(tempfile.mkdtemp(prefix="concurrencia-"))
    gunicorn = None
    try:
        entorno, referencias = preparar(carpeta)
        puerto = puerto_libre()
        bitacora = carpeta / "gunicorn.log"
        gunicorn = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "programa.wsgi",
             "--bind", f"127.0.0.1:{puerto}", "--workers", str(args.workers),
             "--log-level", "warning", "--no-control-socket"],
            cwd=RAIZ, env=entorno, stdout=bitacora.open("wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        esperar(puerto, gunicorn, bitacora)
        navegadores = [Navegador(puerto) for _ in range(args.escritores)]
        fin = time.monotonic() + args.duracion
        hilos = [
            threading.Thread(
                target=escritor, args=(nav, f"capturista{i % ESCRITORES + 1}", fin, referencias)
            )
            for i, nav in enumerate(navegadores)
        ]
        for hilo in hilos:
            hilo.start()
        for hilo in hilos:
            hilo.join(timeout=args.duracion + 2 * PLAZO_PETICION_S)
    finally:
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
                gunicorn.wait()
        if gunicorn is not None:
            # Las trazas de los 500 quedan en la bitácora; aquí solo cuántas dicen «locked».
            bloqueos = bitacora.read_text(errors="replace").count(
                "OperationalError: database is locked"
            )
            print(
                f"   «database is locked» en la bitácora de gunicorn: {bloqueos}", file=sys.stderr
            )
        shutil.rmtree(carpeta, ignore_errors=True)
    tiempos = [t for nav in navegadores for t in nav.tiempos]
    errores = [e for nav in navegadores for e in nav.errores]
    for error in sorted(set(errores))[:5]:
        print("  ", error, file=sys.stderr)
    p95 = statistics.quantiles(tiempos, n=20)[-1] * 1000 if len(tiempos) > 1 else 0
    print(
        f"escritores={args.escritores} peticiones={len(tiempos)} "
        f"guardados={sum(nav.guardadas for nav in navegadores)} errores={len(errores)} "
        f"p95={p95:.0f} ms"
    )


if __name__ == "__main__":
    main()
