// The Kommune search of the submission form (/projekte/melden/…, step 3): results appear while typing.
// Without JavaScript the "Kommune suchen" button does the same on the server; both lists are plain checkboxes.
(function () {
  "use strict";
  var picker = document.querySelector("[data-municipality-picker]");
  if (!picker || !window.fetch) {
    return;
  }
  var input = picker.querySelector("input[type=search]");
  var chosenList = picker.querySelector("[data-chosen]");
  var foundList = picker.querySelector("[data-found]");
  var status = picker.querySelector("[data-status]");
  var noneChosen = picker.querySelector("[data-none-chosen]");
  var lead = document.getElementById("id_lead_municipality");
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
    box.name = "municipalities";
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

  function search() {
    var query = input.value.trim();
    if (query === lastQuery) {
      return;
    }
    lastQuery = query;
    if (controller) {
      controller.abort();
    }
    if (query.length < 2) {
      foundList.replaceChildren();
      status.textContent = "";
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

  // A ticked result moves to the chosen Kommunen; unticking a chosen one leaves it there until the step is saved.
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
})();
