// Cuenta en vivo las palabras de los campos de texto del informe contra su límite.
// Misma regla que informes.documento.contar_palabras().
(function () {
  "use strict";
  var salida = document.getElementById("conteo-palabras");
  var conteo = document.getElementById("conteo");
  if (!salida || !conteo) return;
  var campos = document.querySelectorAll("textarea[data-cuenta-palabras]");
  var titulo = document.querySelector("input[name=titulo]");
  var limite = parseInt(conteo.dataset.limite, 10);
  var fijas = parseInt(conteo.dataset.fijas || "0", 10) || 0;  // encabezados que no se editan
  var palabra = /[\p{L}\p{N}_]+(?:[-'’.][\p{L}\p{N}_]+)*/gu;
  function contar() {
    var total = fijas;
    var textos = Array.prototype.map.call(campos, function (c) { return c.value; });
    if (titulo) textos.push(titulo.value);
    textos.forEach(function (t) { total += (t.match(palabra) || []).length; });
    salida.textContent = total;
    conteo.classList.toggle("excede", !isNaN(limite) && total > limite);
  }
  Array.prototype.forEach.call(campos, function (c) { c.addEventListener("input", contar); });
  if (titulo) titulo.addEventListener("input", contar);
  contar();
})();
