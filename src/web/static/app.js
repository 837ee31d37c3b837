// Small enhancements only: every page works without this script.
// Moves focus to a form's error summary so that it is read out first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
