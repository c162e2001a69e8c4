// Spira's own small script. No inline scripts anywhere (the CSP forbids them).
(function () {
  "use strict";
  // Anonymous pages carry no CSRF token (so that they can be cached whole); HTMX requests that
  // change something take the token from the csrftoken cookie instead.
  document.addEventListener("htmx:configRequest", function (event) {
    var headers = event.detail.headers;
    if (headers["X-CSRFToken"] || event.detail.verb === "get") { return; }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) { headers["X-CSRFToken"] = decodeURIComponent(match[1]); }
  });
  // Move focus to the main landmark after an HTMX swap that replaced the page's results, so that
  // screen-reader users learn that the content changed (the results region is also aria-live).
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.dataset && target.dataset.focusAfterSwap === "true") {
      target.setAttribute("tabindex", "-1");
      target.focus();
    }
  });
  // Buttons and links that ask for confirmation carry data-confirm instead of inline handlers.
  document.addEventListener("click", function (event) {
    var element = event.target.closest("[data-confirm]");
    if (element && !window.confirm(element.dataset.confirm)) {
      event.preventDefault();
    }
  });
  // Copy buttons (API tokens, share links).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) { return; }
    var source = document.getElementById(button.dataset.copyTarget);
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.value || source.textContent);
      button.dataset.copied = "true";
    }
  });
})();
