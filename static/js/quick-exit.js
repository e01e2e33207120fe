// Quick exit (after GOV.UK's "Exit this page"): cover the page at once, end the session on the
// server, and leave for a neutral site, replacing this page in the history so Back does not
// return to it. By the button, by Shift pressed three times within 5 seconds (anywhere, text
// fields included), and by Esc outside form fields (in a field Esc closes the input method's
// candidate list, as Chinese input needs). Unsaved typing is dropped on purpose: the person's
// safety comes first. Without JavaScript the button is a form that posts to the same view,
// which signs out and redirects.
(function () {
  "use strict";
  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 5000;
  var leaving = false;
  var shiftTimes = [];
  var lastKeyHeldShift = false;

  function leave(event) {
    var url = document.body.getAttribute("data-quick-exit-url");
    var form = document.querySelector("[data-quick-exit-form]");
    if (!url) { return; }
    if (event) { event.preventDefault(); }
    if (leaving) { return; }
    leaving = true;
    var cover = document.createElement("div");
    cover.className = "quick-exit-cover";
    document.body.appendChild(cover);
    document.body.classList.add("quick-exit-leaving");
    document.title = "";
    if (form && window.fetch) {
      // keepalive: the request outlives this page. The server answers a fetch with 204;
      // redirect "manual" makes sure no redirect is ever followed from here.
      try {
        window.fetch(form.action, {
          method: "POST", keepalive: true, credentials: "same-origin", redirect: "manual",
          cache: "no-store"
        }).catch(function () {});
      } catch (error) { /* leave anyway */ }
    }
    window.location.replace(url);
  }

  function inField(element) {
    if (!element || !element.closest) { return false; }
    return element.isContentEditable || !!element.closest("input, textarea, select");
  }

  document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches("[data-quick-exit-form]")) { leave(event); }
  });

  document.addEventListener("keydown", function (event) {
    if ((event.key === "Escape" || event.key === "Esc") && !event.isComposing &&
        !inField(event.target)) {
      leave(event);
    }
  });

  // Count Shift on release, as GOV.UK does: a Shift that was held to type a capital letter (the
  // key before it was typed with Shift down) does not count, and any other key starts again.
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      shiftTimes = [];
      lastKeyHeldShift = event.shiftKey;
      return;
    }
    if (!lastKeyHeldShift) {
      var now = Date.now();
      shiftTimes = shiftTimes.filter(function (time) { return now - time < SHIFT_WINDOW_MS; });
      shiftTimes.push(now);
      if (shiftTimes.length >= SHIFT_PRESSES) { leave(null); }
    }
    lastKeyHeldShift = false;
  });
})();
