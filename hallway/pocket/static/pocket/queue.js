/* HallwayQueue — writes that wait on the phone until the network is back, sent exactly once.

   Stable API (other features build on it; extend, do not change):

     HallwayQueue.add({url, method, body, headers, idempotencyKey, label, group, kind, meta})
         -> Promise<item>
       url             same-origin URL to send to (required)
       method          "POST" (default), "PUT", "PATCH" or "DELETE"
       body            a string, URLSearchParams, FormData (files and Blobs kept as they are),
                       a Blob, or a plain object/array (sent as JSON)
       headers         extra request headers ({"HX-Request": "true"} …); CSRF is added at send time
       idempotencyKey  sent as the Idempotency-Key header; made here when absent. The server
                       applies each key once per user, so a replay never doubles anything.
       label           what the user sees in the "waiting to send" list ("Work: runs payments")
       group           items of one group are sent in order and wait behind a refused one of
                       the same group (e.g. "conversation:c-1a2b…": a capture waits for its start)
       kind, meta      free for the feature that queued it (the live app redraws from them)
     HallwayQueue.list() -> Promise<item[]>     this user's items, oldest first
     HallwayQueue.count() -> Promise<number>
     HallwayQueue.flush() -> Promise<void>      send what can be sent now (also runs by itself:
                                                on load, when the phone is back online, every 15 s)
     HallwayQueue.discard(id) -> Promise<void>  drop an item (the user chose to)
     HallwayQueue.retry(id, {body, label}?) -> Promise<void>   fix a refused item and send again
                                                (body: the fields to change; a new key is made,
                                                since the refused one changed nothing)
     HallwayQueue.clearUser() -> Promise<void>  forget this user's items (log out)
     HallwayQueue.newKey() -> string            a random 32-character key (also a client-made id)

   An item: {id, user, url, method, headers, body (stored form), idempotencyKey, label, group,
   kind, meta, createdAt, state: "waiting" | "sending" | "refused" | "held", reason, attempts}.

   Events on window:
     "hallway-queue:change"  detail {count, items}      whenever the list changes
     "hallway-queue:sent"    detail {item, status, data, response headers as an object}
                             data is the parsed JSON answer, or the text for anything else
     "hallway-queue:refused" detail {item, status, reason}   the server said no (4xx): the item
                             stays, with the reason, until the user fixes or discards it
     "hallway-queue:idle"    detail {tried, count, waiting}   a flush finished (items left, of
                             which still waiting to be sent)

   Outcomes when sending: a network error or timeout leaves the item waiting (retried with
   back-off); 2xx/3xx removes it; 401/403 or a redirect to the login page holds it until the
   user logs in again; 408/409/425/429/5xx retry later; any other 4xx refuses it.

   Items live in IndexedDB ("hallway", store "queue"), so they survive reloads and restarts.
   They belong to the user who made them (document.body.dataset.user) and are only sent, shown
   or counted for that user. Without IndexedDB (very old browsers) they live in memory only. */
(function () {
  "use strict";
  var DB_NAME = "hallway", DB_VERSION = 1, STORE = "queue";
  var dbPromise = null, memory = [];

  function openDb() {
    if (dbPromise) return dbPromise;
    dbPromise = new Promise(function (resolve) {
      if (!window.indexedDB) { resolve(null); return; }
      var request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
        if (!db.objectStoreNames.contains("state")) db.createObjectStore("state");
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { resolve(null); };
    });
    return dbPromise;
  }
  function tx(store, mode, work) {
    return openDb().then(function (db) {
      if (!db) return work(null);
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(store, mode), result;
        transaction.oncomplete = function () { resolve(result); };
        transaction.onerror = transaction.onabort = function () { reject(transaction.error); };
        result = work(transaction.objectStore(store));
        if (result && typeof result.then === "function") result.then(function (value) { result = value; });
      });
    });
  }
  function request(req) {
    return new Promise(function (resolve, reject) {
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function currentUser() { return (document.body && document.body.dataset.user) || ""; }
  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { return ""; }
  }

  // Bodies are stored in a form IndexedDB can keep (FormData itself cannot be stored).
  function storeBody(body) {
    if (body === undefined || body === null) return { type: "none" };
    if (typeof body === "string") return { type: "text", value: body };
    if (typeof URLSearchParams !== "undefined" && body instanceof URLSearchParams) return { type: "urlencoded", value: body.toString() };
    if (typeof FormData !== "undefined" && body instanceof FormData) {
      var entries = [];
      body.forEach(function (value, name) {
        entries.push(value instanceof Blob ? [name, value, value.name || "blob"] : [name, String(value)]);
      });
      return { type: "form", value: entries };
    }
    if (body instanceof Blob) return { type: "blob", value: body };
    return { type: "json", value: JSON.stringify(body) };
  }
  function sendBody(stored, headers) {
    switch (stored.type) {
      case "text": return stored.value;
      case "urlencoded":
        if (!headers["Content-Type"]) headers["Content-Type"] = "application/x-www-form-urlencoded;charset=UTF-8";
        return stored.value;
      case "form":
        var form = new FormData();
        stored.value.forEach(function (entry) {
          if (entry.length === 3) form.append(entry[0], entry[1], entry[2]); else form.append(entry[0], entry[1]);
        });
        return form;
      case "blob": return stored.value;
      case "json":
        if (!headers["Content-Type"]) headers["Content-Type"] = "application/json";
        return stored.value;
      default: return undefined;
    }
  }
  /** The body as a plain object of its text fields (for showing and fixing an item). */
  function bodyFields(item) {
    var stored = item.body || {};
    try {
      if (stored.type === "json") return JSON.parse(stored.value);
      if (stored.type === "urlencoded") {
        var fields = {};
        new URLSearchParams(stored.value).forEach(function (value, name) { fields[name] = value; });
        return fields;
      }
      if (stored.type === "form") {
        var out = {};
        stored.value.forEach(function (entry) { if (entry.length === 2) out[entry[0]] = entry[1]; });
        return out;
      }
    } catch (e) { /* not readable: nothing to show */ }
    return {};
  }
  function replaceFields(item, fields) {
    var stored = item.body || {};
    if (stored.type === "json") return { type: "json", value: JSON.stringify(Object.assign(JSON.parse(stored.value), fields)) };
    if (stored.type === "urlencoded") {
      var params = new URLSearchParams(stored.value);
      Object.keys(fields).forEach(function (name) { params.set(name, fields[name]); });
      return { type: "urlencoded", value: params.toString() };
    }
    if (stored.type === "form") {
      return { type: "form", value: stored.value.map(function (entry) {
        return entry.length === 2 && fields.hasOwnProperty(entry[0]) ? [entry[0], String(fields[entry[0]])] : entry;
      }) };
    }
    return stored;
  }

  function all() {
    return tx(STORE, "readonly", function (store) {
      return store ? request(store.getAll()) : Promise.resolve(memory.slice());
    }).then(function (items) {
      var user = currentUser();
      return (items || []).filter(function (item) { return item.user === user; })
        .sort(function (a, b) { return a.id - b.id; });
    });
  }
  function put(item) {
    return tx(STORE, "readwrite", function (store) {
      if (!store) {
        if (!item.id) item.id = memory.length ? memory[memory.length - 1].id + 1 : 1;
        memory = memory.filter(function (other) { return other.id !== item.id; }).concat([item]);
        return Promise.resolve(item.id);
      }
      return request(store.put(item));
    }).then(function (id) { item.id = id; return item; });
  }
  function remove(id) {
    return tx(STORE, "readwrite", function (store) {
      if (!store) { memory = memory.filter(function (item) { return item.id !== id; }); return Promise.resolve(); }
      return request(store.delete(id));
    });
  }
  function find(id) {
    return all().then(function (items) { return items.filter(function (item) { return item.id === id; })[0]; });
  }

  function changed() {
    return all().then(function (items) {
      window.dispatchEvent(new CustomEvent("hallway-queue:change", { detail: { count: items.length, items: items } }));
      return items;
    });
  }

  function add(options) {
    if (!options || !options.url) return Promise.reject(new Error("HallwayQueue.add needs a url"));
    var item = {
      user: currentUser(), url: options.url, method: (options.method || "POST").toUpperCase(),
      headers: options.headers || {}, body: storeBody(options.body),
      idempotencyKey: options.idempotencyKey || newKey(), label: options.label || "Change",
      group: options.group || "", kind: options.kind || "", meta: options.meta || {},
      createdAt: new Date().toISOString(), state: "waiting", reason: "", attempts: 0
    };
    return put(item).then(function (saved) {
      changed();
      setTimeout(flush, 0);
      return saved;
    });
  }

  function headersObject(response) {
    var out = {};
    response.headers.forEach(function (value, name) { out[name] = value; });
    return out;
  }
  function readAnswer(response) {
    var type = response.headers.get("Content-Type") || "";
    return response.text().then(function (text) {
      if (type.indexOf("json") !== -1) { try { return JSON.parse(text); } catch (e) { return text; } }
      return text;
    });
  }
  function reasonFrom(data, status) {
    if (data && typeof data === "object" && data.detail) return String(data.detail);
    if (typeof data === "string") {
      // An HTML answer: its first error message, else the status.
      var match = data.match(/class="errorlist"[^>]*>(?:<li>)?([^<]+)/);
      if (match) return match[1].trim();
    }
    return "The server refused it (" + status + ").";
  }

  var flushing = null, retryDelay = 1000, retryTimer = 0;
  function scheduleRetry() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(flush, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 15000);
  }

  function sendOne(item) {
    var headers = Object.assign({}, item.headers, { "Idempotency-Key": item.idempotencyKey, "X-CSRFToken": csrfToken() });
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, 20000) : 0;
    return fetch(item.url, { method: item.method, body: sendBody(item.body, headers), headers: headers,
                             credentials: "same-origin", signal: controller ? controller.signal : undefined })
      .then(function (response) {
        clearTimeout(timer);
        return readAnswer(response).then(function (data) { return { response: response, data: data }; });
      }, function (error) { clearTimeout(timer); throw error; });
  }

  var again = false;
  function flush() {
    // Asked while a round is running (e.g. a fix): run one more round after it.
    if (flushing) { again = true; return flushing; }
    if (!currentUser()) return Promise.resolve();
    flushing = all().then(function (items) {
      var blocked = {};
      var next = items.filter(function (item) {
        if (item.state === "refused" || item.state === "held") { if (item.group) blocked[item.group] = true; return false; }
        if (item.group && blocked[item.group]) return false;
        return true;
      });
      // One at a time, in the order they were made.
      function step(index) {
        if (index >= next.length) return Promise.resolve(true);
        var item = next[index];
        if (item.group && blocked[item.group]) return step(index + 1);
        item.attempts = (item.attempts || 0) + 1;
        return sendOne(item).then(function (result) {
          var response = result.response, status = response.status;
          var toLogin = response.redirected && /\/accounts\/login\//.test(response.url);
          if (status === 401 || status === 403 || toLogin) {
            item.state = "held";
            item.reason = "Your session ended: log in again to send it.";
            if (item.group) blocked[item.group] = true;
            return put(item).then(function () { return false; });
          }
          if (status >= 500 || [408, 409, 425, 429].indexOf(status) !== -1) {
            item.reason = status >= 500 ? "The server had a problem; trying again." : "";
            return put(item).then(function () { return false; });
          }
          if (status >= 400) {
            item.state = "refused";
            item.reason = reasonFrom(result.data, status);
            if (item.group) blocked[item.group] = true;
            return put(item).then(function () {
              window.dispatchEvent(new CustomEvent("hallway-queue:refused", { detail: { item: item, status: status, reason: item.reason } }));
              return step(index + 1);
            });
          }
          return remove(item.id).then(function () {
            retryDelay = 1000;
            window.dispatchEvent(new CustomEvent("hallway-queue:sent", {
              detail: { item: item, status: status, data: result.data, headers: headersObject(response), url: response.url } }));
            return step(index + 1);
          });
        }, function () { return false; /* unreachable: stop, keep everything */ });
      }
      return step(0).then(function (finished) { return [finished, next.length]; });
    }).then(function (result) {
      flushing = null;
      return changed().then(function (items) {
        var waiting = items.some(function (item) { return item.state === "waiting"; });
        if (!result[0] && waiting) scheduleRetry();
        var left = items.filter(function (item) { return item.state === "waiting"; }).length;
        window.dispatchEvent(new CustomEvent("hallway-queue:idle", { detail: { tried: result[1], count: items.length, waiting: left } }));
        if (again) { again = false; return flush(); }
      });
    }, function () {
      flushing = null; scheduleRetry();
      window.dispatchEvent(new CustomEvent("hallway-queue:idle", { detail: { tried: 0, count: -1, waiting: 1 } }));
    });
    return flushing;
  }

  function discard(id) { return remove(id).then(changed).then(function () {}); }
  function retry(id, fix) {
    return find(id).then(function (item) {
      if (!item) return;
      if (fix && fix.body) item.body = replaceFields(item, fix.body);
      if (fix && fix.label) item.label = fix.label;
      // A refused request changed nothing on the server, and the server keeps its answer per
      // key: the fixed request is a new one, with a new key.
      if (item.state === "refused") item.idempotencyKey = newKey();
      item.state = "waiting"; item.reason = "";
      return put(item);
    }).then(changed).then(function () { return flush(); });
  }
  function clearUser() {
    return all().then(function (items) {
      return Promise.all(items.map(function (item) { return remove(item.id); }));
    }).then(changed).then(function () {});
  }
  /** Held items (session ended) go back to waiting once a page shows the user logged in. */
  function releaseHeld() {
    return all().then(function (items) {
      return Promise.all(items.filter(function (item) { return item.state === "held"; }).map(function (item) {
        item.state = "waiting"; item.reason = ""; return put(item);
      }));
    });
  }

  window.HallwayQueue = {
    add: add, list: all, count: function () { return all().then(function (items) { return items.length; }); },
    flush: flush, discard: discard, retry: retry, clearUser: clearUser, newKey: newKey,
    fields: bodyFields, db: openDb
  };

  window.addEventListener("online", function () { retryDelay = 1000; flush(); });
  setInterval(function () { if (navigator.onLine !== false) flush(); }, 15000);
  function start() { releaseHeld().then(changed).then(function () { flush(); }); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
