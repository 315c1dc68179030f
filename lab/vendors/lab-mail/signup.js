/*
 * Lab Mail newsletter sign-up.
 *
 * LAB-WRITTEN: part of the exposure retail lab, no vendor's code. It works
 * as e-mail marketing vendors' "connect your own form" scripts do, and is
 * the lab's plain form: it sends the address to the vendor only when the
 * shopper submits the newsletter form, never while typing.
 */
(function () {
  'use strict';
  var me = document.currentScript;
  var list = (me && me.getAttribute('data-list')) || 'news';
  var form = document.querySelector('form.newsletter');
  if (!form) return;
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var input = form.querySelector('input[type="email"]');
    fetch('https://api.lab-mail.example/v1/subscribe', {
      method: 'POST',
      mode: 'cors',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ list: list, email: input.value })
    }).then(function () {
      form.textContent = 'Thank you for subscribing.';
    }).catch(function () {});
  });
})();
