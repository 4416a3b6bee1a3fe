"""Una hoja grande por el admin, bajo gunicorn y con el trabajador de tareas: cuánto tarda cada
petición y cuánto el trabajo entero.

    DATABASE_URL=postgres://…/programa_bench_hoja \\
        .venv/bin/python -m bench.hoja_en_segundo_plano -n 50000

Arranca gunicorn como lo dice el README (2 workers, DEBUG=False, timeout de 30 s, solo en
127.0.0.1) y `manage.py db_worker`; sube la hoja, sigue la página de avance como el navegador
(cada 2 s), confirma y sigue el avance hasta el resultado. Borra al final lo importado.
"""

import argparse
import io
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command

from bench import entorno
from bench.carga import _esperar
from bench.correr import crear_base
from bench.operaciones import PREFIJO_IMPORTAR, _hoja
from capacitaciones.models import Actividad

LISTA = "/admin/capacitaciones/actividad/"


class Navegador:
    def __init__(self, base: str, cookies: dict):
        self.base, self.cookies, self.tiempos = base, cookies, []

    def pedir(self, ruta: str, datos: bytes | None = None, tipo: str | None = None):
        peticion = urllib.request.Request(self.base + ruta, data=datos)
        peticion.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if tipo:
            peticion.add_header("Content-Type", tipo)
        opener = urllib.request.build_opener(SinRedirecciones)
        inicio = time.perf_counter()
        try:
            respuesta = opener.open(peticion, timeout=60)
        except urllib.error.HTTPError as error:  # 302 y errores: se leen igual
            respuesta = error
        cuerpo = respuesta.read().decode()
        segundos = time.perf_counter() - inicio
        self.tiempos.append((ruta, respuesta.status, segundos))
        for cabecera in respuesta.headers.get_all("Set-Cookie") or []:
            nombre, valor = cabecera.split(";", 1)[0].split("=", 1)
            self.cookies[nombre] = valor
        return respuesta.status, respuesta.headers.get("Location"), cuerpo

    def seguir(self, ruta: str) -> tuple[str, str]:
        """Como el navegador en la página de avance: recarga cada 2 s hasta que termina."""
        while True:
            estado, destino, cuerpo = self.pedir(ruta)
            if estado == 302:
                return destino, self.pedir(destino)[2]
            avance = re.search(r'id="avance"[^>]*>([^<]*)', cuerpo)
            print(f"   {avance.group(1) if avance else '(sin avance)'}", flush=True)
            if "http-equiv" not in cuerpo:
                return ruta, cuerpo
            time.sleep(2)


class SinRedirecciones(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _multipart(campos: dict, nombre: str, contenido: bytes) -> tuple[bytes, str]:
    frontera = "----hoja" + os.urandom(8).hex()
    partes = [
        f'--{frontera}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in campos.items()
    ]
    partes.append(
        f'--{frontera}\r\nContent-Disposition: form-data; name="archivo"; filename="{nombre}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + contenido
        + b"\r\n"
    )
    partes.append(f"--{frontera}--\r\n".encode())
    return b"".join(partes), f"multipart/form-data; boundary={frontera}"


def _csrf(cuerpo: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', cuerpo).group(1)


def main():
    parser = argparse.ArgumentParser(description="Una hoja grande por el admin, en segundo plano.")
    parser.add_argument("-n", type=int, default=50_000, help="filas de la hoja (50,000)")
    parser.add_argument("--direccion", default="127.0.0.1:8011")
    args = parser.parse_args()
    crear_base()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not Actividad.objects.exists():
        call_command("cargar_demo", verbosity=0)
    Actividad.objects.filter(folio__startswith=PREFIJO_IMPORTAR).delete()
    contenido = _hoja(args.n)
    print(f"== Hoja de {args.n:,} filas: {len(contenido) / 1024 / 1024:.1f} MB")
    usuario, _ = get_user_model().objects.get_or_create(
        username="bench-hoja", defaults={"is_staff": True, "is_superuser": True}
    )
    sesion = SessionStore()
    sesion["_auth_user_id"] = str(usuario.pk)
    sesion["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    sesion["_auth_user_hash"] = usuario.get_session_auth_hash()
    sesion.create()

    entorno_procesos = {**os.environ, "DEBUG": "False", "LOG_LEVEL": "WARNING"}
    python = Path(sys.executable)
    procesos = [
        subprocess.Popen(
            [
                str(python.with_name("gunicorn")),
                "programa.wsgi",
                "--workers",
                "2",
                "--bind",
                args.direccion,
            ],  # fmt: skip
            cwd=entorno.RAIZ,
            env=entorno_procesos,
        ),
        subprocess.Popen(
            [str(python), "manage.py", "db_worker", "--no-reload"],
            cwd=entorno.RAIZ,
            env=entorno_procesos,
        ),
    ]
    nav = Navegador(f"http://{args.direccion}", {"sessionid": sesion.session_key})
    try:
        _esperar(f"http://{args.direccion}/admin/login/", procesos[0])
        inicio = time.perf_counter()
        _, _, cuerpo = nav.pedir(LISTA + "importar/")
        datos, tipo = _multipart({"csrfmiddlewaretoken": _csrf(cuerpo)}, "grande.xlsx", contenido)
        estado, avance, _ = nav.pedir(LISTA + "importar/", io.BytesIO(datos).read(), tipo)
        assert estado == 302, estado
        print("== Vista previa")
        _, cuerpo = nav.seguir(avance)
        revisar = time.perf_counter() - inicio
        print("  ", re.search(r'id="resumen">([^<]*)', cuerpo).group(1))
        token = re.search(r'name="token" value="([^"]+)"', cuerpo).group(1)
        inicio = time.perf_counter()
        campos = f"csrfmiddlewaretoken={_csrf(cuerpo)}&token={token}".encode()
        estado, avance, _ = nav.pedir(
            LISTA + "importar/confirmar/", campos, "application/x-www-form-urlencoded"
        )
        assert estado == 302, estado
        print("== Confirmar")
        _, cuerpo = nav.seguir(avance)
        importar = time.perf_counter() - inicio
        print("  ", re.search(r'id="resultado">([^<]*)', cuerpo).group(1))
    finally:
        for proceso in procesos:
            proceso.terminate()
            proceso.wait(timeout=30)
    lenta = max(nav.tiempos, key=lambda t: t[2])
    print(f"== {len(nav.tiempos)} peticiones; la más lenta: {lenta[2]:.2f} s ({lenta[0]})")
    for ruta, estado, segundos in nav.tiempos:
        if segundos > 0.5:
            print(f"   {segundos:6.2f} s  {estado}  {ruta}")
    print(f"== Revisar: {revisar:.0f} s; confirmar e importar: {importar:.0f} s")
    importadas = Actividad.objects.filter(folio__startswith=PREFIJO_IMPORTAR)
    print(f"== Actividades importadas: {importadas.count():,}")
    importadas.delete()


if __name__ == "__main__":
    main()
