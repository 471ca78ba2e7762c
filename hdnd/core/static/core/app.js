// Every form that writes carries a one-time token, so a double click or a browser's retry does the work
// once (hdnd/core/idempotency.py). A form gets its token when drawn and a new one after each htmx request
// it makes, so a form that stays on the page (keyboard-first entry) can be sent again on purpose.
(function () {
  "use strict";
  var FIELD = "_submission";

  function newToken() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return String(Date.now()) + "-" + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  }

  function stamp(form, fresh) {
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post" && !form.hasAttribute("hx-post")) return;
    var input = form.querySelector("input[name='" + FIELD + "']");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = FIELD;
      form.appendChild(input);
    }
    if (fresh || !input.value) input.value = newToken();
  }

  function stampAll(root) {
    (root.querySelectorAll ? root.querySelectorAll("form") : []).forEach(function (form) { stamp(form, false); });
    if (root.tagName === "FORM") stamp(root, false);
  }

  document.addEventListener("DOMContentLoaded", function () { stampAll(document); });
  document.addEventListener("htmx:load", function (event) { stampAll(event.target); });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target.closest ? event.target.closest("form") : null;
    if (form) stamp(form, true);
  });
})();

// On a phone the council's tabs scroll sideways: bring the current tab into view, so the reader sees
// where they are without scrolling the row (the page itself does not move: only the row scrolls).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".nav-tabs").forEach(function (row) {
    var current = row.querySelector(".nav-link.active");
    if (!current || row.scrollWidth <= row.clientWidth) return;
    var offset = current.getBoundingClientRect().left - row.getBoundingClientRect().left + row.scrollLeft;
    row.scrollLeft = offset - (row.clientWidth - current.offsetWidth) / 2;
  });
});
