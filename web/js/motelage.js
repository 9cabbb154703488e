// Progressive enhancement for meeting mode and the kallelse. Everything works without this file.
(function () {
  'use strict';

  // The kallelse: a print button (hidden without JavaScript, where Ctrl+P is explained instead).
  document.querySelectorAll('[data-skriv-ut]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });

  var form = document.getElementById('planering-form');
  if (!form) {
    return;
  }

  // Alt+Up / Alt+Down in an item moves it: the same as pressing its move button.
  form.addEventListener('keydown', function (event) {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) {
      return;
    }
    var item = event.target.closest('.redigera-punkt');
    if (!item) {
      return;
    }
    var button = item.querySelector('[data-flytta="' + (event.key === 'ArrowUp' ? 'upp' : 'ner') + '"]');
    if (button && !button.disabled) {
      event.preventDefault();
      // The server puts focus back on the same field of the moved item.
      var field = /^p\d+_(text|ansvar|typ|datum)$/.exec(event.target.id || '');
      if (field) {
        var hidden = form.querySelector('input[name="fokusfalt"]');
        if (!hidden) {
          hidden = document.createElement('input');
          hidden.type = 'hidden';
          hidden.name = 'fokusfalt';
          form.appendChild(hidden);
        }
        hidden.value = field[1];
      }
      button.click();
    }
  });
}());
