/*
 * Lab Widgets live chat - panel.
 *
 * LAB-WRITTEN: part of the exposure retail lab, no vendor's code. It works
 * as hosted chat panels with a typing preview do: every change to the draft
 * is sent over the vendor's WebSocket as {"type":"typing","draft":...}
 * before the shopper presses Send, so that agents can read along; a sent
 * message goes as {"type":"message","text":...}.
 */
(function () {
  'use strict';
  var site = new URLSearchParams(location.search).get('site') || '';
  var input = document.getElementById('lw-input');
  var form = document.getElementById('lw-form');
  var log = document.getElementById('lw-log');
  var pending = [];
  var ws = new WebSocket('wss://' + location.host + '/v1/ws?site=' + encodeURIComponent(site));

  ws.addEventListener('open', function () {
    while (pending.length) ws.send(pending.shift());
  });
  ws.addEventListener('message', function (ev) {
    var msg = JSON.parse(ev.data);
    if (msg.type === 'reply') say('agent', msg.text);
  });

  function send(msg) {
    var data = JSON.stringify(msg);
    if (ws.readyState === WebSocket.OPEN) ws.send(data); else pending.push(data);
  }

  function say(who, text) {
    var li = document.createElement('li');
    li.className = who;
    li.textContent = text;
    log.appendChild(li);
    log.scrollTop = log.scrollHeight;
  }

  function submit() {
    var text = input.value.trim();
    if (!text) return;
    send({ type: 'message', site: site, text: text });
    say('you', text);
    input.value = '';
  }

  // The typing preview: the draft leaves on every keystroke.
  input.addEventListener('input', function () {
    send({ type: 'typing', site: site, draft: input.value });
  });
  input.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && !ev.shiftKey) {
      ev.preventDefault();
      submit();
    }
  });
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    submit();
  });
  window.addEventListener('message', function (ev) {
    if (ev.data && ev.data.lw === 'open') input.focus();
  });
})();
