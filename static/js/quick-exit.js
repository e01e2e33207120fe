// Quick exit: leave for a neutral site and replace this page in the history, so Back does not
// return to it. Works by button and by the Esc key; without JavaScript the button is a plain link.
(function () {
  "use strict";
  function leave(event) {
    var url = document.body.getAttribute("data-quick-exit-url");
    if (!url) { return; }
    if (event) { event.preventDefault(); }
    document.body.classList.add("quick-exit-leaving");
    window.location.replace(url);
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-quick-exit]") : null;
    if (target) { leave(event); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") { leave(event); }
  });
})();
