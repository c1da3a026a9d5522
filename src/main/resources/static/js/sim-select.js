// The SIM list's select-many: "select every SIM on this page" and the count of SIMs ticked in the bulk bar.
(function () {
  function boxes() {
    return Array.prototype.slice.call(document.querySelectorAll("input[type=checkbox][name=iccid][form=bulk-form]"));
  }
  function update() {
    var count = document.getElementById("selected-count");
    var ticked = boxes().filter(function (b) { return b.checked; }).length;
    if (count) {
      count.textContent = ticked === 0 ? "Tick SIMs in the list, then:"
        : ticked + (ticked === 1 ? " SIM selected:" : " SIMs selected:");
    }
    var all = document.getElementById("select-all");
    if (all) {
      all.checked = ticked > 0 && ticked === boxes().length;
      all.indeterminate = ticked > 0 && ticked < boxes().length;
    }
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.id === "select-all") {
      boxes().forEach(function (b) { b.checked = target.checked; });
      update();
    } else if (target.name === "iccid") {
      update();
    }
  });
  document.addEventListener("DOMContentLoaded", update);
  document.addEventListener("htmx:afterSwap", update);
})();
