// Draws the progress charts from the numbers the server put in #practice-chart-data.
// The same numbers are in the tables beside each chart, so nothing depends on this script.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("practice-chart-data");
    if (!source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var styles = getComputedStyle(document.documentElement);
    var accent = styles.getPropertyValue("--accent").trim() || "#2b59c3";
    var good = styles.getPropertyValue("--good").trim() || "#1f7a4d";
    var warn = styles.getPropertyValue("--warn").trim() || "#b5541c";
    var bad = styles.getPropertyValue("--bad").trim() || "#b3261e";
    var common = { responsive: true, maintainAspectRatio: false, animation: false };
    var configs = {
      connection_rate: {
        type: "line",
        data: { labels: data.labels, datasets: [{ label: "Connection rate (%)", data: data.connection_rate, borderColor: good, backgroundColor: good, spanGaps: true, tension: 0.2 }] },
        options: Object.assign({}, common, { scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } } } })
      },
      people: {
        type: "bar",
        data: { labels: data.labels, datasets: [
          { label: "New people", data: data.new_people, backgroundColor: accent },
          { label: "Stories", data: data.stories, backgroundColor: good },
          { label: "Events", data: data.events, backgroundColor: warn }
        ] },
        options: Object.assign({}, common, { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } })
      },
      outcomes: {
        type: "doughnut",
        data: { labels: data.outcome_labels, datasets: [{ data: data.outcomes, backgroundColor: [good, warn, bad] }] },
        options: common
      },
      signs: {
        type: "bar",
        data: { labels: data.sign_labels, datasets: [{ label: "Times noticed", data: data.signs, backgroundColor: bad }] },
        options: Object.assign({}, common, { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } })
      }
    };
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var config = configs[canvas.dataset.chart];
      if (config && !Chart.getChart(canvas)) new Chart(canvas, config);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();

// A table wider than the phone scrolls sideways inside its box: say so, or its last columns
// look missing. Re-checked when the screen turns or the window is resized.
(function () {
  function markScrollingTables() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      var hint = wrap.previousElementSibling;
      var hasHint = hint && hint.classList.contains("scroll-hint");
      if (scrolls && !hasHint) {
        hint = document.createElement("p");
        hint.className = "scroll-hint small muted";
        hint.textContent = "Swipe the table sideways to see every column →";
        wrap.parentNode.insertBefore(hint, wrap);
      } else if (!scrolls && hasHint) {
        hint.remove();
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", markScrollingTables);
  else markScrollingTables();
  window.addEventListener("resize", markScrollingTables);
})();
