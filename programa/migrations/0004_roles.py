"""Crea los cinco roles (grupos) con sus permisos; ver programa/roles.py y el README."""

from django.apps import apps as apps_globales
from django.contrib.auth.management import create_permissions
from django.db import migrations

from programa.roles import roles_sincronizar


def crear_roles(apps, schema_editor):
    # Los permisos se crean normalmente después de migrar; aquí hacen falta ya.
    for app_config in apps_globales.get_app_configs():
        # create_permissions() salta las apps sin models_module; se deja como estaba después,
        # porque es el registro global: con None, migrate ya no manda post_migrate a ninguna app
        # y las pruebas no pueden serializar la base (serialized_rollback).
        original = app_config.models_module
        app_config.models_module = original or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = original
    roles_sincronizar(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("programa", "0003_historial_perfiles_y_bitacora"),
        ("convenios", "0002_historial"),
        ("capacitaciones", "0003_historial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(crear_roles, migrations.RunPython.noop)]
