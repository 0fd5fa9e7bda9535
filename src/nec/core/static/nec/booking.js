/* Programme: book, join a waiting list, swap or leave without leaving the page. Progressive
   enhancement: each button is a plain form that comes back to the same session (#anchor); here
   the form is posted in the background and the booking boxes and the message are updated
   from the page the server answers. Anything unexpected falls back to the plain form. */
(function () {
  "use strict";
  if (!window.fetch || !window.DOMParser) { return; }
  var live = document.createElement("div");
  live.className = "visually-hidden";
  live.setAttribute("role", "status");
  document.body.appendChild(live);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-booking]")) { return; }
    var item = form.closest(".session-item");
    if (!item || form.dataset.busy) { return; }
    event.preventDefault();
    form.dataset.busy = "1";
    var button = form.querySelector("button");
    if (button) { button.disabled = true; }
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      var here = new URL(window.location.href), there = new URL(response.url);
      if (!response.ok || there.pathname !== here.pathname) { throw new Error("navigate"); }
      return response.text();
    }).then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      if (!page.getElementById(item.id)) { throw new Error("navigate"); }
      /* every box may have changed (a swap frees another seat; counts move): replace them all */
      document.querySelectorAll(".booking-box[id], .booking-feedback").forEach(function (old) {
        var fresh = page.getElementById(old.id);
        if (old.classList.contains("booking-feedback")) { old.remove(); }
        else if (fresh) { old.replaceWith(document.importNode(fresh, true)); }
      });
      var messages = page.querySelector(".messages");
      var again = document.getElementById(item.id);
      if (messages && again) {
        /* the message goes with the session, not at the top: the page must not move */
        var note = document.createElement("p");
        note.className = "booking-feedback";
        note.setAttribute("aria-hidden", "true"); /* announced by the live region */
        note.textContent = messages.textContent.trim();
        again.appendChild(note);
        live.textContent = note.textContent;
      }
      var next = again && again.querySelector(".booking-box button, .booking-box a");
      if (next) { next.focus({ preventScroll: true }); }
    }).catch(function () {
      delete form.dataset.busy;
      form.submit();
    });
  });
})();
