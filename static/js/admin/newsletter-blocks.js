// Newsletter blocks in the admin: show only the fields the chosen kind uses, and put a new block last.
// Without JavaScript every field is shown and the editor types the position.
"use strict";
(function () {
  const FIELDS = {
    text: ["heading", "text"],
    project: ["heading", "project"],
    event: ["heading", "event"],
    landespreis: ["heading", "text", "link_label", "url"],
    button: ["link_label", "url"],
    image: ["image", "alt_text", "caption", "credit"],
  };
  const ALL = ["heading", "text", "project", "event", "link_label", "url", "image", "alt_text", "caption", "credit"];
  const KIND = "select[name^='blocks-'][name$='-kind']";

  function update(block) {
    const kind = block.querySelector(KIND);
    if (!kind) return;
    const shown = FIELDS[kind.value] || ALL;
    // Rows with two fields (link label and URL, caption and credit) hold fields that are shown together.
    for (const name of ALL) {
      const row = block.querySelector(".form-row.field-" + name);
      if (row) row.hidden = !shown.includes(name);
    }
  }

  function placeLast(block) {
    const position = block.querySelector("input[name$='-position']");
    if (!position) return;
    const others = Array.from(document.querySelectorAll("input[name^='blocks-'][name$='-position']"))
      .filter((input) => input !== position && !input.name.includes("__prefix__"))
      .map((input) => parseInt(input.value, 10) || 0);
    position.value = others.length ? Math.max(...others) + 10 : 10;
  }

  document.addEventListener("change", (event) => {
    if (event.target.matches(KIND)) update(event.target.closest(".inline-related"));
  });
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".inline-related:not(.empty-form)").forEach(update);
  });
  document.addEventListener("formset:added", (event) => {
    if (event.detail && event.detail.formsetName !== "blocks") return;
    update(event.target);
    placeLast(event.target);
  });
})();
