/**
 * The report's only script, inlined once at the end of the page. It attaches
 * listeners (no inline handlers, nothing built from data): design toggles hide
 * every element tagged `data-design="<index>"`, and summary tables sort by a
 * column when its header is clicked. Without scripts the page is complete:
 * the charts are static SVG and their tooltips are SVG <title> elements.
 */
export const REPORT_SCRIPT = `(function () {
  'use strict';
  var doc = document;
  doc.documentElement.className += ' js';
  var controls = doc.querySelector('.controls');
  if (controls) controls.hidden = false;
  var boxes = doc.querySelectorAll('input[data-toggle-design]');
  Array.prototype.forEach.call(boxes, function (box) {
    box.addEventListener('change', function () {
      var index = box.getAttribute('data-toggle-design');
      if (!/^[0-9]+$/.test(index)) return;
      var tagged = doc.querySelectorAll('[data-design="' + index + '"]');
      Array.prototype.forEach.call(tagged, function (el) { el.classList.toggle('off', !box.checked); });
    });
  });
  function cellValue(row, col, numeric) {
    var cell = row.cells[col];
    if (!cell) return numeric ? Infinity : '';
    var v = cell.getAttribute('data-v');
    if (numeric) { var n = v === null || v === '' ? NaN : Number(v); return isNaN(n) ? Infinity : n; }
    return v !== null ? v : cell.textContent;
  }
  function sortBy(table, col, numeric, th) {
    var body = table.tBodies[0];
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, col, numeric), y = cellValue(b, col, numeric);
      if (x === y) return Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order'));
      if (numeric && x === Infinity) return 1;
      if (numeric && y === Infinity) return -1;
      return (x < y ? -1 : 1) * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  var tables = doc.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables, function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var kind = th.getAttribute('data-sort');
      if (kind !== 'num' && kind !== 'text') return;
      th.tabIndex = 0;
      var go = function () { sortBy(table, col, kind === 'num', th); };
      th.addEventListener('click', go);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); } });
    });
  });
})();`;
