/* Live event mode on the server-drawn screens: the running timer, and captures made on flaky
   Wi-Fi. A form marked data-queue gets a fresh idempotency key per submission; if the request
   cannot reach the server, it waits in the phone's queue (HallwayQueue, IndexedDB: see
   pocket/queue.js) and is sent when the phone is back online. The server applies each key once. */
(function () {
  "use strict";

  function conversationGroup(url) {
    var match = /\/conversations\/(\d+)\//.exec(url || "");
    return match ? "conversation:" + match[1] : "";
  }
  function showPendingText(label, text) {
    var list = document.getElementById("live-story-pending");
    if (!list || !text) return;
    var li = document.createElement("li");
    li.textContent = label + ": " + text + " (waiting to send)";
    list.appendChild(li);
  }

  function enqueue(form, formData) {
    var params = new URLSearchParams();
    formData.forEach(function (value, name) { params.append(name, String(value)); });
    var url = form.getAttribute("hx-post");
    var label = form.dataset.queue || "Capture";
    var text = params.get("text") || params.get("followup") || "";
    var sign = form.querySelector("button.sign-button");
    HallwayQueue.add({
      url: url, body: params, headers: { "HX-Request": "true" },
      idempotencyKey: params.get("idempotency_key") || undefined,
      label: label + (text ? ": " + text : sign ? ": " + sign.textContent.trim() : ""),
      group: conversationGroup(url), kind: "live-form",
      meta: { target: form.getAttribute("hx-target"), page: window.location.pathname, label: label, text: text }
    });
    showPendingText(label, text);
    var input = form.querySelector("input[type=text]");
    if (input) input.value = "";
    var details = form.closest("details");
    if (details) details.open = false;
    // A warning sign matters now, not when the Wi-Fi is back: show the exit line at once.
    var prompt = document.getElementById("exit-prompt");
    if (sign && prompt) {
      sign.classList.add("logged");
      sign.setAttribute("aria-pressed", "true");
      prompt.hidden = false;
      var reason = document.getElementById("exit-reason");
      if (reason) reason.textContent = sign.textContent.trim();
    }
  }

  // A queued form was delivered: draw the server's answer in place (when still on that page).
  window.addEventListener("hallway-queue:sent", function (event) {
    var item = event.detail.item;
    if (item.kind !== "live-form" || item.meta.page !== window.location.pathname) return;
    var redirect = event.detail.headers["hx-redirect"];
    if (redirect) {
      HallwayQueue.count().then(function (count) { if (!count) window.location.href = redirect; });
      return;
    }
    var target = item.meta.target && document.querySelector(item.meta.target);
    if (target && typeof event.detail.data === "string" && event.detail.data && window.htmx) {
      htmx.swap(target, event.detail.data, { swapStyle: "outerHTML" });
      restoreEndChoice();
    }
  });

  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.dataset && form.dataset.queue !== undefined) {
      var key = HallwayQueue.newKey();
      event.detail.parameters["idempotency_key"] = key;
      event.detail.headers["Idempotency-Key"] = key;
      var hidden = form.querySelector("input[name=idempotency_key]");
      if (hidden) hidden.value = key;
    }
  });
  function queueFailed(event) {
    var form = event.detail.elt;
    if (!form || !form.dataset || form.dataset.queue === undefined) return;
    if (event.type === "htmx:responseError" && event.detail.xhr && event.detail.xhr.status < 500) return;
    enqueue(form, new FormData(form));
  }
  document.addEventListener("htmx:sendError", queueFailed);
  document.addEventListener("htmx:timeout", queueFailed);
  document.addEventListener("htmx:responseError", queueFailed);

  // After a reload, what still waits for this conversation shows in its story.
  function showWaitingCaptures() {
    var list = document.getElementById("live-story-pending");
    if (!list || !window.HallwayQueue) return;
    list.textContent = "";
    HallwayQueue.list().then(function (items) {
      items.forEach(function (item) {
        if (item.kind === "live-form" && item.meta.page === window.location.pathname) showPendingText(item.meta.label, item.meta.text);
      });
    });
  }

  // Opening a question puts the cursor in its answer field: the keyboard comes up at once.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.open || !details.closest || !details.closest("#live-story")) return;
    var field = details.querySelector("input[type=text]");
    if (field) field.focus();
  }, true);

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

  document.addEventListener("DOMContentLoaded", function () { startTimer(); showWaitingCaptures(); });
})();
