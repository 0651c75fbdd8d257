/* Landespreis: refines the server's "noch N Tage" to days and hours (in the last day: hours and minutes),
   once a minute. Without JavaScript the page says the same in whole days. */
(function () {
  "use strict";
  var elements = document.querySelectorAll("[data-deadline]");
  if (!elements.length) {
    return;
  }

  function count(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function remaining(ms) {
    if (ms <= 0) {
      return "Die Bewerbungsfrist ist abgelaufen";
    }
    var minutes = Math.floor(ms / 60000);
    var hours = Math.floor(minutes / 60);
    var days = Math.floor(hours / 24);
    if (days >= 1) {
      return "noch " + count(days, "Tag", "Tage") + (hours % 24 ? ", " + count(hours % 24, "Stunde", "Stunden") : "");
    }
    if (hours >= 1) {
      return "noch " + count(hours, "Stunde", "Stunden") + ", " + count(minutes % 60, "Minute", "Minuten");
    }
    return "noch " + count(Math.max(minutes, 1), "Minute", "Minuten");
  }

  function update() {
    elements.forEach(function (element) {
      var deadline = Date.parse(element.getAttribute("data-deadline"));
      if (!isNaN(deadline)) {
        element.textContent = remaining(deadline - Date.now());
      }
    });
  }

  update();
  window.setInterval(update, 60000);
})();
