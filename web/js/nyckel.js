// Passkeys (WebAuthn): registering one and logging in with one. Only an improvement: without this file, or in a
// browser without passkeys, the buttons stay hidden and the PIN and password forms work as before.
(function () {
  'use strict';

  var texts = {};
  try {
    texts = JSON.parse((document.getElementById('js-texter') || {}).textContent || '{}');
  } catch (ignored) {
    texts = {};
  }
  function t(key) {
    return texts[key] || key;
  }

  if (!window.PublicKeyCredential || !navigator.credentials) {
    return;
  }

  function toBytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) {
      base64 += '=';
    }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function creationOptions(json) {
    var o = json.publicKey;
    o.challenge = toBytes(o.challenge);
    o.user.id = toBytes(o.user.id);
    (o.excludeCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
    return { publicKey: o };
  }

  function requestOptions(json) {
    var o = json.publicKey;
    o.challenge = toBytes(o.challenge);
    (o.allowCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
    return { publicKey: o };
  }

  function credentialJson(credential) {
    var r = credential.response;
    var response = { clientDataJSON: toBase64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toBase64url(r.attestationObject);
      response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
    } else {
      response.authenticatorData = toBase64url(r.authenticatorData);
      response.signature = toBase64url(r.signature);
      response.userHandle = r.userHandle ? toBase64url(r.userHandle) : null;
    }
    return {
      type: credential.type,
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      response: response,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {}
    };
  }

  function post(url, body, csrf) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          throw new Error(data.fel || t('nyckel.fel'));
        }
        return data;
      });
    });
  }

  // Each passkey button names its start and finish addresses; the status element beside it tells how it went.
  document.querySelectorAll('[data-nyckel]').forEach(function (button) {
    var box = button.closest('[data-nyckel-ruta]') || button.parentNode;
    box.hidden = false;
    var status = box.querySelector('[data-nyckel-status]');
    var form = button.closest('form') || document;
    var csrfField = form.querySelector('input[name="_csrf"]') || document.querySelector('input[name="_csrf"]');
    button.addEventListener('click', function (event) {
      event.preventDefault();
      var registering = button.getAttribute('data-nyckel') === 'registrera';
      var userField = button.getAttribute('data-anvandare') ? document.querySelector(button.getAttribute('data-anvandare')) : null;
      var nameField = button.getAttribute('data-namn') ? document.querySelector(button.getAttribute('data-namn')) : null;
      var csrf = csrfField ? csrfField.value : '';
      button.disabled = true;
      if (status) {
        status.textContent = t('nyckel.vanta');
      }
      post(button.getAttribute('data-start'), { anvandarnamn: userField ? userField.value.trim() : '' }, csrf)
        .then(function (start) {
          var options = JSON.parse(start.options);
          return (registering ? navigator.credentials.create(creationOptions(options))
            : navigator.credentials.get(requestOptions(options)))
            .then(function (credential) {
              return post(button.getAttribute('data-klar'), {
                utmaning: start.utmaning,
                svar: credentialJson(credential),
                namn: nameField ? nameField.value.trim() : '',
                fran: button.getAttribute('data-fran') || '',
                tillbaka: button.getAttribute('data-tillbaka') || ''
              }, csrf);
            });
        })
        .then(function (done) {
          if (status) {
            status.textContent = t('nyckel.klar');
          }
          window.location.assign(done.till || '/');
        })
        .catch(function (error) {
          button.disabled = false;
          if (status) {
            status.textContent = error && error.name === 'NotAllowedError' ? t('nyckel.avbruten')
              : (error && error.message && error.message.indexOf(' ') > 0 ? error.message : t('nyckel.fel'));
          }
        });
    });
  });
}());
