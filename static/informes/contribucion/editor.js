// Editor del informe de contribución: la vista previa de cada sección y el conteo de palabras,
// en vivo. Son las reglas de informes/contribucion/documento.py (texto_a_bloques, texto_plano,
// contar_palabras) escritas otra vez; tests/e2e/test_contribucion.py comprueba que las dos den
// lo mismo con los mismos textos. Si cambia una, hay que cambiar la otra.
(function () {
  "use strict";

  // Los espacios de Python (str.strip() y \s de re): JavaScript no cuenta \x1c-\x1f ni \x85
  // como espacio y sí \ufeff, así que no basta \s ni trim().
  var ESPACIO =
    "[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a" +
    "\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var SEPARADOR = new RegExp("\\n" + ESPACIO + "*\\n");
  var ORILLAS = new RegExp("^" + ESPACIO + "+|" + ESPACIO + "+$", "g");
  var VINETA = new RegExp("^" + ESPACIO + "*[-·•*]" + ESPACIO + "+");
  // \w de Python: letras y números de Unicode y el guion bajo.
  var PALABRA = /[\p{L}\p{N}_]+(?:[-'’.][\p{L}\p{N}_]+)*/gu;

  function recortar(texto) {
    return texto.replace(ORILLAS, "");
  }

  function textoABloques(texto) {
    var bloques = [];
    var limpio = recortar((texto || "").split("\r\n").join("\n"));
    limpio.split(SEPARADOR).forEach(function (trozo) {
      var parrafo = [];
      var vinetas = [];
      trozo.split("\n").forEach(function (linea) {
        linea = recortar(linea);
        if (!linea) return;
        if (linea.slice(0, 3) === "## ") {
          bloques.push({ tipo: "encabezado", texto: recortar(linea.slice(3)), elementos: [] });
        } else if (VINETA.test(linea)) {
          vinetas.push(linea.replace(VINETA, ""));
        } else if (vinetas.length) {
          vinetas[vinetas.length - 1] += " " + linea; // continuación de la última viñeta
        } else {
          parrafo.push(linea);
        }
      });
      if (parrafo.length) bloques.push({ tipo: "parrafo", texto: parrafo.join(" "), elementos: [] });
      if (vinetas.length) bloques.push({ tipo: "vinetas", texto: "", elementos: vinetas });
    });
    return bloques;
  }

  function textoPlano(bloques) {
    return bloques
      .map(function (b) {
        return recortar([b.texto].concat(b.elementos).join("\n"));
      })
      .join("\n");
  }

  function contarPalabras(texto) {
    return ((texto || "").match(PALABRA) || []).length;
  }

  // Para la prueba que compara estas reglas con las de Python.
  window.reglasDelInforme = {
    textoABloques: textoABloques,
    textoPlano: textoPlano,
    contarPalabras: contarPalabras,
  };

  var formulario = document.querySelector("form.editor-texto");
  var total = document.getElementById("conteo-palabras");
  if (!formulario || !total) return;
  var conteo = document.getElementById("conteo");
  var textoLimite = document.getElementById("conteo-limite");
  var aviso = document.getElementById("conteo-aviso");
  var anuncio = document.getElementById("conteo-anuncio");
  var campoLimite = formulario.querySelector("input[name=limite_palabras]");
  var limiteGuardado = parseInt(conteo.dataset.limite, 10);
  var campos = Array.prototype.slice.call(formulario.querySelectorAll("[data-seccion]"));
  var palabras = {};

  function palabrasEn(n) {
    return n === 1 ? "1 palabra" : n + " palabras";
  }

  function pintar(vista, bloques) {
    var nodos = bloques.map(function (bloque) {
      var nodo;
      if (bloque.tipo === "vinetas") {
        nodo = document.createElement("ul");
        bloque.elementos.forEach(function (elemento) {
          var li = document.createElement("li");
          li.textContent = elemento;
          nodo.appendChild(li);
        });
      } else {
        nodo = document.createElement(bloque.tipo === "encabezado" ? "h3" : "p");
        nodo.textContent = bloque.texto;
      }
      return nodo;
    });
    vista.replaceChildren.apply(vista, nodos);
  }

  function limite() {
    if (!campoLimite) return limiteGuardado;
    var valor = campoLimite.value.trim();
    if (valor === "") return NaN;
    // Mientras el número no sea válido vale el guardado; al guardar, el servidor explica el error.
    return /^[0-9]+$/.test(valor) && parseInt(valor, 10) > 0 ? parseInt(valor, 10) : limiteGuardado;
  }

  function actualizar(campo, repintar) {
    var seccion = campo.dataset.seccion;
    var vista = formulario.querySelector('[data-vista-de="' + seccion + '"]');
    if (seccion === "titulo") {
      palabras[seccion] = contarPalabras(campo.value);
      if (vista && repintar) vista.firstElementChild.textContent = campo.value;
    } else {
      var bloques = textoABloques(campo.value);
      palabras[seccion] = contarPalabras(textoPlano(bloques));
      if (vista && repintar) pintar(vista, bloques);
    }
    var salida = document.getElementById("palabras-" + seccion);
    if (salida) salida.textContent = palabrasEn(palabras[seccion]);
    // La tabla «Palabras por respuesta» de un informe con convocatoria.
    var celda = document.querySelector('[data-palabras-de="' + seccion + '"]');
    if (celda) celda.textContent = palabras[seccion];
  }

  // Los encabezados de las preguntas cuentan en el total, pero no se editan.
  var fijas = parseInt(conteo.dataset.fijas || "0", 10) || 0;

  function resumen() {
    var suma = fijas;
    Object.keys(palabras).forEach(function (s) {
      suma += palabras[s];
    });
    var tope = limite();
    var excede = !isNaN(tope) && suma > tope;
    total.textContent = suma;
    textoLimite.textContent = isNaN(tope) ? "" : " de " + tope + " como máximo";
    aviso.textContent = excede ? "El texto excede el límite de palabras." : "";
    return { suma: suma, tope: tope, excede: excede };
  }

  // El aviso para lectores de pantalla espera a que se deje de escribir: una frase por pausa,
  // no una por tecla.
  var espera = null;
  var ultimoAnuncio = "";
  function anunciar(campo, estado) {
    clearTimeout(espera);
    espera = setTimeout(function () {
      var etiqueta = formulario.querySelector('label[for="' + campo.id + '"]');
      var frase =
        (etiqueta ? etiqueta.textContent.trim() + ": " : "") +
        palabrasEn(palabras[campo.dataset.seccion]) +
        ". En total, " +
        estado.suma +
        (isNaN(estado.tope) ? "" : " de " + estado.tope + " como máximo") +
        "." +
        (estado.excede ? " El texto excede el límite de palabras." : "");
      if (frase !== ultimoAnuncio) anuncio.textContent = ultimoAnuncio = frase;
    }, 1200);
  }

  // Un cuerpo de un año nacional son decenas de miles de caracteres: se pinta una vez por
  // cuadro, no una vez por tecla.
  var pendientes = new Set();
  var cuadro = null;
  function alEscribir(evento) {
    pendientes.add(evento.target);
    if (cuadro) return;
    cuadro = requestAnimationFrame(function () {
      cuadro = null;
      var ultimo = null;
      pendientes.forEach(function (campo) {
        actualizar(campo, true);
        ultimo = campo;
      });
      pendientes.clear();
      var estado = resumen();
      if (ultimo) anunciar(ultimo, estado);
    });
  }

  // Al abrir, la vista previa es la que pintó el servidor con las mismas reglas: solo se cuenta.
  campos.forEach(function (campo) {
    actualizar(campo, false);
    campo.addEventListener("input", alEscribir);
  });
  if (campoLimite) campoLimite.addEventListener("input", resumen);
  resumen();
})();
