// Picking Kommunen from a search (templates/includes/municipality_picker.html: the project submission's step 3,
// the Landespreis entry form): results appear while typing. Without JavaScript the search button does the same
// on the server; the chosen and the found Kommunen are plain checkboxes either way.
//
// Markup: an element with data-municipality-picker, data-endpoint (JSON: {results: [{id, name, detail}]}),
// data-field (the checkboxes' name) and optionally data-lead (the id of the lead's select, left out of results);
// inside it an input[type=search], lists [data-chosen] and [data-found], [data-status] and [data-none-chosen].
(function () {
  "use strict";
  if (!window.fetch) {
    return;
  }

  function setUp(picker) {
    var input = picker.querySelector("input[type=search]");
    var chosenList = picker.querySelector("[data-chosen]");
    var foundList = picker.querySelector("[data-found]");
    var status = picker.querySelector("[data-status]");
    var noneChosen = picker.querySelector("[data-none-chosen]");
    var lead = picker.dataset.lead ? document.getElementById(picker.dataset.lead) : null;
    var field = picker.dataset.field;
    var timer = null;
    var controller = null;
    var lastQuery = input.value.trim();

    function takenIds() {
      var ids = new Set();
      chosenList.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        ids.add(box.value);
      });
      if (lead && lead.value) {
        ids.add(lead.value);
      }
      return ids;
    }

    function item(result) {
      var li = document.createElement("li");
      li.className = "kern-form-check";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.className = "kern-form-check__checkbox";
      box.name = field;
      box.value = String(result.id);
      box.id = "kommune-" + result.id;
      var label = document.createElement("label");
      label.className = "kern-label";
      label.htmlFor = box.id;
      label.textContent = result.name + " ";
      var detail = document.createElement("span");
      detail.className = "kern-body--muted";
      detail.textContent = result.detail;
      label.appendChild(detail);
      li.appendChild(box);
      li.appendChild(label);
      return li;
    }

    function found(count, query) {
      if (!count) {
        return "Keine Kommune gefunden für „" + query + "“.";
      }
      return count + (count === 1 ? " Kommune" : " Kommunen") + " gefunden für „" + query + "“.";
    }

    function search(force) {
      var query = input.value.trim();
      if (query === lastQuery && !force) {
        return;
      }
      lastQuery = query;
      if (controller) {
        controller.abort();
      }
      if (query.length < 2) {
        foundList.replaceChildren();
        status.textContent = query ? "Bitte geben Sie mindestens zwei Buchstaben ein." : "";
        return;
      }
      controller = new AbortController();
      var url = picker.dataset.endpoint + "?" + new URLSearchParams({ q: query }).toString();
      fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          var taken = takenIds();
          var results = data.results.filter(function (result) {
            return !taken.has(String(result.id));
          });
          foundList.replaceChildren.apply(foundList, results.map(item));
          status.textContent = found(results.length, query);
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            status.textContent = "Die Suche antwortet gerade nicht; bitte nutzen Sie den Knopf „Kommune suchen“.";
          }
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 250);
    });

    // Enter in the search field searches here instead of sending the whole form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        window.clearTimeout(timer);
        search(true);
      }
    });

    // A ticked result moves to the chosen Kommunen; unticking a chosen one leaves it there until the form is saved.
    foundList.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.checked) {
        return;
      }
      var li = box.closest("li");
      chosenList.appendChild(li);
      noneChosen.hidden = true;
      box.focus();
      status.textContent = li.querySelector("label").firstChild.textContent.trim() + " ist gewählt.";
    });
  }

  document.querySelectorAll("[data-municipality-picker]").forEach(setUp);
})();
