/* figwatch timeline tooltip: shows a point's value, qualifier, source, outlet, date and quote.
   Text only (textContent), never HTML: article text cannot become markup here. */
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  var chart = document.getElementById("chart");
  if (!tip || !chart) { return; }
  var parts = {
    value: tip.querySelector(".tip-value"),
    meta: tip.querySelector(".tip-meta"),
    quote: tip.querySelector(".tip-quote")
  };
  var shown = null;
  var pointer = "mouse";
  var shownAtPress = null;  /* what showed before this tap: focus and mouseover fire before click */
  function pointOf(node) {
    return node && node.closest ? node.closest("a.pt") : null;
  }
  function show(pt) {
    var d = pt.dataset;
    parts.value.textContent = d.value;
    parts.meta.textContent = [d.qualifier, d.source, d.outlet, d.date].join(" · ") +
      (pt.classList.contains("revision") ? " · revised" : "");
    parts.quote.textContent = "\u201c" + d.quote + "\u201d";
    tip.hidden = false;
    shown = pt;
    var box = pt.getBoundingClientRect();
    var left = window.scrollX + box.left + box.width / 2 - tip.offsetWidth / 2;
    var maxLeft = window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8;
    tip.style.left = Math.max(window.scrollX + 8, Math.min(left, maxLeft)) + "px";
    var above = window.scrollY + box.top - tip.offsetHeight - 10;
    tip.style.top = (above > window.scrollY ? above : window.scrollY + box.bottom + 10) + "px";
  }
  function hide() { tip.hidden = true; shown = null; }
  chart.addEventListener("mouseover", function (e) { var pt = pointOf(e.target); if (pt) { show(pt); } });
  chart.addEventListener("mouseout", function (e) {
    if (pointOf(e.target) && !pointOf(e.relatedTarget)) { hide(); }
  });
  chart.addEventListener("focusin", function (e) { var pt = pointOf(e.target); if (pt) { show(pt); } });
  chart.addEventListener("focusout", hide);
  /* On a touch screen the first tap shows the sentence; a second tap on the same point follows its link. */
  chart.addEventListener("pointerdown", function (e) { pointer = e.pointerType; shownAtPress = shown; });
  chart.addEventListener("click", function (e) {
    var pt = pointOf(e.target);
    if (pt && pointer === "touch" && shownAtPress !== pt) { e.preventDefault(); show(pt); }
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });
})();
