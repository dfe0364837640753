/* Voice memos recorded with no signal wait here, in IndexedDB (a Blob is too big for
   localStorage), and are sent when the phone is back online. Each memo carries the
   idempotency key it was recorded with, so however often it is re-sent the server keeps
   (and transcribes) it once.

   The shape matches the pocket app's queue, HallwayQueue.add({url, method, body,
   idempotencyKey}): when that queue is on the page, memos go there instead and this module
   only drains what it may still hold. */
(function () {
  "use strict";
  if (window.HallwayVoiceQueue) return;
  var DB = "hallway-voice", STORE = "outbox", listeners = [];

  function open() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "idempotencyKey" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode), result;
        transaction.oncomplete = function () { db.close(); resolve(result); };
        transaction.onerror = function () { db.close(); reject(transaction.error); };
        result = work(transaction.objectStore(STORE));
        if (result && "onsuccess" in result) {
          var req = result;
          req.onsuccess = function () { result = req.result; };
        }
      });
    });
  }
  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { return ""; }
  }
  function toFormData(fields) {
    var data = new FormData();
    fields.forEach(function (field) {
      if (field.filename) data.append(field.name, field.value, field.filename);
      else data.append(field.name, field.value);
    });
    return data;
  }
  function notify(event) { listeners.forEach(function (listener) { try { listener(event); } catch (e) { /* keep going */ } }); }

  /* Send one memo now. Resolves with {response, data}; rejects when the server is unreachable. */
  function send(item) {
    return fetch(item.url, {
      method: item.method || "POST", body: toFormData(item.fields), credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.status >= 500) throw new Error("server error " + response.status);
        return { response: response, data: data };
      });
    });
  }

  var flushing = false;
  function flush() {
    if (flushing) return Promise.resolve();
    flushing = true;
    return run("readonly", function (store) { return store.getAll(); }).then(function (items) {
      items = items || [];
      var chain = Promise.resolve();
      items.forEach(function (item) {
        chain = chain.then(function () {
          window.HallwayVoiceQueue.attempts += 1;
          return send(item).catch(function (error) {
            window.HallwayVoiceQueue.failures += 1;
            throw error;
          }).then(function (result) {
            // Delivered, or refused for good (4xx): either way it leaves the queue.
            return remove(item.idempotencyKey).then(function () {
              notify({ type: result.response.ok ? "sent" : "refused", item: item, data: result.data });
            });
          });
        });
      });
      return chain;
    }).catch(function () { /* still offline: the next try will do */ })
      .then(function () { flushing = false; return count(); })
      .then(function (left) { notify({ type: "count", count: left }); });
  }
  function remove(key) { return run("readwrite", function (store) { store.delete(key); }); }
  function count() { return run("readonly", function (store) { return store.count(); }).catch(function () { return 0; }); }

  window.HallwayVoiceQueue = {
    /* Keep a memo until it can be sent: {url, method, fields: [{name, value, filename?}], idempotencyKey}. */
    add: function (item) {
      return run("readwrite", function (store) { store.put(item); }).then(count)
        .then(function (left) { notify({ type: "count", count: left }); });
    },
    flush: flush,
    send: send,
    count: count,
    toFormData: toFormData,
    onChange: function (listener) { listeners.push(listener); },
    attempts: 0,  /* sends tried from the queue, and how many found no server */
    failures: 0
  };
  window.addEventListener("online", flush);
  setInterval(function () { if (navigator.onLine !== false) flush(); }, 15000);
  document.addEventListener("DOMContentLoaded", flush);
})();
