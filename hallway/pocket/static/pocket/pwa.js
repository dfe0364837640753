/* On every page: the service worker, the offline snapshot, "N waiting to send", the offline
   banner, and a log-out that leaves nothing of this user on the phone. */
(function () {
  "use strict";
  var body = document.body, user = body.dataset.user || "";
  var SNAPSHOT_URL = body.dataset.snapshotUrl, SHELL_URL = body.dataset.shellUrl;
  var REFRESH_AFTER = 2 * 60 * 1000;

  function state(mode, work) {
    return HallwayQueue.db().then(function (db) {
      if (!db) return undefined;
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction("state", mode), result;
        var req = work(transaction.objectStore("state"));
        if (req) req.onsuccess = function () { result = req.result; };
        transaction.oncomplete = function () { resolve(result); };
        transaction.onerror = transaction.onabort = function () { reject(transaction.error); };
      });
    });
  }
  var Pocket = window.HallwayPocket = {
    get: function (name) { return state("readonly", function (store) { return store.get(name + ":" + user); }); },
    set: function (name, value) { return state("readwrite", function (store) { return store.put(value, name + ":" + user); }); },
    /** Forget everything of this user on the phone: queue, snapshot, saved pages. */
    forget: function () {
      var done = [HallwayQueue.clearUser(), state("readwrite", function (store) {
        ["snapshot", "ids", "notices"].forEach(function (name) { store.delete(name + ":" + user); });
      })];
      if (window.caches) done.push(caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (key) { return key.indexOf("hallway-user") === 0; })
          .map(function (key) { return caches.delete(key); }));
      }));
      return Promise.all(done);
    },
    /** Fetch a fresh snapshot (the offline copy of what the hallway needs) when online. */
    refresh: function (force) {
      if (!user || !SNAPSHOT_URL || navigator.onLine === false) return Promise.resolve(null);
      return Pocket.get("snapshot").then(function (old) {
        if (old) body.dataset.snapshotAt = old.fetched_at;
        if (!force && old && Date.now() - Date.parse(old.fetched_at) < REFRESH_AFTER) return old;
        return fetch(SNAPSHOT_URL, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (snapshot) {
            if (!snapshot || String(snapshot.user.id) !== user) return old;
            snapshot.fetched_at = new Date().toISOString();
            return Pocket.set("snapshot", snapshot).then(function () {
              body.dataset.snapshotAt = snapshot.fetched_at;
              window.dispatchEvent(new CustomEvent("hallway-pocket:snapshot", { detail: snapshot }));
              return snapshot;
            });
          }, function () { return old; });
      });
    },
    asOf: function (iso) {
      var date = new Date(iso);
      return ("0" + date.getHours()).slice(-2) + ":" + ("0" + date.getMinutes()).slice(-2);
    }
  };

  // The service worker: scope "/", so every page of the app opens offline.
  if ("serviceWorker" in navigator && body.dataset.sw) {
    navigator.serviceWorker.register(body.dataset.sw, { scope: "/" })
      .catch(function () { /* no service worker (private mode): pages still work online */ });
  }

  // The user's cache holds only this user's pages: another user (or nobody) empties it first.
  var USER_CACHE = "hallway-user", USER_KEY = location.origin + "/__hallway/user";
  function userCache() {
    return caches.open(USER_CACHE).then(function (cache) {
      return cache.match(USER_KEY).then(function (kept) { return kept ? kept.text() : null; }).then(function (previous) {
        if (previous === user) return cache;
        return caches.delete(USER_CACHE).then(function () { return caches.open(USER_CACHE); }).then(function (fresh) {
          return fresh.put(USER_KEY, new Response(user)).then(function () { return fresh; });
        });
      });
    });
  }
  /** Keep the live app shell for this user, so /live/ opens with no signal. */
  function keepShell() {
    if (!window.caches) return Promise.resolve();
    return userCache().then(function (cache) {
      if (!user || !SHELL_URL) return;
      var url = new URL(SHELL_URL, location.href).href;
      return fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (response.ok && !response.redirected) return cache.put(url, response);
      });
    }).catch(function () {});
  }
  // One thing after another (the queue first, then the shell, then the snapshot): a phone on
  // venue Wi-Fi and a small server both do better with one request at a time.
  var started = false;
  function startUp() {
    started = true;
    var online = navigator.onLine !== false && !body.dataset.offline;
    (online ? keepShell().then(function () { return user ? Pocket.refresh(false) : null; }) : Promise.resolve())
      .then(function () { body.dataset.pocketReady = "1"; });
  }
  if (!user) startUp();

  // "3 waiting to send": on every page, one tap from the list of what waits.
  function showWaiting(items) {
    var link = document.getElementById("pocket-waiting");
    if (!link) return;
    var refused = items.filter(function (item) { return item.state === "refused"; }).length;
    link.hidden = items.length === 0;
    link.classList.toggle("refused", refused > 0);
    link.querySelector("span").textContent = items.length + " waiting to send" + (refused ? " (" + refused + " refused)" : "");
  }
  window.addEventListener("hallway-queue:change", function (event) { showWaiting(event.detail.items); });
  // What the server answered: the ids of conversations started offline, and merges to show.
  var recording = Promise.resolve();
  window.addEventListener("hallway-queue:sent", function (event) {
    var item = event.detail.item, data = event.detail.data;
    recording = recording.then(function () {
      if (item.kind !== "start" || !data || !data.id) return;
      return Pocket.get("ids").then(function (ids) {
        ids = ids || {}; ids[item.meta.clientId] = data.id;
        return Pocket.set("ids", ids);
      }).then(function () { window.dispatchEvent(new CustomEvent("hallway-pocket:ids")); });
    }).then(function () {
      if (!data || !data.merged) return;
      return Pocket.get("notices").then(function (notices) {
        notices = notices || [];
        notices.push({ merged: data.merged, person_id: data.conversation && data.conversation.person_id, at: new Date().toISOString() });
        return Pocket.set("notices", notices);
      }).then(showNotices);
    }).then(function () { delivered = true; }, function () {});
  });
  // One fresh snapshot once the queue has gone quiet, not one per delivered item.
  var delivered = false;
  window.addEventListener("hallway-queue:idle", function (event) {
    if (!started) { startUp(); return; }
    recording.then(function () {
      if (!delivered || event.detail.waiting) return;
      delivered = false;
      body.dataset.pocketReady = "";
      return Pocket.refresh(true).then(function () { body.dataset.pocketReady = "1"; });
    });
  });

  // A capture made from an old copy of a story that changed elsewhere: merged, and said so.
  function showNotices() {
    var box = document.getElementById("pocket-merged");
    if (!box || !user) return Promise.resolve();
    return Promise.all([Pocket.get("notices"), Pocket.get("snapshot")]).then(function (found) {
      var notices = found[0] || [], people = {};
      ((found[1] || {}).people || []).forEach(function (person) { people[person.id] = person.name; });
      box.hidden = notices.length === 0;
      var list = box.querySelector("ul");
      list.textContent = "";
      notices.forEach(function (notice) {
        var m = notice.merged, li = document.createElement("li");
        li.textContent = (people[notice.person_id] ? people[notice.person_id] + " — " : "") + m.facet +
          ": the story had changed elsewhere to “" + m.server_had + "”; what you added is merged in, nothing was overwritten. It now reads “" + m.story_now + "”.";
        list.appendChild(li);
      });
    });
  }
  document.addEventListener("click", function (event) {
    if (event.target && event.target.id === "pocket-merged-done") Pocket.set("notices", []).then(showNotices);
  });
  showNotices();

  // Offline: say so, and how old what is shown is.
  function showOffline() {
    var banner = document.getElementById("pocket-offline");
    if (!banner) return;
    var offline = navigator.onLine === false || !!body.dataset.offline;
    banner.hidden = !offline;
    if (!offline) return;
    var rendered = body.dataset.offline === "copy" ? body.dataset.renderedAt : null;
    (rendered ? Promise.resolve({ as_of: rendered }) : Pocket.get("snapshot")).then(function (snapshot) {
      banner.textContent = "Offline" + (snapshot ? " — as of " + Pocket.asOf(snapshot.as_of) : "") +
        ". Changes wait on this phone and are sent when you are back online.";
    });
  }
  // Back online: the queue flushes first; the snapshot follows when it has gone quiet.
  window.addEventListener("online", function () { showOffline(); delivered = true; });
  window.addEventListener("offline", showOffline);
  showOffline();

  document.addEventListener("submit", function (event) {
    var form = event.target;
    // Asks first (e.g. checking in to an event that has not started yet).
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { event.preventDefault(); return; }
    // Log out: nothing of this user stays on the phone for the next one.
    if (form.matches("form[data-logout]") && !form.dataset.cleared) {
      event.preventDefault();
      HallwayQueue.count().then(function (count) {
        if (count && !window.confirm(count + " change" + (count === 1 ? " is" : "s are") +
            " still waiting to send and will be lost if you log out now. Log out anyway?")) return;
        return Pocket.forget().then(function () {
          if (navigator.serviceWorker && navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage({ type: "logout" });
          form.dataset.cleared = "1";
          form.submit();
        });
      });
    }
  }, true);
})();
