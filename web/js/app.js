// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  var root = document.documentElement;
  // The page's texts in its own language, from the bundles (the layout renders them as JSON).
  var texts = {};
  try {
    texts = JSON.parse((document.getElementById('js-texter') || {}).textContent || '{}');
  } catch (ignored) {
    texts = {};
  }
  function t(key) {
    var args = Array.prototype.slice.call(arguments, 1);
    return (texts[key] || key).replace(/\{(\d+)\}/g, function (all, i) { return String(args[Number(i)]); });
  }

  // Move focus to the error summary so screen reader and keyboard users hear what to fix.
  var summary = document.querySelector('.felsammanfattning');
  if (summary) {
    summary.focus();
  }

  // A link in an error summary moves focus to its field and shows the field's label (or legend) with it.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('.felsammanfattning a[href^="#"]');
    var field = link && document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
    if (!field) {
      return;
    }
    event.preventDefault();
    var legend = field.closest('fieldset') && field.type && /radio|checkbox/.test(field.type)
      ? field.closest('fieldset').querySelector('legend') : null;
    var label = legend || document.querySelector('label[for="' + field.id + '"]') || field;
    label.scrollIntoView();
    field.focus({ preventScroll: true });
  });

  // A form asked for in a long list (return an item, mark an escalation handled): the link opens the page again
  // with that one form below it; here the form is copied from the page's one <template> instead, without a new
  // page, and a second press closes it. The template holds the form of the row given in its data-id.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-formular]');
    var template = link && document.getElementById(link.getAttribute('data-formular'));
    var place = link && document.getElementById(link.getAttribute('aria-controls'));
    if (!template || !template.content || !place || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    if (place.firstElementChild) {
      place.textContent = '';
      link.setAttribute('aria-expanded', 'false');
      return;
    }
    var from = new RegExp('(^|[^0-9])' + template.getAttribute('data-id') + '(?![0-9])', 'g');
    var to = '$1' + link.getAttribute('data-id');
    var form = template.content.cloneNode(true);
    form.querySelectorAll('[id], [for], [action], [aria-describedby]').forEach(function (element) {
      ['id', 'for', 'action', 'aria-describedby'].forEach(function (name) {
        if (element.hasAttribute(name)) {
          element.setAttribute(name, element.getAttribute(name).replace(from, to));
        }
      });
    });
    place.appendChild(form);
    link.setAttribute('aria-expanded', 'true');
    var field = place.querySelector('textarea, input:not([type=hidden])');
    if (field) {
      field.focus();
    }
  });

  // Print buttons (the page prints well without them too: browser menu, Ctrl+P).
  document.querySelectorAll('[data-skriv-ut]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });

  var csrfField = document.querySelector('input[name="_csrf"]');
  var csrf = csrfField ? csrfField.value : null;
  var utkorg = window.FinsamUtkorg && window.indexedDB ? window.FinsamUtkorg : null;

  // ---- The outbox: follow-ups recorded without a network ----

  function showCount() {
    if (!utkorg) {
      return Promise.resolve();
    }
    return utkorg.all().then(function (records) {
      var waiting = records.filter(function (r) { return r.state === 'vantar'; }).length;
      var refused = records.length - waiting;
      document.querySelectorAll('[data-utkorg-antal]').forEach(function (badge) {
        badge.hidden = records.length === 0;
        badge.textContent = t('utkorg.vantar', waiting) + (refused ? ', ' + t('utkorg.avvisade', refused) : '');
      });
      root.setAttribute('data-utkorg-vantar', String(waiting));
      var list = document.querySelector('[data-utkorg-lista]');
      if (list) {
        list.textContent = '';
        records.forEach(function (r) {
          var li = document.createElement('li');
          li.setAttribute('data-uuid', r.uuid);
          li.setAttribute('data-state', r.state);
          var strong = document.createElement('strong');
          strong.textContent = r.namn || ('#' + r.deltagareId);
          li.appendChild(strong);
          var info = document.createElement('span');
          info.className = 'lista__info';
          info.textContent = new Date(r.skapad).toLocaleString(root.lang) + ' · ' + (r.state === 'vantar'
            ? t('utkorg.vantarpanat')
            : t('utkorg.avvisad', r.fel));
          li.appendChild(info);
          if (r.state !== 'vantar' && list.getAttribute('data-t-ratta')) {
            var open = document.createElement('a');
            open.href = '/deltagare/' + encodeURIComponent(r.deltagareId) + '/uppfoljning?utkorg='
              + encodeURIComponent(r.uuid);
            open.className = 'utkorg-ratta';
            open.textContent = list.getAttribute('data-t-ratta');
            li.appendChild(document.createTextNode(' '));
            li.appendChild(open);
          }
          if (r.state !== 'vantar') {
            var drop = document.createElement('button');
            drop.type = 'button';
            drop.className = 'knapp knapp--lank';
            drop.textContent = t('utkorg.tabort');
            drop.addEventListener('click', function () { utkorg.remove(r.uuid).then(showCount); });
            li.appendChild(drop);
          }
          list.appendChild(li);
        });
        var empty = document.querySelector('[data-utkorg-tom]');
        if (empty) { empty.hidden = records.length > 0; }
        var sendButton = document.querySelector('[data-utkorg-skicka]');
        if (sendButton) { sendButton.hidden = waiting === 0; }
      }
    });
  }

  function sendOutbox() {
    if (!utkorg) {
      return Promise.resolve(null);
    }
    return utkorg.send(csrf).then(function (result) {
      root.setAttribute('data-utkorg-skickat', String(result.skickade));
      if (result.skickade > 0 || result.avvisade > 0) {
        connected();
      }
      return showCount().then(function () { return result; });
    }, function () { return null; });
  }

  // The server answered: whatever the page was loaded from, the network is back.
  function connected() {
    root.removeAttribute('data-offline');
    root.setAttribute('data-ansluten', 'true');
  }

  function say(text) {
    var box = document.querySelector('[data-utkorg-meddelande]');
    if (box) {
      box.textContent = text;
      box.className = 'utkorg-meddelande bekraftelse';
    }
  }

  var form = document.querySelector('form[data-utkorg]');
  var regler = null;
  try {
    regler = form && form.getAttribute('data-regler') ? JSON.parse(form.getAttribute('data-regler')) : null;
  } catch (e) {
    regler = null;
  }

  // Errors found on the device, shown the way the server shows its own: a summary that takes focus and a
  // message beside each field.
  function showErrors(errors) {
    form.querySelectorAll('[data-klientfel]').forEach(function (old) { old.parentNode.removeChild(old); });
    form.querySelectorAll('[data-klientfel-falt]').forEach(function (field) {
      field.removeAttribute('aria-invalid');
      field.removeAttribute('data-klientfel-falt');
      var described = (field.getAttribute('aria-describedby') || '').split(' ')
        .filter(function (id) { return id && id !== field.id + '-klientfel'; }).join(' ');
      if (described) { field.setAttribute('aria-describedby', described); } else { field.removeAttribute('aria-describedby'); }
      var wrap = field.closest('.falt');
      if (wrap) { wrap.classList.remove('falt--fel'); }
    });
    var old = document.querySelector('[data-klientfel-sammanfattning]');
    if (old) { old.parentNode.removeChild(old); }
    var names = Object.keys(errors);
    if (names.length === 0) {
      return;
    }
    var summaryBox = document.createElement('div');
    summaryBox.className = 'felsammanfattning';
    summaryBox.setAttribute('tabindex', '-1');
    summaryBox.setAttribute('data-klientfel-sammanfattning', '');
    summaryBox.setAttribute('aria-labelledby', 'klientfel-rubrik');
    var heading = document.createElement('h2');
    heading.id = 'klientfel-rubrik';
    heading.textContent = regler.rubrik || '';
    var alert = document.createElement('div');
    alert.setAttribute('role', 'alert');
    alert.appendChild(heading);
    var list = document.createElement('ul');
    names.forEach(function (name) {
      var field = form.elements.namedItem(name);
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#' + (field && field.id ? field.id : name);
      a.textContent = errors[name];
      li.appendChild(a);
      list.appendChild(li);
      if (field && field.id) {
        var message = document.createElement('p');
        message.className = 'falt__fel';
        message.id = field.id + '-klientfel';
        message.setAttribute('data-klientfel', '');
        var prefix = document.createElement('span');
        prefix.className = 'visually-hidden';
        prefix.textContent = t('form.fel') + ': ';
        message.appendChild(prefix);
        message.appendChild(document.createTextNode(errors[name]));
        field.parentNode.insertBefore(message, field);
        field.setAttribute('aria-invalid', 'true');
        field.setAttribute('data-klientfel-falt', '');
        field.setAttribute('aria-describedby', ((field.getAttribute('aria-describedby') || '') + ' ' + message.id).trim());
        var wrap = field.closest('.falt');
        if (wrap) { wrap.classList.add('falt--fel'); }
      }
    });
    alert.appendChild(list);
    summaryBox.appendChild(alert);
    form.parentNode.insertBefore(summaryBox, form);
    summaryBox.focus();
  }

  if (form && utkorg) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var fields = {};
      new FormData(form).forEach(function (value, key) {
        if (key !== '_csrf' && value !== '') { fields[key] = String(value); }
      });
      var errors = regler ? utkorg.kontrollera(regler, fields, root.lang) : {};
      showErrors(errors);
      if (Object.keys(errors).length > 0) {
        return;
      }
      // A refused record opened for correction keeps its UUID: it was never stored, and stays one record.
      fields.uuid = form.getAttribute('data-utkorg-uuid') || utkorg.uuid();
      fields.klient_tid = new Date().toISOString();
      var record = { deltagareId: Number(form.getAttribute('data-utkorg')),
                     namn: form.getAttribute('data-deltagare-namn'), falt: fields };
      utkorg.add(record).then(function () {
        return sendOutbox();
      }).then(function (result) {
        return utkorg.all().then(function (records) {
          var mine = records.filter(function (r) { return r.uuid === fields.uuid; })[0];
          if (!mine) {
            form.removeAttribute('data-utkorg-uuid');
            window.location.href = window.location.pathname + '?sparad=1';
          } else if (mine.state === 'avvisad') {
            utkorg.remove(mine.uuid).then(showCount);
            say(t('uppf.ejsparad', mine.fel));
          } else {
            form.reset();
            form.removeAttribute('data-utkorg-uuid');
            say(t('uppf.ienheten')
                + (result && result.loggaIn ? ' ' + t('utkorg.loggain') : ''));
            if (navigator.serviceWorker && navigator.serviceWorker.ready && window.SyncManager) {
              navigator.serviceWorker.ready.then(function (reg) { return reg.sync.register('utkorg'); }).catch(function () {});
            }
          }
        });
      });
    });
    var correcting = /[?&]utkorg=([0-9a-fA-F-]{36})(&|$)/.exec(window.location.search);
    if (correcting) {
      utkorg.get(correcting[1]).then(function (record) {
        if (!record || String(record.deltagareId) !== form.getAttribute('data-utkorg')) {
          return;
        }
        Object.keys(record.falt).forEach(function (name) {
          var field = form.elements.namedItem(name);
          if (!field || name === 'uuid' || name === 'klient_tid' || name === '_csrf') {
            return;
          }
          if (field.type === 'checkbox') {
            field.checked = record.falt[name] === 'on' || record.falt[name] === 'true';
          } else {
            field.value = record.falt[name];
          }
        });
        form.setAttribute('data-utkorg-uuid', record.uuid);
        var box = document.querySelector('[data-utkorg-meddelande]');
        if (record.fel && box && box.getAttribute('data-t-rattas')) {
          box.textContent = box.getAttribute('data-t-rattas').replace('{0}', record.fel);
          box.className = 'utkorg-meddelande ruta ruta--info';
        }
        root.setAttribute('data-utkorg-rattas', record.uuid);
      });
    }
    if (/[?&]sparad=1/.test(window.location.search)) {
      say(t('uppf.sparad'));
    }
  }

  var sendButton = document.querySelector('[data-utkorg-skicka]');
  if (sendButton) {
    sendButton.addEventListener('click', sendOutbox);
  }

  // Logging out with unsent records: warn, never discard silently.
  document.querySelectorAll('form[action="/logga-ut"]').forEach(function (logout) {
    logout.addEventListener('submit', function (event) {
      var waiting = Number(root.getAttribute('data-utkorg-vantar') || '0');
      if (waiting > 0 && !window.confirm(t('utkorg.loggaut', waiting))) {
        event.preventDefault();
        sendOutbox();
        return;
      }
      if (navigator.serviceWorker && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage('rensa');
      }
      if (window.caches) {
        caches.delete('finsam-sidor');
        caches.delete('finsam-personal');
      }
    });
  });

  if (utkorg) {
    utkorg.listen(function (message) {
      showCount();
      if (message.typ === 'skickat' && (message.skickade > 0 || message.avvisade > 0)) {
        connected();
      }
      var box = document.querySelector('[data-utkorg-meddelande]');
      if (message.loggaIn && box && box.getAttribute('data-t-loggain')) {
        box.textContent = box.getAttribute('data-t-loggain');
        box.className = 'utkorg-meddelande bekraftelse';
      }
    });
    window.addEventListener('online', sendOutbox);
    if (navigator.onLine !== false && !root.hasAttribute('data-offline')) {
      sendOutbox();
    } else {
      showCount();
    }
  }

  // ---- Taking chosen participants offline (staff) ----

  function listOffline() {
    var list = document.querySelector('[data-offline-lista]');
    if (!list || !window.caches) {
      return;
    }
    caches.open('finsam-personal').then(function (cache) { return cache.keys(); }).then(function (keys) {
      list.textContent = '';
      keys.forEach(function (request) {
        var path = new URL(request.url).pathname;
        if (!/^\/deltagare\/\d+\/uppfoljning$/.test(path)) { return; }
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = path;
        var label = document.querySelector('label[for="offline-' + path.split('/')[2] + '"]');
        a.textContent = label ? label.firstChild.textContent.trim() : path;
        li.appendChild(a);
        list.appendChild(li);
      });
      var empty = document.querySelector('[data-offline-tom]');
      if (empty) { empty.hidden = list.children.length > 0; }
    });
  }

  // "The whole meeting": one box ticks every participant booked into it.
  document.querySelectorAll('[data-mote-grupp] [data-valj-alla]').forEach(function (all) {
    all.addEventListener('change', function () {
      all.closest('[data-mote-grupp]').querySelectorAll('input[name=deltagare]').forEach(function (box) {
        box.checked = all.checked;
      });
    });
  });

  var chooser = document.querySelector('form[data-ta-offline]');
  if (chooser && window.caches) {
    chooser.addEventListener('submit', function (event) {
      event.preventDefault();
      var status = chooser.querySelector('[data-ta-offline-status]');
      var ids = Array.prototype.map.call(chooser.querySelectorAll('input[name=deltagare]:checked'),
        function (box) { return box.value; });
      if (ids.length === 0) {
        status.textContent = t('offline.valj');
        return;
      }
      status.textContent = t('offline.sparar', ids.length);
      var paths = ['/offline'].concat(ids.map(function (id) { return '/deltagare/' + id + '/uppfoljning'; }));
      caches.open('finsam-personal').then(function (cache) {
        return Promise.all(paths.map(function (path) {
          // A redirect (to the login page, when the session has ended) is not followed: nothing to save there.
          return fetch(path, { credentials: 'same-origin', redirect: 'manual' }).then(function (response) {
            if (!response.ok || response.redirected) { throw new Error(path); }
            return cache.put(path, response);
          });
        }));
      }).then(function () {
        status.textContent = t('offline.sparade', ids.length);
        root.setAttribute('data-offline-klar', String(ids.length));
        listOffline();
      }, function () {
        status.textContent = t('offline.fel');
      });
    });
  }
  listOffline();

  // ---- Service worker and the participant's saved pages ----

  if (!('serviceWorker' in navigator) || !root.hasAttribute('data-pwa')) {
    return;
  }
  // Registering the worker and saving the pages for offline use waits until the page has loaded and the
  // browser is idle: none of it is needed to read or use the page itself.
  function whenIdle(work) {
    var run = function () {
      if (window.requestIdleCallback) {
        window.requestIdleCallback(work, { timeout: 2000 });
      } else {
        window.setTimeout(work, 0);
      }
    };
    if (document.readyState === 'complete') {
      run();
    } else {
      window.addEventListener('load', run, { once: true });
    }
  }

  whenIdle(function () {
    navigator.serviceWorker.register('/sw.js', { scope: '/' });
    // The worker shows its "no network" page in the language of the pages she reads.
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.active) {
        reg.active.postMessage({ sprak: root.lang });
      }
    });

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
        // Not followed to the login page when her session has ended: that page is not hers to keep, and
        // loading it in the background would give the device a new CSRF cookie behind the form she sees.
        return fetch(path, { credentials: 'same-origin', redirect: 'manual' }).then(function (response) {
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
  });
}());
