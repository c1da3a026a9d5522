// Sends the CSRF token with every htmx request that changes something.
document.addEventListener("htmx:configRequest", function (event) {
  var body = document.body;
  var header = body.getAttribute("data-csrf-header");
  var token = body.getAttribute("data-csrf-token");
  if (header && token) {
    event.detail.headers[header] = token;
  }
});

// A table that scrolls sideways (phone width) can be reached with the keyboard, so its hidden columns can be
// scrolled into view; a table that fits is left out of the tab order.
function markScrollingTables(root) {
  (root || document).querySelectorAll("table").forEach(function (table) {
    if (table.scrollWidth > table.clientWidth + 1) {
      if (!table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
        table.setAttribute("data-scrolls", "");
      }
    } else if (table.hasAttribute("data-scrolls")) {
      table.removeAttribute("tabindex");
      table.removeAttribute("data-scrolls");
    }
  });
}

// The header's menu: open on wide screens, folded behind its button on phones. CSS alone already shows a closed
// menu's content on wide screens where browsers can style it; opening it here keeps its state true for assistive
// technology and scripts. Escape folds it on phones and gives the focus back to its button.
function setUpMenu() {
  var menu = document.getElementById("menu");
  if (!menu) {
    return;
  }
  var wide = window.matchMedia("(min-width: 801px)");
  function follow() {
    menu.open = wide.matches;
  }
  follow();
  wide.addEventListener("change", follow);
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open && !wide.matches) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
}

document.addEventListener("DOMContentLoaded", function () {
  setUpMenu();
  markScrollingTables();
});
window.addEventListener("resize", function () {
  markScrollingTables();
});
document.addEventListener("htmx:afterSettle", function (event) {
  markScrollingTables();
});
