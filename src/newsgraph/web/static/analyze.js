// The analyze form: while the POST runs, the button is disabled (no second submission) and a
// status line says the analysis is running and how long a long text may take.
(function () {
  "use strict";
  var form = document.getElementById("analyze-form");
  var note = document.getElementById("analyze-progress");
  if (!form || !note) { return; }
  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    if (button) {
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
    }
    note.textContent = note.getAttribute("data-message") || "Analysing…";
    note.hidden = false;
    form.setAttribute("aria-busy", "true");
  });
  // back/forward cache: a page restored after the POST gets its button back
  window.addEventListener("pageshow", function () {
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = false; button.removeAttribute("aria-busy"); }
    note.hidden = true;
  });
})();
