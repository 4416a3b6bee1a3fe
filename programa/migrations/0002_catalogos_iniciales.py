"""Carga las 32 entidades federativas y los catálogos base de temas y audiencias."""

import csv
from pathlib import Path

from django.db import migrations

ENTIDADES_CSV = Path(__file__).resolve().parent.parent / "datos" / "entidades-federativas.csv"

TEMAS = [
    ("Delitos cibernéticos", "Cybercrime"),
    ("Explotación sexual infantil", "Child sexual exploitation"),
    ("Trata de personas", "Human trafficking"),
    ("Ciberacoso", "Cyberbullying"),
    ("Acoso escolar", "School bullying"),
    ("Uso responsable de Internet", "Responsible Internet use"),
]

AUDIENCIAS = [
    ("Niñas y niños", "Children"),
    ("Adolescentes", "Adolescents"),
    ("Madres, padres y personas cuidadoras", "Parents and caregivers"),
    ("Personal del programa", "Programme staff"),
    ("Personal de los Sistemas Estatales DIF", "Staff of the State DIF Systems"),
    ("Personas servidoras públicas", "Public servants"),
    ("Organizaciones de la sociedad civil", "Civil society organizations"),
    ("Público en general", "General public"),
]


def cargar(apps, schema_editor):
    EntidadFederativa = apps.get_model("programa", "EntidadFederativa")
    with ENTIDADES_CSV.open(encoding="utf-8") as archivo:
        for fila in csv.DictReader(archivo):
            EntidadFederativa.objects.update_or_create(
                clave=fila["clave_inegi"],
                defaults={
                    "nombre": fila["nombre_oficial"],
                    "nombre_corto": fila["nombre_corto"],
                    "iso_3166_2": fila["iso_3166_2"],
                    "renapo": fila["renapo"],
                    "abreviatura": fila["abreviatura"],
                    "alias": [a for a in fila["alias"].split(";") if a],
                },
            )
    for modelo, filas in (("Tema", TEMAS), ("Audiencia", AUDIENCIAS)):
        Modelo = apps.get_model("programa", modelo)
        for orden, (nombre, nombre_en) in enumerate(filas, start=1):
            Modelo.objects.get_or_create(
                nombre=nombre, defaults={"nombre_en": nombre_en, "orden": orden}
            )


class Migration(migrations.Migration):
    dependencies = [("programa", "0001_initial")]

    operations = [migrations.RunPython(cargar, migrations.RunPython.noop)]
