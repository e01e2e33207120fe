// Two fast clicks do one thing. Only an improvement: without JavaScript the server takes a
// repeated save as already done (screening/views.py), and Danger now is a plain submit button.
//
// 1. A form is sent once (GOV.UK's "prevent double click"): a second submit within a second of
//    the first is dropped, so it neither aborts the first nor arrives after it as a second save.
// 2. A button marked data-ignore-early-clicks ("Danger now") ignores a pointer click that comes
//    less than a second after a form of this tab was sent: that click was meant for the previous
//    page (the second half of a double click or a double tap on its Save button), which no one
//    can have seen yet, let alone aimed at. A click after that, on a page opened any other way,
//    and a key press at any time, works at once: one tap in an emergency.
//
// Loaded without `defer` (base.html): a page's buttons must not take a click before this runs.
(function () {
  "use strict";
  var GUARD_MS = 1000;
  var SENT_AT = "submitted-at";

  function lastSent() {
    try { return Number(window.sessionStorage.getItem(SENT_AT)) || 0; } catch (e) { return 0; }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var last = Number(form.getAttribute("data-submitted-at")) || 0;
    if (Date.now() - last < GUARD_MS) {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-submitted-at", String(Date.now()));
    try { window.sessionStorage.setItem(SENT_AT, String(Date.now())); } catch (e) { /* private mode */ }
  });

  // event.detail is 0 for a key press.
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-ignore-early-clicks]") : null;
    if (target && event.detail > 0 && Date.now() - lastSent() < GUARD_MS) {
      event.preventDefault();
    }
  }, true);

  // A page brought back by Back (the back-forward cache) may be sent again at once.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("form[data-submitted-at]"), function (form) {
      form.removeAttribute("data-submitted-at");
    });
  });
})();
