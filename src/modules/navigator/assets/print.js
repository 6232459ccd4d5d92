// Progressive enhancement of the 手続き判定 result page: a print button (the page prints well without it).
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
