// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  // Move focus to the error summary so screen reader and keyboard users hear what to fix.
  var summary = document.querySelector('.felsammanfattning');
  if (summary) {
    summary.focus();
  }

  // Print buttons (the page prints well without them too: browser menu, Ctrl+P).
  document.querySelectorAll('[data-skriv-ut]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      window.print();
    });
  });

  if (!('serviceWorker' in navigator)) {
    return;
  }
  // Logging out: forget the saved pages before the server answers (the server also sends Clear-Site-Data).
  document.querySelectorAll('form[action="/logga-ut"]').forEach(function (form) {
    form.addEventListener('submit', function () {
      if (navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage('rensa');
      }
      if (window.caches) {
        caches.delete('finsam-sidor');
      }
    });
  });
  var root = document.documentElement;
  if (!root.hasAttribute('data-pwa')) {
    return;
  }
  navigator.serviceWorker.register('/sw.js', { scope: '/' });

  // Keep the participant's pages for offline use, also those not opened yet (contacts, meeting).
  var pages = (root.getAttribute('data-spara') || '').split(' ').filter(Boolean);
  if (pages.length === 0 || root.hasAttribute('data-offline') || !window.caches) {
    return;
  }
  var controlled = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.ready.then(function () {
    return caches.open('finsam-sidor');
  }).then(function (cache) {
    return Promise.all(pages.filter(function (path) {
      // A page the worker already saw on the way in is saved by the worker itself.
      return !(controlled && path === location.pathname);
    }).map(function (path) {
      return fetch(path, { credentials: 'same-origin' }).then(function (response) {
        if (response.ok && !response.redirected) {
          return cache.put(path, response);
        }
        return undefined;
      });
    }));
  }).then(function () {
    root.setAttribute('data-sparad', 'true');
  }).catch(function () {
    // Offline saving is a bonus; the page itself already works.
  });
}());
