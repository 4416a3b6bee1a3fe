/*
 * Nombres accesibles para los campos de autocompletado del admin (select2 4.0, que trae Django).
 *
 * select2 esconde el <select> original y dibuja su propio control, que no toma la etiqueta del
 * campo: un lector de pantalla anuncia «cuadro combinado» sin decir cuál, y axe-core lo marca
 * (aria-input-field-name, label: impacto grave y crítico). Aquí se enlaza cada control con la
 * <label> de su campo. También se oculta a los lectores la «×» de borrar, que select2 mete
 * dentro de una lista <ul> (axe: list) y que solo sirve con ratón (con teclado se borra con
 * Retroceso). select2 redibuja el control al elegir, así que se vuelve a aplicar tras cada cambio.
 */
"use strict";
(function () {
  function etiquetaDe(select) {
    var etiqueta = document.querySelector('label[for="' + select.id + '"]');
    if (!etiqueta) {
      return null;
    }
    if (!etiqueta.id) {
      etiqueta.id = select.id + "-etiqueta";
    }
    return etiqueta;
  }

  function nombrar(select) {
    var control = select.nextElementSibling;
    if (!select.id || !control || !control.classList.contains("select2")) {
      return;
    }
    var etiqueta = etiquetaDe(select);
    if (!etiqueta) {
      return;
    }
    control.querySelectorAll(".select2-selection--single").forEach(function (combo) {
      var mostrado = combo.querySelector(".select2-selection__rendered");
      if (mostrado && mostrado.id) {
        mostrado.setAttribute("aria-labelledby", etiqueta.id);
        combo.setAttribute("aria-labelledby", etiqueta.id + " " + mostrado.id);
      }
    });
    control.querySelectorAll(".select2-search__field").forEach(function (campo) {
      campo.setAttribute("aria-labelledby", etiqueta.id);
    });
    control.querySelectorAll(".select2-selection__clear").forEach(function (borrar) {
      borrar.setAttribute("aria-hidden", "true");
    });
  }

  function nombrarTodos() {
    document.querySelectorAll("select.admin-autocomplete").forEach(nombrar);
  }

  window.addEventListener("load", function () {
    nombrarTodos();
    // select2 redibuja su control al elegir o quitar un valor, y los inlines agregan filas.
    new MutationObserver(nombrarTodos).observe(document.body, { childList: true, subtree: true });
  });
})();
