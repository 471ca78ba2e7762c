// A long tick-box list (core.forms.CheckList, more than a dozen choices) gets a filter box above it:
// typing hides the names that do not match, accents ignored ("dong ngac" finds "Đông Ngạc"); ticked
// boxes stay ticked while hidden and are always sent. The list works the same without this script.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase()
      .replace(/\s+/g, " ").trim();
  }

  function setUp(picker) {
    if (picker.dataset.ready) return;
    picker.dataset.ready = "1";
    var tools = picker.querySelector(".check-picker-tools");
    var filter = picker.querySelector(".check-picker-filter");
    var count = picker.querySelector(".check-picker-count");
    var rows = Array.prototype.slice.call(picker.querySelectorAll(".check-list-options .form-check"));
    rows.forEach(function (row) { row.dataset.fold = fold(row.textContent); });

    function update() {
      var wanted = fold(filter.value);
      var shown = 0;
      rows.forEach(function (row) {
        var match = !wanted || row.dataset.fold.indexOf(wanted) !== -1;
        row.hidden = !match;
        if (match) shown += 1;
      });
      var ticked = picker.querySelectorAll("input[type=checkbox]:checked").length;
      count.textContent = "Hiện " + shown + "/" + rows.length + " · đã chọn " + ticked;
    }

    tools.hidden = false;
    filter.addEventListener("input", update);
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();  // Enter filters; it must not send the form
    });
    picker.addEventListener("change", update);
    update();
  }

  function setUpAll(root) {
    (root.querySelectorAll ? root.querySelectorAll("[data-check-picker]") : []).forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUpAll(document); });
  } else {
    setUpAll(document);
  }
  document.addEventListener("htmx:load", function (event) { setUpAll(event.target); });
})();
