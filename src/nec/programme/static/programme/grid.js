// Timetable editor: optional drag and drop on top of the HTML forms (which work without it).
// Dropping a session on a cell fills the "Placer ou déplacer" form and submits it; the server
// decides (an occupied cell is refused with the reason, as with the form).
(function () {
  "use strict";
  var form = document.getElementById("place-form");
  if (!form) return;
  var session = form.querySelector("[name=session]");
  var slot = form.querySelector("[name=slot]");
  var room = form.querySelector("[name=room]");
  document.querySelectorAll("[data-session]").forEach(function (item) {
    item.setAttribute("draggable", "true");
    item.addEventListener("dragstart", function (event) {
      event.dataTransfer.setData("text/plain", item.dataset.session);
      event.dataTransfer.effectAllowed = "move";
    });
  });
  document.querySelectorAll("td[data-slot][data-room]").forEach(function (cell) {
    cell.addEventListener("dragover", function (event) {
      event.preventDefault();
      cell.classList.add("drop-target");
    });
    cell.addEventListener("dragleave", function () {
      cell.classList.remove("drop-target");
    });
    cell.addEventListener("drop", function (event) {
      event.preventDefault();
      cell.classList.remove("drop-target");
      var id = event.dataTransfer.getData("text/plain");
      if (!id) return;
      session.value = id;
      slot.value = cell.dataset.slot;
      room.value = cell.dataset.room;
      form.submit();
    });
  });
})();
