/* The outbox for follow-ups recorded without a network. Shared by the pages and the service worker.
 * Each record keeps its client-generated UUID; the server stores each UUID once, so sending the
 * same record again (a lost response, a second tab, Background Sync and a page at the same time)
 * never duplicates it. A record the server refuses is kept with the reason, never retried for ever;
 * it can be opened in its form, corrected and sent again under the same UUID.
 */
(function (scope) {
  'use strict';

  var DB = 'finsam';
  var STORE = 'utkorg';

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: 'uuid' });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(result && result.result !== undefined ? result.result : result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function all() {
    return run('readonly', function (store) { return store.getAll(); }).then(function (list) {
      return (list || []).sort(function (a, b) { return a.skapad < b.skapad ? -1 : 1; });
    });
  }

  function put(record) {
    return run('readwrite', function (store) { return store.put(record); });
  }

  function remove(uuid) {
    return run('readwrite', function (store) { return store.delete(uuid); }).then(function () {
      tell({ typ: 'andrad' });
    });
  }

  function clear() {
    return run('readwrite', function (store) { return store.clear(); });
  }

  function uuid() {
    if (scope.crypto && scope.crypto.randomUUID) {
      return scope.crypto.randomUUID();
    }
    var b = scope.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // The pages and the service worker tell each other when the outbox changed (a record stored, sent or
  // refused), so every open page shows the true count and knows the network is back.
  var channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('finsam-utkorg') : null;

  function tell(message) {
    if (channel) {
      channel.postMessage(message);
    }
  }

  function listen(handler) {
    if (channel) {
      channel.addEventListener('message', function (event) { handler(event.data || {}); });
    }
  }

  /**
   * Adds a record: { deltagareId, namn, falt: {field: value} }. No CSRF token is kept: it would be stale after a
   * new login, so one is fetched when the record is sent. Adding a record with the UUID of one already here
   * (a refused record, corrected) replaces it, so it is still sent once.
   */
  function add(record) {
    record.uuid = record.falt.uuid;
    record.skapad = record.skapad || new Date().toISOString();
    record.state = 'vantar';
    delete record.csrf;
    delete record.fel;
    return put(record).then(function () {
      tell({ typ: 'andrad' });
      return record;
    });
  }

  function get(id) {
    return run('readonly', function (store) { return store.get(id); });
  }

  /** The token that goes with the browser's CSRF cookie now; null when the session is gone. */
  function freshToken() {
    return fetch('/api/csrf', { credentials: 'same-origin', redirect: 'manual',
                                headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        if (response.status !== 200) {
          return null;
        }
        return response.json().then(function (body) { return body && body.token ? body.token : null; });
      });
  }

  function post(record, token) {
    return fetch('/api/uppfoljning', {
      method: 'POST',
      credentials: 'same-origin',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': token || '' },
      body: JSON.stringify({ deltagareId: record.deltagareId, falt: record.falt })
    });
  }

  var sending = null;

  /**
   * Sends waiting records one at a time. Resolves to { skickade, avvisade, kvar, loggaIn }.
   * A record is refused for good only for a reason in its content (a 4xx that a fresh token does not change).
   * No session (401, a redirect to the login page) means "log in again": the records wait. A network failure
   * or a server error stops the round and keeps the rest for later.
   */
  function send(csrfNow) {
    if (sending) {
      return sending;
    }
    var summary = { skickade: 0, avvisade: 0, kvar: 0, loggaIn: false };
    var token = csrfNow || null;
    var fresh = false;

    function refresh() {
      fresh = true;
      return freshToken().then(function (t) {
        token = t;
        if (!t) {
          summary.loggaIn = true;
        }
        return !!t;
      });
    }

    function attempt(record) {
      return post(record, token).then(function (response) {
        if (response.type === 'opaqueredirect' || response.status === 401) {
          summary.loggaIn = true;
          return 'vanta';
        }
        if (response.status === 403 && !fresh) {
          // Usually a token from before a new login: try once more with the token of now.
          return refresh().then(function (ok) { return ok ? attempt(record) : 'vanta'; });
        }
        return response.json().catch(function () { return {}; }).then(function (body) {
          if ((response.status === 200 || response.status === 201) && body.uuid === record.uuid) {
            return 'skickad';
          }
          if (response.status >= 400 && response.status < 500 && response.status !== 408
              && response.status !== 429) {
            record.fel = body.fel || ('HTTP ' + response.status);
            return 'avvisad';
          }
          return 'vanta';
        });
      }, function () { return 'vanta'; });
    }

    sending = all().then(function (records) {
      var waiting = records.filter(function (r) { return r.state === 'vantar'; });
      if (waiting.length === 0) {
        return true;
      }
      var ready = token ? Promise.resolve(true) : refresh().catch(function () { return false; });
      return ready.then(function (ok) {
        var chain = Promise.resolve(ok);
        waiting.forEach(function (record) {
          chain = chain.then(function (goOn) {
            if (!goOn) {
              summary.kvar++;
              return false;
            }
            return attempt(record).then(function (result) {
              if (result === 'skickad') {
                summary.skickade++;
                return remove(record.uuid).then(function () { return true; });
              }
              if (result === 'avvisad') {
                record.state = 'avvisad';
                summary.avvisade++;
                return put(record).then(function () { return true; });
              }
              summary.kvar++;
              return false;
            });
          });
        });
        return chain;
      });
    }).then(function () {
      sending = null;
      if (summary.skickade || summary.avvisade || summary.loggaIn) {
        tell({ typ: 'skickat', skickade: summary.skickade, avvisade: summary.avvisade, kvar: summary.kvar,
               loggaIn: summary.loggaIn });
      }
      return summary;
    }, function (error) {
      sending = null;
      throw error;
    });
    return sending;
  }

  /** For Background Sync: fails while records remain, so that the browser tries again later. */
  function sync() {
    return send().then(function (summary) {
      if (summary.kvar > 0) {
        throw new Error(summary.kvar + ' waiting');
      }
      return summary;
    });
  }

  /**
   * Checks a follow-up on the device with the rules the server sends with the form (UppfoljningFormular's rule
   * set, the same the server checks), before anything is stored. Returns { field: message }, empty when fine.
   * Rules that need the database (which items the plan has, what a correction points at) stay on the server.
   */
  function kontrollera(regler, falt, sprak) {
    var fel = {};
    function text(key) {
      var v = falt[key];
      if (v === undefined || v === null) {
        return null;
      }
      v = String(v).trim();
      return v === '' ? null : v;
    }
    function add(key, message) {
      if (!Object.prototype.hasOwnProperty.call(fel, key)) {
        fel[key] = message;
      }
    }
    function number(n) {
      try { return Number(n).toLocaleString(sprak || undefined); } catch (e) { return String(n); }
    }
    var ids = [];
    Object.keys(falt).forEach(function (key) {
      var m = /^(status|orsak|fore)_(\d{1,12})$/.exec(key);
      if (m && ids.indexOf(m[2]) < 0) {
        ids.push(m[2]);
      }
    });
    function expand(pattern) {
      return pattern.indexOf('*') < 0 ? [pattern]
        : ids.map(function (id) { return pattern.replace('*', id); });
    }

    Object.keys(regler.kravs || {}).forEach(function (key) {
      if (text(key) === null) {
        add(key, regler.kravs[key]);
      }
    });
    var d = regler.datum;
    var datum = d ? text(d.falt) : null;
    if (datum !== null) {
      var parsed = /^\d{4}-\d{2}-\d{2}$/.test(datum) ? new Date(datum + 'T00:00:00Z') : null;
      if (!parsed || isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== datum) {
        add(d.falt, d.format);
      } else {
        var now = new Date();
        var max = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate() + (d.dagarFramat || 0)));
        if (datum > max.toISOString().slice(0, 10)) {
          add(d.falt, d.framtid);
        } else if (d.min && datum < d.min) {
          add(d.falt, d.fore);
        }
      }
    }
    Object.keys(regler.varden || {}).forEach(function (pattern) {
      expand(pattern).forEach(function (key) {
        var v = text(key);
        if (v !== null && regler.varden[pattern].indexOf(v) < 0) {
          add(key, regler.vardenFel[pattern]);
        }
      });
    });
    Object.keys(regler.maxLangd || {}).forEach(function (pattern) {
      var max = regler.maxLangd[pattern];
      expand(pattern).forEach(function (key) {
        var v = text(key);
        if (v !== null && v.length > max) {
          add(key, regler.lang.replace('{0}', number(max)).replace('{1}', number(v.length)));
        }
      });
    });
    (regler.kravsOm || []).forEach(function (regel) {
      ids.forEach(function (id) {
        var om = text(regel.om.replace('*', id));
        var fore = text(regel.andrad.replace('*', id));
        if (om !== null && regel.varden.indexOf(om) >= 0 && om !== fore && text(regel.falt.replace('*', id)) === null) {
          add(regel.falt.replace('*', id), regel.fel);
        }
      });
    });
    var nagot = regler.nagot;
    if (nagot && Object.keys(fel).length === 0) {
      var finns = nagot.falt.some(function (key) { return text(key) !== null; }) || ids.some(function (id) {
        var status = text(nagot.status.replace('*', id));
        return (status !== null && status !== text(nagot.fore.replace('*', id))) || text('orsak_' + id) !== null;
      });
      if (!finns) {
        add(nagot.vid, nagot.fel);
      }
    }
    return fel;
  }

  scope.FinsamUtkorg = { all: all, get: get, add: add, remove: remove, clear: clear, send: send, sync: sync,
                        uuid: uuid, listen: listen, tell: tell, kontrollera: kontrollera };
}(self));
