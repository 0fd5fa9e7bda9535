// Mailing page: refresh the progress bar every 3 seconds while the mailing is being sent.
(function () {
  "use strict";
  var bar = document.getElementById("mailing-progress");
  if (!bar || bar.dataset.status !== "sending") { return; }
  var text = document.getElementById("mailing-progress-text");
  var status = document.getElementById("mailing-status");
  function poll() {
    fetch(bar.dataset.url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.max = data.total;
        bar.value = data.done;
        bar.textContent = data.progress + " %";
        text.textContent = data.done + " sur " + data.total + " (" + data.progress + " %)";
        status.textContent = data.status_label;
        if (data.status === "sending") { window.setTimeout(poll, 3000); }
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 3000);
})();
