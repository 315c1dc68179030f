/*
 * Lab Forms - form-abandonment capture.
 *
 * LAB-WRITTEN: part of the exposure retail lab, no vendor's code (no
 * form-abandonment vendor publishes its full script on npm). It works as
 * such scripts do: it listens to typing in the page's lead forms (every
 * form that posts, except search) and, shortly after the shopper pauses or
 * leaves a field, posts what was typed so far, compressed with the real
 * lz-string library (compressToBase64), so that a shopper who never submits
 * can still be contacted. Password fields are skipped. Nothing waits for a
 * submit.
 */
(function () {
  'use strict';
  var me = document.currentScript;
  var site = (me && me.getAttribute('data-site')) || location.hostname;
  var endpoint = 'https://api.lab-forms.example/v2/capture';
  var timer = 0;
  var lastSent = '';

  function tracked(el) {
    var form = el && el.form;
    if (!form || (form.getAttribute('method') || '').toLowerCase() !== 'post') return false;
    if (form.getAttribute('role') === 'search') return false;
    var type = (el.type || '').toLowerCase();
    return el.tagName === 'TEXTAREA' ||
      (el.tagName === 'INPUT' && ['password', 'hidden', 'submit', 'button'].indexOf(type) < 0);
  }

  function capture() {
    var forms = [];
    Array.prototype.forEach.call(document.forms, function (form, i) {
      var fields = {};
      var any = false;
      Array.prototype.forEach.call(form.elements, function (el) {
        if (tracked(el) && el.value) {
          fields[el.name || el.id || ('field' + i)] = el.value;
          any = true;
        }
      });
      if (any) forms.push({ form: form.getAttribute('action') || ('#' + i), fields: fields });
    });
    return forms;
  }

  function send() {
    clearTimeout(timer);
    var forms = capture();
    if (!forms.length || !window.LZString) return;
    var payload = JSON.stringify({ site: site, page: location.pathname, forms: forms });
    if (payload === lastSent) return;
    lastSent = payload;
    fetch(endpoint, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      keepalive: true,
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: window.LZString.compressToBase64(payload)
    }).catch(function () {});
  }

  document.addEventListener('input', function (ev) {
    if (!tracked(ev.target)) return;
    clearTimeout(timer);
    timer = setTimeout(send, 800);
  }, true);
  document.addEventListener('focusout', function (ev) {
    if (tracked(ev.target)) send();
  }, true);
  window.addEventListener('pagehide', send);
})();
