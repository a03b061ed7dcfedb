// Irreversible actions ask first: submitting a form that carries data-confirm opens the page's
// <dialog id="confirm-dialog"> with the form's question; only "yes" sends the form.
(function () {
  "use strict";
  var dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var text = dialog.querySelector("[data-confirm-text]");
  var pending = null;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-confirm]") || form.dataset.confirmed) return;
    event.preventDefault();
    pending = { form: form, submitter: event.submitter };
    text.textContent = form.dataset.confirm;
    dialog.returnValue = "";
    dialog.showModal();
  });
  dialog.addEventListener("close", function () {
    var chosen = pending;
    pending = null;
    if (!chosen) return;
    if (dialog.returnValue === "yes") {
      chosen.form.dataset.confirmed = "yes";
      chosen.form.requestSubmit(chosen.submitter || undefined);
    } else if (chosen.submitter) {
      chosen.submitter.focus();
    }
  });
})();
