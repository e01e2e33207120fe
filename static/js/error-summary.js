// The error summary (templates/partials/error_summary.html): focused when the page loads, so a
// screen reader reads it and the eye lands on it; a link in it focuses its field and scrolls
// the field's question (legend or label) into view, not only the input.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var input = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!input) { return; }
    event.preventDefault();
    var fieldset = input.closest("fieldset");
    var question = (fieldset && fieldset.querySelector("legend")) ||
      document.querySelector("label[for='" + input.id + "']") || input;
    question.scrollIntoView();
    input.focus({ preventScroll: true });
  });
})();
