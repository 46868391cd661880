// Small progressive enhancements for the H5 store; every page works without them.
(function () {
  'use strict';
  // Forms marked data-autosubmit re-submit (to their preview handler) when a choice changes, so prices stay server-side.
  document.querySelectorAll('form[data-autosubmit]').forEach(function (form) {
    form.addEventListener('change', function (event) {
      if (event.target.matches('[data-autosubmit-trigger]')) {
        var preview = form.querySelector('[data-preview]');
        if (preview) { preview.click(); }
      }
    });
  });
  // Confirm destructive actions (cancel an order, delete an address).
  document.querySelectorAll('[data-confirm]').forEach(function (button) {
    button.addEventListener('click', function (event) {
      if (!window.confirm(button.getAttribute('data-confirm'))) { event.preventDefault(); }
    });
  });
})();
(function () {
  'use strict';
  // Choosing a SKU reloads the page for it, so its price, stock and specs come from the server.
  document.querySelectorAll('input[data-navigate]').forEach(function (input) {
    input.addEventListener('change', function () { window.location.href = input.getAttribute('data-navigate'); });
  });
})();
