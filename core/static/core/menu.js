/* The main menu folds behind a button on narrow screens. Loaded in <head> so the "js" class is
   on <html> before the first paint: without this script the menu simply stays open. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setUp() {
    var toggle = document.querySelector(".menu-toggle");
    if (!toggle) { return; }
    var list = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!list) { return; }
    toggle.hidden = false;

    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }

    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    // Escape closes an open menu and returns focus to its button (WCAG 2.1.2, no keyboard trap).
    toggle.parentElement.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
