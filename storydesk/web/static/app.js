// storydesk web: progressive enhancements only; every page works without this file.
// Loaded from /static under a CSP without 'unsafe-inline'; it never builds HTML from strings.
"use strict";

function setupHighlightToggles() {
  const legend = document.getElementById("legend");
  const text = document.getElementById("article-text");
  if (!legend || !text) return;
  for (const box of legend.querySelectorAll("input[data-kind]")) {
    box.disabled = false;
    box.addEventListener("change", () => {
      text.classList.toggle("hide-" + box.dataset.kind, !box.checked);
    });
  }
}

function setupMatrixFilter() {
  const select = document.getElementById("matrix-filter");
  const table = document.getElementById("matrix-table");
  if (!select || !table) return;
  select.closest(".controls").hidden = false;
  select.addEventListener("change", () => {
    for (const row of table.tBodies[0].rows) {
      row.hidden = select.value !== "" && row.dataset.status !== select.value;
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setupHighlightToggles();
  setupMatrixFilter();
});
