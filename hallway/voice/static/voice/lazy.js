// Live screens stay light: the voice recorder's code and style load on the first tap of its
// button. A file (not an inline script) so the Content-Security-Policy can forbid inline code.
// The script tag follows the recorder box and names the files in data-css/-queue/-record.
(function () {
  var script = document.currentScript, box = script.previousElementSibling, loading = false;
  function add(tag, attributes, then) {
    var element = document.createElement(tag);
    for (var name in attributes) element[name] = attributes[name];
    if (then) element.onload = then;
    document.head.appendChild(element);
  }
  box.addEventListener("click", function (event) {
    var button = event.target.closest("[data-voice-toggle]");
    if (!button || window.HallwayVoiceRecorder) return;
    event.preventDefault(); event.stopImmediatePropagation();
    if (loading) return;
    loading = true;
    add("link", { rel: "stylesheet", href: script.dataset.css });
    add("script", { src: script.dataset.queue }, function () {
      add("script", { src: script.dataset.record }, function () { button.click(); });
    });
  }, true);
})();
