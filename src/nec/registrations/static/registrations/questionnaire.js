// Conditional questions: a field marked data-show-if="q_sector=public" is shown only when the
// named question has that answer. Without JavaScript every question stays visible.
(function () {
  "use strict";
  function currentValues(form, name) {
    var values = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
      values.push(input.value);
    });
    return values;
  }
  function update(form) {
    var done = new Set();
    form.querySelectorAll("[data-show-if]").forEach(function (input) {
      var field = input.closest(".field");
      if (!field || done.has(field)) return;
      done.add(field);
      var parts = input.getAttribute("data-show-if").split("=");
      var shown = currentValues(form, parts[0]).indexOf(parts.slice(1).join("=")) !== -1;
      field.hidden = !shown;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(function (form) {
      if (!form.querySelector("[data-show-if]")) return;
      update(form);
      form.addEventListener("change", function () { update(form); });
    });
  });
})();
