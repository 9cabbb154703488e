// The meeting page: the list of participants waiting for a meeting narrows as the koordinator types a name or a
// code, without reloading the page, so the ones already ticked stay ticked. Everything works without this file:
// the search is then sent to the server.
(function () {
  'use strict';

  var falt = document.querySelector('[data-sok]');
  var rader = document.querySelectorAll('[data-sokbar]');
  var antal = document.querySelector('[data-sok-antal]');
  if (!falt || rader.length === 0) {
    return;
  }
  var formular = falt.form;
  var forst = antal ? antal.innerHTML : '';

  function filtrera() {
    var sok = falt.value.trim().toLowerCase();
    var synliga = 0;
    rader.forEach(function (rad) {
      var vald = rad.querySelector('input[type=checkbox]').checked;
      var traff = sok === '' || rad.getAttribute('data-sokbar').indexOf(sok) !== -1;
      rad.hidden = !(traff || vald);
      if (!rad.hidden) {
        synliga += 1;
      }
    });
    if (antal) {
      if (sok === '') {
        antal.innerHTML = forst;
        return;
      }
      antal.textContent = antal.getAttribute('data-mall')
        .replace('{0}', String(synliga)).replace('{1}', String(rader.length));
    }
  }

  falt.addEventListener('input', filtrera);
  // The whole list is on the page: Enter filters it here instead of reloading (and losing what is ticked).
  formular.addEventListener('submit', function (event) {
    if (!formular.hasAttribute('data-avkortad')) {
      event.preventDefault();
      filtrera();
    }
  });
}());
