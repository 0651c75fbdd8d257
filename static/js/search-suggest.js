/*
 * Suggestions for search fields (input[data-search-suggest="<url>"]): Kommunen and projects while typing.
 *
 * The WAI-ARIA combobox pattern with a listbox popup (list autocomplete, manual selection): the field keeps
 * the focus; Arrow Down/Up move through the suggestions (aria-activedescendant), Enter on a suggestion opens
 * it, Enter without one sends the search form as usual, Escape closes the list (or, when it is closed, empties
 * the field). A live region says how many suggestions there are. Without this script the field is a plain
 * search field of a form that works on its own.
 */
(function () {
  "use strict";

  var MIN_CHARS = 2;
  var DELAY_MS = 150;

  function enhance(input, number) {
    var url = input.getAttribute("data-search-suggest");
    if (!url || !window.fetch) {
      return;
    }
    var listId = (input.id || "search-suggest-" + number) + "-vorschlaege";

    var wrapper = document.createElement("span");
    wrapper.className = "search-suggest";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "search-suggest__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Vorschläge");
    list.hidden = true;
    wrapper.appendChild(list);

    var status = document.createElement("span");
    status.className = "kern-sr-only";
    status.setAttribute("role", "status");
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var suggestions = [];
    var active = -1;
    var timer = null;
    var request = null;
    var cache = {};

    function option(index) {
      return document.getElementById(listId + "-" + index);
    }

    function setActive(index) {
      var previous = option(active);
      if (previous) {
        previous.setAttribute("aria-selected", "false");
      }
      active = index;
      var current = option(active);
      if (current) {
        current.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", current.id);
        current.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (suggestions.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function close() {
      setActive(-1);
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function announce(text) {
      status.textContent = text;
    }

    function go(index) {
      var chosen = suggestions[index];
      if (chosen) {
        close();
        window.location.assign(chosen.url);
      }
    }

    function show(found) {
      suggestions = found;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      list.textContent = "";
      found.forEach(function (suggestion, index) {
        var item = document.createElement("li");
        item.id = listId + "-" + index;
        item.className = "search-suggest__option";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        var label = document.createElement("span");
        label.className = "search-suggest__label";
        label.textContent = suggestion.label;
        var detail = document.createElement("span");
        detail.className = "search-suggest__detail";
        var separator = document.createElement("span");
        separator.className = "kern-sr-only";
        separator.textContent = ", ";
        detail.appendChild(separator);
        detail.appendChild(document.createTextNode(suggestion.detail));
        item.appendChild(label);
        item.appendChild(detail);
        // Pressing the mouse button would take the focus from the field and close the list before the click.
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
        });
        item.addEventListener("click", function () {
          go(index);
        });
        list.appendChild(item);
      });
      if (found.length) {
        open();
        announce(
          (found.length === 1 ? "1 Vorschlag" : found.length + " Vorschläge") +
            ", mit Pfeil nach unten auswählen."
        );
      } else {
        close();
        announce("Keine Vorschläge.");
      }
    }

    function load() {
      var query = input.value.replace(/\s+/g, " ").trim();
      if (query.length < MIN_CHARS) {
        suggestions = [];
        close();
        announce("");
        return;
      }
      var key = query.toLowerCase();
      if (cache[key]) {
        show(cache[key]);
        return;
      }
      if (request) {
        request.abort();
      }
      request = window.AbortController ? new AbortController() : null;
      var address = url + (url.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
      fetch(address, { headers: { Accept: "application/json" }, signal: request ? request.signal : undefined })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          cache[key] = data.suggestions || [];
          // An answer to an earlier state of the field is dropped.
          if (input.value.replace(/\s+/g, " ").trim().toLowerCase() === key && document.activeElement === input) {
            show(cache[key]);
          }
        })
        .catch(function () {
          // Aborted or offline: the field still submits the search form.
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(load, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var count = suggestions.length;
      switch (event.key) {
        case "ArrowDown":
        case "Down":
          if (!count) {
            return;
          }
          event.preventDefault();
          if (list.hidden) {
            open();
            if (event.altKey) {
              return;
            }
          }
          setActive(active + 1 >= count ? 0 : active + 1);
          break;
        case "ArrowUp":
        case "Up":
          if (!count) {
            return;
          }
          event.preventDefault();
          open();
          setActive(active <= 0 ? count - 1 : active - 1);
          break;
        case "Enter":
          if (!list.hidden && active >= 0) {
            event.preventDefault();
            go(active);
          } else {
            close();
          }
          break;
        case "Escape":
        case "Esc":
          if (!list.hidden) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            suggestions = [];
            announce("");
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", close);
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-search-suggest]"), enhance);
})();
