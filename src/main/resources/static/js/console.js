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

// The header's menu: shown open on wide screens by CSS where browsers can style a closed <details>' content,
// opened by this script where they cannot; Escape closes it on phones and gives the focus back to its button.
function setUpMenu() {
  var menu = document.getElementById("menu");
  if (!menu) {
    return;
  }
  var wide = window.matchMedia("(min-width: 801px)");
  var styledByCss = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  function follow() {
    if (!styledByCss) {
      menu.open = wide.matches;
    } else if (wide.matches) {
      menu.open = false;
    }
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
