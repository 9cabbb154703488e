// Notifications on this phone or browser, from her message choices. Without this file the page says that
// notifications need a browser that runs scripts; everything else on the page works without it.
// The page lists (as hashes) the subscriptions the server holds for her, so a subscription this browser still has
// after she turned notifications off elsewhere counts as off, and is ended here too.
(function () {
  'use strict';

  var del = document.querySelector('[data-push]');
  if (!del) {
    return;
  }
  // Where the page posts subscriptions: its own address and /push (a participant's page or staff's).
  var VAG = del.getAttribute('data-vag') || '/min-planering/mina-uppgifter/meddelanden/push';
  var lagen = del.querySelectorAll('[data-push-lage]');
  var knappPa = del.querySelector('[data-push-pa]');
  var knappAv = del.querySelector('[data-push-av]');
  var csrf = document.querySelector('input[name="_csrf"]');
  var kanda = (del.getAttribute('data-hashar') || '').split(' ').filter(Boolean);

  function visa(lage) {
    lagen.forEach(function (p) {
      p.hidden = p.getAttribute('data-push-lage') !== lage;
    });
    knappPa.hidden = !(lage === 'av' || lage === 'misslyckades');
    knappAv.hidden = lage !== 'pa';
    del.setAttribute('data-push-tillstand', lage);
  }

  function iPhone() {
    var ua = navigator.userAgent;
    return /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1);
  }

  function franHemskarmen() {
    return navigator.standalone === true
      || (window.matchMedia && window.matchMedia('(display-mode: standalone)').matches);
  }

  // The server's public key, as the Push API takes it.
  function nyckel(b64) {
    var s = b64.replace(/-/g, '+').replace(/_/g, '/');
    s += '===='.slice(0, (4 - s.length % 4) % 4);
    var bin = window.atob(s);
    var ut = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) {
      ut[i] = bin.charCodeAt(i);
    }
    return ut;
  }

  function hash(text) {
    return crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then(function (b) {
      return Array.prototype.map.call(new Uint8Array(b).slice(0, 8), function (x) {
        return ('0' + x.toString(16)).slice(-2);
      }).join('');
    });
  }

  function skicka(vag, falt) {
    var body = new URLSearchParams();
    body.append('_csrf', csrf ? csrf.value : '');
    Object.keys(falt).forEach(function (k) {
      body.append(k, falt[k]);
    });
    return fetch(vag, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body
    }).then(function (svar) {
      if (!svar.ok) {
        throw new Error('HTTP ' + svar.status);
      }
      return svar;
    });
  }

  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)
      || !window.crypto || !crypto.subtle) {
    // On an iPhone, Safari gives web apps notifications only when opened from the home screen.
    visa(iPhone() && !franHemskarmen() ? 'ios' : 'stodsinte');
    return;
  }
  if (Notification.permission === 'denied') {
    visa('nekad');
    return;
  }

  var registrering = navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(function () {
    return navigator.serviceWorker.ready;
  });

  registrering.then(function (reg) {
    return reg.pushManager.getSubscription();
  }).then(function (sub) {
    if (!sub) {
      visa('av');
      return null;
    }
    return hash(sub.endpoint).then(function (h) {
      if (kanda.indexOf(h) !== -1) {
        visa('pa');
        return null;
      }
      // Turned off elsewhere (or gone at the push service): ended here too.
      visa('av');
      return sub.unsubscribe();
    });
  }).catch(function () {
    visa('stodsinte');
  });

  knappPa.addEventListener('click', function () {
    knappPa.disabled = true;
    Promise.resolve(Notification.requestPermission()).then(function (svar) {
      if (svar !== 'granted') {
        visa(svar === 'denied' ? 'nekad' : 'av');
        return null;
      }
      return registrering.then(function (reg) {
        // A subscription made with another key cannot be changed, only ended and made again.
        return reg.pushManager.getSubscription().then(function (gammal) {
          return gammal ? gammal.unsubscribe() : null;
        }).then(function () {
          // A push service that cannot be reached can leave the browser asking for a long time: after 20 s the
          // page says it did not work (a subscription that comes later is ended on her next visit).
          return Promise.race([reg.pushManager.subscribe({
            userVisibleOnly: true,
            applicationServerKey: nyckel(del.getAttribute('data-nyckel'))
          }), new Promise(function (ignored, avbryt) {
            window.setTimeout(function () {
              avbryt(new Error('timeout'));
            }, 20000);
          })]);
        });
      }).then(function (sub) {
        var json = sub.toJSON();
        return skicka(VAG, { endpoint: json.endpoint, p256dh: json.keys.p256dh, auth: json.keys.auth })
          .catch(function (fel) {
            sub.unsubscribe();
            throw fel;
          });
      }).then(function () {
        // The page again, with the server's word and the new count.
        window.location.reload();
      });
    }).catch(function () {
      visa('misslyckades');
    }).then(function () {
      knappPa.disabled = false;
    });
  });

  knappAv.addEventListener('click', function () {
    knappAv.disabled = true;
    registrering.then(function (reg) {
      return reg.pushManager.getSubscription();
    }).then(function (sub) {
      if (!sub) {
        return null;
      }
      var endpoint = sub.endpoint;
      return sub.unsubscribe().then(function () {
        return skicka(VAG + '/av', { endpoint: endpoint });
      });
    }).then(function () {
      window.location.reload();
    }).catch(function () {
      visa('misslyckades');
      knappAv.disabled = false;
    });
  });
}());
