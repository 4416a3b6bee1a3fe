import pytest

from programa.models import Audiencia, EntidadFederativa, Tema
from programa.texto import normalizar

pytestmark = pytest.mark.django_db


def test_las_32_entidades_con_su_clave_inegi_en_orden():
    entidades = list(EntidadFederativa.objects.all())

    assert len(entidades) == 32
    assert [e.clave for e in entidades] == [f"{n:02d}" for n in range(1, 33)]
    assert entidades[0].nombre == "Aguascalientes"
    assert entidades[23].nombre == "San Luis Potosí"
    assert entidades[29].nombre == "Veracruz de Ignacio de la Llave"
    assert entidades[29].nombre_corto == "Veracruz"
    assert entidades[14].nombre_corto == "Estado de México"


@pytest.mark.parametrize(
    ("texto", "clave"),
    [
        ("24", "24"),
        ("9", "09"),
        ("09", "09"),
        ("CDMX", "09"),
        ("cdmx", "09"),
        ("Distrito Federal", "09"),
        ("D.F.", "09"),
        ("Ciudad de Mexico", "09"),
        ("Estado de México", "15"),
        ("estado de mexico", "15"),
        ("Edomex", "15"),
        ("México", "15"),
        ("Coahuila", "05"),
        ("Coahuila de Zaragoza", "05"),
        ("Michoacan", "16"),
        ("MICHOACÁN DE OCAMPO", "16"),
        ("Veracruz", "30"),
        ("Querétaro de Arteaga", "22"),
        ("  queretaro ", "22"),
        ("MX-SLP", "24"),
        ("SLP", "24"),
        ("Q. Roo", "23"),
        ("Nuevo Leon", "19"),
        ("Yucatan", "31"),
    ],
)
def test_buscar_entidad_por_clave_nombre_o_alias_sin_importar_acentos(texto, clave):
    assert EntidadFederativa.objects.buscar(texto).clave == clave


@pytest.mark.parametrize("texto", ["Nayrit", "Texas", "", "33", "0"])
def test_buscar_entidad_que_no_existe(texto):
    assert EntidadFederativa.objects.buscar(texto) is None


def test_ninguna_forma_de_escribir_una_entidad_lleva_a_dos_entidades():
    vistas: dict[str, str] = {}
    for entidad in EntidadFederativa.objects.all():
        for forma in entidad.formas():
            clave = vistas.setdefault(normalizar(forma), entidad.clave)
            assert clave == entidad.clave, f"«{forma}» es de {clave} y de {entidad.clave}"


def test_sugerencia_para_una_entidad_mal_escrita():
    assert EntidadFederativa.objects.sugerir("Nayrit") == "Nayarit"
    assert EntidadFederativa.objects.sugerir("San Luis Potosi") == "San Luis Potosí"
    assert EntidadFederativa.objects.sugerir("Atlantida") is None


def test_catalogos_base_cargados_por_migracion():
    assert set(Tema.objects.values_list("nombre", flat=True)) >= {
        "Delitos cibernéticos",
        "Explotación sexual infantil",
        "Trata de personas",
        "Ciberacoso",
        "Acoso escolar",
        "Uso responsable de Internet",
    }
    assert Audiencia.objects.count() >= 8
    assert Audiencia.objects.buscar("ninas y niños").nombre == "Niñas y niños"
