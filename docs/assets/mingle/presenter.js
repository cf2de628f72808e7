/* Presenter view: a remembered toggle that shows the facilitator notes; collapsed blocks open for printing. */
(function () {
  "use strict";

  var KEY = "mingle:v1:presenter";
  var CLASS = "mingle-presenter";

  function stored() {
    try {
      var value = window.localStorage.getItem(KEY);
      if (value === "on") return true;
      // Anything but our two values is stale or tampered with: drop it.
      if (value !== null && value !== "off") window.localStorage.removeItem(KEY);
    } catch (err) { /* storage blocked (private mode, file://): the view just isn't remembered */ }
    return false;
  }

  function remember(on) {
    try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (err) { /* not remembered */ }
  }

  function isOn() {
    return document.documentElement.classList.contains(CLASS);
  }

  function apply(on) {
    document.documentElement.classList.toggle(CLASS, on);
    document.querySelectorAll('[data-action="presenter-view"]').forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function set(on) {
    apply(on);
    remember(on);
  }

  function attach() {
    apply(stored());
    document.querySelectorAll("[data-mingle-toolbar]").forEach(function (bar) {
      bar.hidden = false;
    });
  }

  // One delegated listener survives instant navigation and covers buttons added later (present mode's own).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest('[data-action="presenter-view"]');
    if (button) set(!isOn());
  });

  // Another tab switched the view: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) apply(stored());
  });

  // Collapsed blocks print open, then close again (Chromium does not print a closed <details>' body).
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });

  window.MinglePresenter = { isOn: isOn, set: set };

  apply(stored());
  window.Mingle.onPage(attach);  // storage.js: document$, or DOMContentLoaded from file://
})();
