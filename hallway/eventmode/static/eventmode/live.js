/* Live event mode: the running timer, and a queue that keeps captures made on flaky Wi-Fi.
   A form marked data-queue gets a fresh idempotency key per submission; if the request
   cannot reach the server, the form's data (with that key) waits in localStorage and is
   re-sent when the phone is back online. The server applies each key once. */
(function () {
  "use strict";
  var QUEUE = "hallway.live.queue";

  function newKey() {
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function load() {
    try { return JSON.parse(localStorage.getItem(QUEUE) || "[]"); } catch (e) { return []; }
  }
  function save(items) { localStorage.setItem(QUEUE, JSON.stringify(items)); showPending(); }
  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { return ""; }
  }
  function showPending() {
    var box = document.getElementById("live-pending");
    if (!box) return;
    var count = load().length;
    box.hidden = count === 0;
    box.textContent = count + " pending — saved on this phone, will send when you are back online";
  }

  function enqueue(form, formData) {
    var entries = [];
    formData.forEach(function (value, name) { entries.push([name, String(value)]); });
    var items = load();
    items.push({ url: form.getAttribute("hx-post"), body: entries, target: form.getAttribute("hx-target"),
                 label: form.dataset.queue || "Capture" });
    save(items);
    var text = entries.filter(function (e) { return e[0] === "text" || e[0] === "followup"; })[0];
    var list = document.getElementById("live-story-pending");
    if (list && text && text[1]) {
      var li = document.createElement("li");
      li.textContent = (form.dataset.queue || "") + ": " + text[1] + " (pending)";
      list.appendChild(li);
    }
    var input = form.querySelector("input[type=text]");
    if (input) input.value = "";
    var details = form.closest("details");
    if (details) details.open = false;
    // A warning sign matters now, not when the Wi-Fi is back: show the exit line at once.
    var button = form.querySelector("button.sign-button");
    var prompt = document.getElementById("exit-prompt");
    if (button && prompt) {
      button.classList.add("logged");
      button.setAttribute("aria-pressed", "true");
      prompt.hidden = false;
      var reason = document.getElementById("exit-reason");
      if (reason) reason.textContent = button.textContent.trim();
    }
  }

  var flushing = false, retryDelay = 500, retryTimer = 0;
  function flush() {
    if (flushing) return;
    var items = load();
    if (!items.length) return;
    flushing = true;
    var item = items[0];
    var body = new URLSearchParams();
    item.body.forEach(function (e) { body.append(e[0], e[1]); });
    fetch(item.url, { method: "POST", body: body, credentials: "same-origin",
                      headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" } })
      .then(function (response) {
        return response.text().then(function (html) {
          if (response.status >= 500) throw new Error("server");
          // Delivered (or refused for good): either way it leaves the queue.
          save(load().slice(1));
          retryDelay = 500;
          var redirect = response.headers.get("HX-Redirect");
          if (redirect && !load().length) { window.location.href = redirect; return; }
          var target = item.target && document.querySelector(item.target);
          if (target && html && window.htmx) {
            htmx.swap(target, html, { swapStyle: "outerHTML" });
            restoreEndChoice();
          }
          flushing = false;
          flush();
        });
      })
      .catch(function () {
        // Still unreachable: try again soon, backing off to the 15-second heartbeat.
        flushing = false;
        retryDelay = Math.min(retryDelay * 2, 15000);
        clearTimeout(retryTimer);
        retryTimer = setTimeout(flush, retryDelay);
      });
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.dataset && form.dataset.queue !== undefined) {
      var key = newKey();
      event.detail.parameters["idempotency_key"] = key;
      var hidden = form.querySelector("input[name=idempotency_key]");
      if (hidden) hidden.value = key;
    }
  });
  function queueFailed(event) {
    var form = event.detail.elt;
    if (!form || !form.dataset || form.dataset.queue === undefined) return;
    if (event.type === "htmx:responseError" && event.detail.xhr && event.detail.xhr.status < 500) return;
    var data = new FormData(form);
    enqueue(form, data);
  }
  document.addEventListener("htmx:sendError", queueFailed);
  document.addEventListener("htmx:timeout", queueFailed);
  document.addEventListener("htmx:responseError", queueFailed);
  window.addEventListener("online", flush);
  setInterval(flush, 15000);

  // The end form is re-rendered after each capture (the suggested outcome follows what was
  // learned); what the user already chose or typed there must survive that.
  var endChoice = { outcome: "", followup: "" };
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.name === "outcome" && field.closest("#live-end")) endChoice.outcome = field.value;
  });
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field.name === "followup" && field.closest("#live-end")) endChoice.followup = field.value;
  });
  function restoreEndChoice() {
    var form = document.querySelector("#live-end form");
    if (!form) return;
    if (endChoice.outcome) {
      var radio = form.querySelector("input[name=outcome][value=" + endChoice.outcome + "]");
      if (radio) radio.checked = true;
    }
    var followup = form.querySelector("input[name=followup]");
    if (followup && endChoice.followup && !followup.value) followup.value = endChoice.followup;
  }
  document.addEventListener("htmx:afterSettle", restoreEndChoice);

  function startTimer() {
    var timer = document.getElementById("live-timer");
    if (!timer) return;
    // The server says how long it has been; the phone's clock only counts from there.
    var elapsed = parseInt(timer.dataset.elapsed || "0", 10);
    var longAfter = parseInt(timer.dataset.longAfter || "0", 10);
    var loadedAt = Date.now();
    function render() {
      var seconds = elapsed + (timer.dataset.running ? Math.floor((Date.now() - loadedAt) / 1000) : 0);
      var minutes = Math.floor(seconds / 60), rest = seconds % 60;
      timer.textContent = minutes + ":" + (rest < 10 ? "0" : "") + rest;
      if (longAfter && seconds >= longAfter) {
        timer.classList.add("long");
        var prompt = document.getElementById("exit-prompt");
        if (prompt && prompt.hidden) {
          prompt.hidden = false;
          var reason = document.getElementById("exit-reason");
          if (reason && !reason.textContent) reason.textContent = "You have been talking for over " + Math.floor(longAfter / 60) + " minutes";
        }
      }
    }
    render();
    if (timer.dataset.running) setInterval(render, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () { startTimer(); showPending(); flush(); });
})();
