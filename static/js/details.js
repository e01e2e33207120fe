// The screening details: warn at once when the employer or agent interprets or another person
// is present (templates/screening/_speak_freely.html). Without JavaScript the warning shows on
// the next page, from what was saved.
(function () {
  "use strict";
  var form = document.querySelector("[data-details-form]");
  var warning = form && form.querySelector("[data-speak-freely]");
  if (!warning) { return; }
  var warnFor = form.getAttribute("data-warn-interpreter");
  function update() {
    var interpreter = form.querySelector("input[name='interpreter']:checked");
    var present = form.querySelector("input[name='third_party_present']");
    warning.hidden = !((interpreter && interpreter.value === warnFor) || (present && present.checked));
  }
  form.addEventListener("change", update);
})();
