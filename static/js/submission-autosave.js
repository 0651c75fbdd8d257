// Typing on a step of the submission form (/projekte/melden/…) survives a reload before it is saved: each text
// field is kept in this tab's sessionStorage as it is typed, with the value the page came with, and put back
// when the page comes again with that same value from the server. If the server's value is another (the step
// was saved, here or in another tab), the server's value counts and the kept one is dropped; so saving the step
// clears it. Without JavaScript or storage, "Speichern und weiter", "Zurück" and the step links save as before.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  var storage = null;
  try {
    storage = window.sessionStorage;
    storage.getItem("projektmeldung");
  } catch (error) {
    storage = null; // storage switched off: nothing to do
  }
  if (!form || !storage) {
    return;
  }
  var prefix = "projektmeldung:" + form.getAttribute("data-autosave") + ":";
  var selector = "textarea, input[type=text], input[type=email], input[type=tel], input[type=url]";

  function read(key) {
    try {
      var kept = JSON.parse(storage.getItem(key));
      return kept && typeof kept.value === "string" && typeof kept.base === "string" ? kept : null;
    } catch (error) {
      return null;
    }
  }

  function write(key, kept) {
    try {
      storage.setItem(key, JSON.stringify(kept));
    } catch (error) {
      // full: the field is simply not kept
    }
  }

  var restored = 0;
  Array.prototype.forEach.call(form.querySelectorAll(selector), function (field) {
    if (!field.name || field.closest(".form-hp, [data-autosave-skip]")) {
      return;
    }
    var key = prefix + field.name;
    var kept = read(key);
    if (kept && kept.base === field.defaultValue && kept.value !== field.value) {
      field.value = kept.value;
      restored += 1;
    } else if (kept) {
      storage.removeItem(key);
    }
    field.addEventListener("input", function () {
      if (field.value === field.defaultValue) {
        storage.removeItem(key);
      } else {
        write(key, { value: field.value, base: field.defaultValue });
      }
    });
  });

  if (restored) {
    var notice = document.createElement("div");
    notice.className = "kern-alert kern-alert--info status-box";
    notice.setAttribute("role", "status");
    var header = document.createElement("div");
    header.className = "kern-alert__header";
    var icon = document.createElement("span");
    icon.className = "kern-icon kern-icon--info";
    icon.setAttribute("aria-hidden", "true");
    var title = document.createElement("span");
    title.className = "kern-title";
    title.textContent =
      "Wir haben wiederhergestellt, was Sie hier zuletzt eingegeben, aber noch nicht gespeichert hatten. " +
      "Gespeichert wird es mit „Speichern und weiter“.";
    header.appendChild(icon);
    header.appendChild(title);
    notice.appendChild(header);
    form.insertBefore(notice, form.firstChild);
  }
})();
