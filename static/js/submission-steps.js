// The step navigation of the submission form (/projekte/melden/…): a link to another step first saves what is
// typed on this one. Without JavaScript the links simply lead there; "Speichern und weiter" and "Zurück" save.
(function () {
  "use strict";
  var form = document.querySelector("form[data-save-on-step]");
  var nav = document.querySelector(".submission-steps");
  if (!form || !nav) {
    return;
  }
  nav.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-step]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    var action = document.createElement("input");
    action.type = "hidden";
    action.name = "aktion";
    action.value = "schritt-" + link.dataset.step;
    form.appendChild(action);
    form.submit();
  });
})();
