// The screening details: warn at once when the employer or agent, a friend, partner or relative
// interprets, or another person is present (templates/screening/_speak_freely.html). Without JavaScript the warning shows on
// the next page, from what was saved.
(function () {
  "use strict";
  var form = document.querySelector("[data-details-form]");
  var warning = form && form.querySelector("[data-speak-freely]");
  if (!warning) { return; }
  var warnFor = (form.getAttribute("data-warn-interpreter") || "").split(" ");
  function update() {
    var interpreter = form.querySelector("input[name='interpreter']:checked");
    var present = form.querySelector("input[name='third_party_present']");
    warning.hidden = !((interpreter && warnFor.indexOf(interpreter.value) !== -1) || (present && present.checked));
  }
  form.addEventListener("change", update);
})();

// A new screening shows the opening in every language that has one; once the interview language
// is chosen, only that one (screening.models.CLIENT_LANGUAGE_OF: Cantonese and Mandarin read
// Traditional Chinese). Without JavaScript all of them stay, each under its name.
(function () {
  "use strict";
  var openings = document.querySelector("[data-person-openings]");
  var select = document.getElementById("id_language");
  if (!openings || !select) { return; }
  var blocks = openings.querySelectorAll("[data-person-language]");
  if (blocks.length < 2) { return; }
  var readsAs = { yue: "zh-hant", cmn: "zh-hant" };
  function update() {
    var code = readsAs[select.value] || select.value;
    var any = false;
    blocks.forEach(function (block) {
      var shown = block.getAttribute("data-person-language") === code;
      block.hidden = !shown;
      any = any || shown;
    });
    openings.hidden = !any;
  }
  select.addEventListener("change", update);
  update();
})();

// "Use a suggested reference" puts the suggestion in the empty field; typing never joins it to
// another reference, since the field starts empty.
(function () {
  "use strict";
  var button = document.querySelector("[data-use-reference]");
  var field = document.getElementById("id_case_reference");
  if (!button || !field) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    field.value = button.getAttribute("data-use-reference");
    field.focus();
  });
})();
