/* The record button: one tap starts, a level meter and a timer show it is listening, one tap
   stops (or the time limit does). The memo is sent at once; with no signal it waits in the
   phone's queue and is sent, once, when the network returns. */
(function () {
  "use strict";
  if (window.HallwayVoiceRecorder) return;
  window.HallwayVoiceRecorder = true;
  var TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];

  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function pickType() {
    if (!window.MediaRecorder || !MediaRecorder.isTypeSupported) return "";
    for (var i = 0; i < TYPES.length; i++) if (MediaRecorder.isTypeSupported(TYPES[i])) return TYPES[i];
    return "";
  }
  function extension(type) { return type.indexOf("ogg") >= 0 ? "ogg" : type.indexOf("mp4") >= 0 ? "m4a" : "webm"; }
  function clock(seconds) { var m = Math.floor(seconds / 60), s = seconds % 60; return m + ":" + (s < 10 ? "0" : "") + s; }
  function queue() { return window.HallwayQueue || window.HallwayVoiceQueue; }

  function init(box) {
    var button = box.querySelector("[data-voice-toggle]");
    if (!button) return;
    var label = box.querySelector("[data-voice-label]"), live = box.querySelector("[data-voice-live]");
    var level = box.querySelector("[data-voice-level]"), timer = box.querySelector("[data-voice-timer]");
    var status = box.querySelector("[data-voice-status]");
    var maxSeconds = parseInt(box.dataset.maxSeconds || "300", 10);
    var recorder = null, stream = null, audioContext = null, chunks = [], startedAt = 0, tick = 0, frame = 0;

    function say(text, link) {
      status.textContent = text;
      if (link) {
        var a = document.createElement("a");
        a.href = link; a.className = "taplink"; a.textContent = " Open it";
        status.appendChild(a);
      }
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.MediaRecorder) {
      button.disabled = true;
      say("This browser cannot record audio. Upload a recording or type what you remember instead.");
      return;
    }

    function meter(analyser) {
      var data = new Uint8Array(analyser.fftSize);
      function draw() {
        analyser.getByteTimeDomainData(data);
        var sum = 0;
        for (var i = 0; i < data.length; i++) { var v = (data[i] - 128) / 128; sum += v * v; }
        var rms = Math.sqrt(sum / data.length);
        level.style.width = Math.min(100, Math.round(rms * 300)) + "%";
        frame = requestAnimationFrame(draw);
      }
      draw();
    }

    function start() {
      say("Asking for the microphone…");
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (media) {
        stream = media;
        var type = pickType();
        recorder = type ? new MediaRecorder(stream, { mimeType: type }) : new MediaRecorder(stream);
        chunks = [];
        recorder.ondataavailable = function (event) { if (event.data && event.data.size) chunks.push(event.data); };
        recorder.onstop = finish;
        recorder.start(1000);
        try {
          var Context = window.AudioContext || window.webkitAudioContext;
          audioContext = new Context();
          var analyser = audioContext.createAnalyser();
          analyser.fftSize = 1024;
          audioContext.createMediaStreamSource(stream).connect(analyser);
          meter(analyser);
        } catch (e) { /* the meter is a nicety; recording goes on without it */ }
        startedAt = Date.now();
        live.hidden = false;
        box.classList.add("recording");
        button.setAttribute("aria-pressed", "true");
        label.textContent = "Stop";
        say("Listening… tap Stop when you are done.");
        timer.textContent = "0:00";
        tick = setInterval(function () {
          var seconds = Math.floor((Date.now() - startedAt) / 1000);
          timer.textContent = clock(seconds);
          timer.dataset.seconds = String(seconds);
          if (seconds >= maxSeconds) stop();
        }, 250);
      }).catch(function () {
        say("No microphone: allow it in the browser, or upload a recording instead.");
      });
    }

    function stop() {
      if (!recorder || recorder.state === "inactive") return;
      clearInterval(tick);
      cancelAnimationFrame(frame);
      recorder.stop();
      stream.getTracks().forEach(function (track) { track.stop(); });
      if (audioContext) audioContext.close();
      box.classList.remove("recording");
      button.setAttribute("aria-pressed", "false");
      label.textContent = "Record";
      live.hidden = true;
    }

    function finish() {
      var type = (recorder && recorder.mimeType) || "audio/webm";
      var blob = new Blob(chunks, { type: type });
      recorder = null;
      if (!blob.size) { say("Nothing was recorded. Try again."); return; }
      var filename = "memo." + extension(type);
      // A File keeps its name through any queue that stores it (a bare Blob becomes "blob").
      var audio = typeof File === "function" ? new File([blob], filename, { type: type }) : blob;
      var fields = [{ name: "audio", value: audio, filename: filename }];
      if (box.dataset.personId) fields.push({ name: "person_id", value: box.dataset.personId });
      if (box.dataset.conversationId) fields.push({ name: "conversation_id", value: box.dataset.conversationId });
      var key = newKey();
      fields.push({ name: "idempotency_key", value: key });
      var item = { url: box.dataset.uploadUrl, method: "POST", fields: fields, idempotencyKey: key,
                   label: "Voice memo" };
      if (navigator.onLine === false) { keep(item); return; }
      say("Sending the memo…");
      window.HallwayVoiceQueue.send(item).then(function (result) {
        if (!result.response.ok) { say(result.data.detail || "The server refused the memo."); return; }
        arrived(result.data);
      }).catch(function () { keep(item); });
    }

    function keep(item) {
      var target = queue();
      var body = window.HallwayQueue ? window.HallwayVoiceQueue.toFormData(item.fields) : item.fields;
      var entry = window.HallwayQueue
        ? { url: item.url, method: "POST", body: body, idempotencyKey: item.idempotencyKey,
            headers: { "Accept": "application/json" }, label: "Voice memo", kind: "voice-memo" }
        : item;
      Promise.resolve(target.add(entry)).then(function () {
        box.dataset.queued = item.idempotencyKey;
        say("No signal — the memo is saved on this phone and will be sent when you are back online.");
      }).catch(function () {
        say("No signal, and this browser cannot keep the memo. Try again when you are online.");
      });
    }

    function arrived(data) {
      delete box.dataset.queued;
      if (box.hasAttribute("data-stay")) { say("Memo sent — transcribing on your server.", data.url); return; }
      say("Memo sent — transcribing…");
      window.location.href = data.url;
    }

    // The pocket app's queue (when it is on the page) says so with window events.
    window.addEventListener("hallway-queue:sent", function (event) {
      var detail = event.detail || {};
      if (detail.item && detail.item.idempotencyKey === box.dataset.queued) {
        delete box.dataset.queued;
        say("Back online: your memo was sent and is being transcribed.", (detail.data || {}).url);
      }
    });
    window.addEventListener("hallway-queue:refused", function (event) {
      var detail = event.detail || {};
      if (detail.item && detail.item.idempotencyKey === box.dataset.queued) {
        say(detail.reason || "The server refused the memo.");
      }
    });
    if (window.HallwayVoiceQueue) {
      window.HallwayVoiceQueue.onChange(function (event) {
        if (event.type === "sent" && event.item.idempotencyKey === box.dataset.queued) {
          delete box.dataset.queued;
          say("Back online: your memo was sent and is being transcribed.", event.data.url);
        } else if (event.type === "refused" && event.item.idempotencyKey === box.dataset.queued) {
          say(event.data.detail || "The server refused the memo.");
        }
      });
    }
    button.addEventListener("click", function () {
      if (recorder && recorder.state !== "inactive") stop(); else start();
    });
  }

  function initAll() { Array.prototype.forEach.call(document.querySelectorAll("[data-voice-recorder]"), init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initAll); else initAll();
})();
