// A note's character count, after GOV.UK's: as the limit nears, how many characters are left,
// then how many too many. Only an improvement: the server refuses a note that is too long, with
// the same count, and nothing is cut off as it is pasted (the fields have no maxlength).
//
// Counted as the server counts (screening.forms.NoteField): a line break is one character and
// so is each code point (an emoji is one, not two as String.length has it).
(function () {
  "use strict";

  function count(text) {
    return Array.from(text.replace(/\r\n?/g, "\n")).length;
  }

  function say(template, number) {
    return template.replace("{count}", String(number));
  }

  function watch(field) {
    var message = document.getElementById(field.id + "_count");
    if (!message) { return; }
    // The words are given once, on the form (_character_count_texts.html).
    var texts = message.closest("[data-character-count-texts]");
    if (!texts) { return; }
    var limit = parseInt(message.getAttribute("data-limit"), 10);
    var threshold = parseInt(message.getAttribute("data-threshold") || "0", 10);
    var hint = message.textContent;
    // Read out once typing pauses, not at every key.
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    message.insertAdjacentElement("afterend", status);
    var timer = null;

    function update(event) {
      var left = limit - count(field.value);
      var near = left < limit * (1 - threshold / 100);
      var text = hint;
      if (left < 0) {
        text = say(texts.getAttribute(left === -1 ? "data-over-one" : "data-over"), -left);
      } else if (threshold === 0 || near) {
        text = say(texts.getAttribute(left === 1 ? "data-remaining-one" : "data-remaining"), left);
      }
      message.textContent = text;
      message.hidden = threshold > 0 && !near && left >= 0;
      message.classList.toggle("text-danger", left < 0);
      message.classList.toggle("fw-semibold", left < 0);
      field.classList.toggle("is-invalid", left < 0 || field.getAttribute("aria-invalid") === "true");
      if (!event) { return; }  // on arrival the hint is enough; it is read with the field
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { status.textContent = message.hidden ? "" : text; }, 1000);
    }
    field.addEventListener("input", update);
    update();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-character-count]"), watch);
})();
