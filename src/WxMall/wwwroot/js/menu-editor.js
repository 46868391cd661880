// Menu editor: redraws the phone preview as staff type, and shows only the fields of each button's type.
// The server checks everything again on save (MenuRules); this is only what the phone will look like.
(function () {
  'use strict';
  var form = document.getElementById('menu-form');
  var menu = document.getElementById('preview-menu');
  if (!form || !menu) { return; }

  var showFieldsFor = function (container) {
    var select = container.querySelector('[data-type-select]');
    var type = select ? select.value : '';
    var fields = container.querySelector('.action-fields');
    if (!fields) { return; }
    fields.hidden = type === '';
    fields.querySelectorAll('[data-types]').forEach(function (field) {
      // A field with an error stays visible, so the message next to it is never hidden.
      var hasError = field.querySelector('.field-validation-error');
      field.hidden = !hasError && field.getAttribute('data-types').split(' ').indexOf(type) < 0;
    });
  };
  var slots = function () { return form.querySelectorAll('.menu-slot'); };
  var updateFields = function (event) {
    slots().forEach(function (slot) {
      showFieldsFor(slot);
      // Choosing "sub-menu" for a top button opens its sub-button slots.
      var select = slot.querySelector('[data-type-select]');
      var details = slot.querySelector('details');
      if (event && event.target === select && select.value === '' && details) { details.open = true; }
      slot.querySelectorAll('.sub-slot').forEach(showFieldsFor);
    });
  };

  var redraw = function () {
    menu.textContent = '';
    var shown = 0;
    slots().forEach(function (slot) {
      var name = slot.querySelector('[data-preview-name]').value.trim();
      if (!name) { return; }
      shown++;
      var cell = document.createElement('div');
      cell.className = 'cell';
      var subs = [];
      slot.querySelectorAll('.sub-slot [data-preview-name]').forEach(function (input) {
        if (input.value.trim()) { subs.push(input.value.trim()); }
      });
      if (subs.length) {
        var list = document.createElement('ul');
        list.className = 'subs';
        subs.forEach(function (s) { var li = document.createElement('li'); li.textContent = s; list.appendChild(li); });
        cell.appendChild(list);
      }
      var label = document.createElement('span');
      label.textContent = (subs.length ? '≡ ' : '') + name;
      cell.appendChild(label);
      menu.appendChild(cell);
    });
    if (!shown) {
      var empty = document.createElement('span');
      empty.className = 'empty';
      empty.textContent = '（还没有菜单）';
      menu.appendChild(empty);
    }
  };

  form.addEventListener('input', redraw);
  form.addEventListener('change', function (event) {
    if (event.target.matches('[data-type-select]')) { updateFields(event); }
    redraw();
  });
  updateFields();
  redraw();
})();
