/* Check-in page: scan a ticket's QR code with the camera, where the browser offers
   BarcodeDetector. Progressive enhancement: without it, staff type the code or a name. */
(function () {
  "use strict";
  var form = document.querySelector("[data-checkin-form]");
  if (!form || !("BarcodeDetector" in window) || !navigator.mediaDevices ||
      !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var slot = form.querySelector("[data-scanner]");
  var camera = form.querySelector("[data-camera]");
  var video = form.querySelector("[data-video]");
  var status = form.querySelector("[data-scanner-status]");
  var input = form.querySelector("input[name=q]");
  var text = slot.dataset;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button-secondary";
  button.textContent = text.labelStart;
  slot.appendChild(button);
  var stream = null;
  var timer = null;

  function stop() {
    if (timer) { window.clearInterval(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
    camera.hidden = true;
    button.textContent = text.labelStart;
  }

  button.addEventListener("click", function () {
    if (stream) { stop(); return; }
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        camera.hidden = false;
        button.textContent = text.labelStop;
        status.textContent = text.msgReady;
        return video.play();
      })
      .then(function () {
        timer = window.setInterval(function () {
          detector.detect(video).then(function (codes) {
            if (codes.length && codes[0].rawValue) {
              input.value = codes[0].rawValue;
              status.textContent = text.msgRead;
              stop();
              form.submit();
            }
          }).catch(function () { /* a frame that cannot be read: try the next one */ });
        }, 300);
      })
      .catch(function () {
        status.textContent = text.msgError;
        stop();
        camera.hidden = false;
      });
  });
})();
