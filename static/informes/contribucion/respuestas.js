// Cuenta en vivo las palabras de cada respuesta a la convocatoria (la tabla «Palabras por
// respuesta»). Misma regla que informes.documento.contar_palabras().
(function () {
  "use strict";
  var palabra = /[\p{L}\p{N}_]+(?:[-'’.][\p{L}\p{N}_]+)*/gu;
  var cajas = document.querySelectorAll("textarea[data-respuesta]");
  Array.prototype.forEach.call(cajas, function (caja) {
    var celda = document.querySelector(
      '[data-palabras-respuesta="' + caja.dataset.respuesta + '"]'
    );
    if (!celda) return;
    function contar() {
      celda.textContent = (caja.value.match(palabra) || []).length;
    }
    caja.addEventListener("input", contar);
    contar();
  });
})();
