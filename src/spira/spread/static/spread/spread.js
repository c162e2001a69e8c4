// Spread's forms. No inline scripts anywhere (the CSP forbids them).
(function () {
  "use strict";
  // Enter in the initiative search box searches at once instead of submitting (saving) the form;
  // HTMX listens for the "search" event. Without JavaScript the box has a Find button instead.
  document.addEventListener("keydown", function (event) {
    var input = event.target.closest && event.target.closest("[data-spread-search]");
    if (!input || event.key !== "Enter") { return; }
    event.preventDefault();
    input.dispatchEvent(new Event("search"));
  });
})();
