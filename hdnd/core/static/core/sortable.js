// Sortable tables: a click on a column header sorts the rows of <table class="sortable"> by that column,
// again in reverse. Vietnamese text sorts as Vietnamese (Intl.Collator "vi": "Cầu Giấy" before
// "Chương Mỹ", "Đông Ngạc" after "Dương Nội"), digits as numbers. A cell's data-sort value, when present,
// is compared instead of its text; dates written 06/12/2026 sort as dates. Long lists elsewhere are made
// sortable too: any table with a header row and more than AUTO_MIN_ROWS plain rows (no rowspan or
// colspan), unless it says data-sortable="false". The page sorts only the rows it shows; the server's
// paging is unchanged.
(function () {
  "use strict";
  var AUTO_MIN_ROWS = 8;
  var collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });
  var DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/;

  function key(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var given = cell.getAttribute("data-sort");
    if (given !== null) return given;
    var text = cell.textContent.trim();
    var day = DATE.exec(text); // 22/11/2026 (14:30) sorts as 2026-11-22 (14:30)
    return day ? day[3] + "-" + pad(day[2]) + "-" + pad(day[1]) + text.slice(day[0].length) : text;
  }

  function pad(part) { return part.length === 1 ? "0" + part : part; }

  function compare(a, b) {
    if (a === b) return 0;
    if (a === "") return 1; // empty cells last, whichever the direction
    if (b === "") return -1;
    var x = Number(a.replace(/\./g, "").replace(",", "."));
    var y = Number(b.replace(/\./g, "").replace(",", "."));
    if (!isNaN(x) && !isNaN(y) && /^-?[\d.,]+%?$/.test(a) && /^-?[\d.,]+%?$/.test(b)) return x - y;
    return collator.compare(a, b);
  }

  function sortBy(table, th, index) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th[aria-sort]").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    Array.prototype.forEach.call(table.tBodies, function (body) {
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (r1, r2) {
        var k1 = key(r1, index), k2 = key(r2, index);
        if (k1 === "" || k2 === "") return compare(k1, k2);
        return ascending ? compare(k1, k2) : compare(k2, k1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  }

  function plain(table) {
    if (!table.tHead || table.tHead.rows.length !== 1 || !table.tBodies.length) return false;
    return !table.querySelector("tbody td[rowspan], tbody td[colspan], tbody th[rowspan], tbody th[colspan]");
  }

  function enhance(table) {
    if (table.getAttribute("data-sort-ready")) return;
    table.setAttribute("data-sort-ready", "1");
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      if (th.getAttribute("data-sortable") === "false" || !th.textContent.trim() || th.colSpan > 1) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.title = "Sắp xếp theo cột này";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () { sortBy(table, th, index); });
    });
  }

  function scan(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll("table").forEach(function (table) {
      if (table.getAttribute("data-sortable") === "false" || !plain(table)) return;
      var rows = table.tBodies[0].rows.length;
      if (table.classList.contains("sortable") || (table.classList.contains("table") && rows > AUTO_MIN_ROWS)) {
        enhance(table);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { scan(document); });
  document.addEventListener("htmx:load", function (event) { scan(event.target); });
})();
