// Newsletter blocks in the admin: show only the fields the chosen kind uses (without JavaScript, all are shown).
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

  function update(block) {
    const kind = block.querySelector("select[name$='-kind']");
    if (!kind) return;
    const shown = FIELDS[kind.value] || ALL;
    // Rows with two fields (link label and URL, caption and credit) hold fields that are shown together.
    for (const name of ALL) {
      const row = block.querySelector(".form-row.field-" + name);
      if (row) row.hidden = !shown.includes(name);
    }
  }

  function setUp(block) {
    const kind = block.querySelector("select[name$='-kind']");
    if (!kind || kind.dataset.newsletterBlock) return;
    kind.dataset.newsletterBlock = "1";
    kind.addEventListener("change", () => update(block));
    update(block);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".inline-related").forEach(setUp);
  });
  document.addEventListener("formset:added", (event) => setUp(event.target));
})();
