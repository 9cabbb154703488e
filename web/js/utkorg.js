/* The outbox for follow-ups recorded without a network. Shared by the pages and the service worker.
 * Each record keeps its client-generated UUID; the server stores each UUID once, so sending the
 * same record again (a lost response, a second tab, Background Sync and a page at the same time)
 * never duplicates it. A record the server refuses is kept with the reason, never retried for ever.
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
    return run('readwrite', function (store) { return store.delete(uuid); });
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

  /** Adds a record: { deltagareId, namn, falt: {field: value}, csrf }. */
  function add(record) {
    record.uuid = record.falt.uuid;
    record.skapad = new Date().toISOString();
    record.state = 'vantar';
    return put(record).then(function () { return record; });
  }

  var sending = null;

  /**
   * Sends waiting records one at a time. Resolves to { skickade, avvisade, kvar, loggaIn }.
   * A network failure or a server error stops the round and keeps the rest for later.
   */
  function send(csrfNow) {
    if (sending) {
      return sending;
    }
    var summary = { skickade: 0, avvisade: 0, kvar: 0, loggaIn: false };
    sending = all().then(function (records) {
      var waiting = records.filter(function (r) { return r.state === 'vantar'; });
      var chain = Promise.resolve(true);
      waiting.forEach(function (record) {
        chain = chain.then(function (goOn) {
          if (!goOn) {
            summary.kvar++;
            return false;
          }
          return fetch('/api/uppfoljning', {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', 'Accept': 'application/json',
                       'X-CSRF-Token': csrfNow || record.csrf },
            body: JSON.stringify({ deltagareId: record.deltagareId, falt: record.falt })
          }).then(function (response) {
            if (response.status === 200 || response.status === 201) {
              summary.skickade++;
              return remove(record.uuid).then(function () { return true; });
            }
            if (response.status === 401) {
              summary.loggaIn = true;
              summary.kvar++;
              return false;
            }
            if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
              return response.json().catch(function () { return {}; }).then(function (body) {
                record.state = 'avvisad';
                record.fel = body.fel || ('HTTP ' + response.status);
                summary.avvisade++;
                return put(record).then(function () { return true; });
              });
            }
            summary.kvar++;
            return false;
          }, function () {
            summary.kvar++;
            return false;
          });
        });
      });
      return chain;
    }).then(function () {
      sending = null;
      return summary;
    }, function (error) {
      sending = null;
      throw error;
    });
    return sending;
  }

  scope.FinsamUtkorg = { all: all, add: add, remove: remove, clear: clear, send: send, uuid: uuid };
}(self));
