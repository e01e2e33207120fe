// Keeps what a caseworker types. Two parts, both only improvements: without JavaScript a save
// that arrives after the session ended is held on the server and given back after sign-in
// (screening.models.HeldSave), and nothing here is needed for that.
//
// 1. "Stay signed in": a notice a few minutes before the idle limit, with a button that renews
//    the session (POST to the keep-alive URL). The server says how long the session has left
//    in <body data-session-seconds-left> (signed-in pages only). Typing renews it too.
// 2. A warning before leaving a step or the details form with changes that are not saved.
//    Submitting the form does not ask, and neither does Quick exit.
(function () {
  "use strict";
  var script = document.currentScript;
  var text = script ? script.dataset : {};
  var WARN_SECONDS = 5 * 60;

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function isTextEntry(element) {
    return !!element && element.matches &&
      element.matches("textarea, input:not([type]), input[type=text], input[type=search], " +
        "input[type=date], input[type=email], input[type=number], select");
  }

  function sessionNotice() {
    var left = parseInt(document.body.getAttribute("data-session-seconds-left"), 10);
    if (!(left >= 0) || !text.keepAliveUrl) { return; }
    var full = left;
    var deadline = Date.now() + left * 1000;
    var notice = null;
    var returnFocus = null;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    document.body.appendChild(status);

    function build() {
      notice = document.createElement("div");
      notice.className = "session-notice alert alert-warning d-flex flex-wrap align-items-center gap-2 my-3";
      notice.setAttribute("role", "alert");
      var message = document.createElement("p");
      message.className = "mb-0 flex-grow-1";
      message.textContent = text.sessionWarning;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-primary";
      button.textContent = text.staySignedIn;
      button.addEventListener("click", function () { stay(); });
      notice.appendChild(message);
      notice.appendChild(button);
      return button;
    }

    function show() {
      var active = document.activeElement;
      var button = build();
      if (isTextEntry(active)) {
        // Someone is typing: the notice goes just after the field (the next Tab stop) and is
        // read out, but focus stays, so no keystroke meant for a note lands on the button.
        var group = active.closest("fieldset, .mb-3, .form-check") || active;
        group.insertAdjacentElement("afterend", notice);
      } else {
        var main = document.getElementById("main") || document.body;
        main.insertBefore(notice, main.firstChild);
        returnFocus = active;
        button.focus();
      }
    }

    function hide() {
      var hadFocus = notice && notice.contains(document.activeElement);
      if (notice) { notice.remove(); }
      notice = null;
      if (hadFocus && returnFocus && document.contains(returnFocus) && returnFocus.focus) {
        returnFocus.focus();
      }
    }

    function ended() {
      if (!notice) { show(); }
      var button = notice.querySelector("button");
      if (button) { button.remove(); }
      notice.querySelector("p").textContent = text.sessionEnded;
      deadline = Infinity;
    }

    var renewing = false;

    function stay(quietly) {
      renewing = true;
      fetch(text.keepAliveUrl, {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: {"X-CSRFToken": csrfToken()}
      }).then(function (response) {
        renewing = false;
        if (response.status !== 204) { ended(); return; }
        deadline = Date.now() + full * 1000;
        hide();
        if (quietly !== true) { status.textContent = text.stillSignedIn; }
      }).catch(function () {
        // Offline for a moment: the notice stays, so the button can be pressed again.
        renewing = false;
      });
    }

    // Typing is not leaving the page: someone typing in the second half of the session, or a
    // minute before the notice is due, renews it without a word, so the notice never says the
    // page was "left for a while" to someone writing a note.
    document.addEventListener("input", function () {
      var remaining = (deadline - Date.now()) / 1000;
      var due = remaining < full / 2 || remaining <= WARN_SECONDS + 60;
      if (!renewing && remaining > 0 && due) { stay(true); }
    });

    function check() {
      var remaining = (deadline - Date.now()) / 1000;
      if (remaining <= 0) { ended(); }
      else if (remaining <= WARN_SECONDS && !notice) { show(); }
    }
    // Timers sleep in background tabs: the deadline is a time, checked often and on return.
    window.setInterval(check, 2000);
    document.addEventListener("visibilitychange", check);
    check();
  }

  function changed(form) {
    return Array.prototype.some.call(form.elements, function (element) {
      if (element.type === "checkbox" || element.type === "radio") {
        return element.checked !== element.defaultChecked;
      }
      if (element.options) {
        return Array.prototype.some.call(element.options, function (option) {
          return option.selected !== option.defaultSelected;
        });
      }
      return "defaultValue" in element && element.value !== element.defaultValue;
    });
  }

  function unsavedWarning() {
    // The forms that hold a screening's typing: a new screening's details, the details, a step.
    var form = document.querySelector("form[data-warn-unsaved]");
    if (!form) { return; }
    // A page shown again with what was typed (kept over a sign-in, a conflict, an error) is
    // unsaved from the start.
    var unsavedOnArrival = !!document.querySelector("[data-save-status][data-unsaved]");
    var submitting = false;
    form.addEventListener("submit", function () { submitting = true; });
    window.addEventListener("beforeunload", function (event) {
      if (submitting || document.body.classList.contains("quick-exit-leaving")) { return; }
      if (!unsavedOnArrival && !changed(form)) { return; }
      event.preventDefault();
      event.returnValue = "";
    });
  }

  sessionNotice();
  unsavedWarning();
})();
