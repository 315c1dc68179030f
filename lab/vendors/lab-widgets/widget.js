/*
 * Lab Widgets live chat - loader.
 *
 * LAB-WRITTEN: this widget is part of the exposure retail lab and is no
 * vendor's code. No live-chat widget publishes its full code on npm, so the
 * lab has its own, built the way hosted chat widgets work: this loader runs
 * in the shop's page, adds a launcher button, and embeds the chat panel as
 * an iframe from the vendor's host. The panel streams the shopper's draft
 * to the vendor over a WebSocket while it is being typed ("typing
 * preview"), before the shopper presses Send.
 */
(function () {
  'use strict';
  var me = document.currentScript;
  if (!me || window.__labWidgetsLoaded) return;
  window.__labWidgetsLoaded = true;
  var site = me.getAttribute('data-site') || location.hostname;
  var origin = new URL(me.src).origin;

  var frame = document.createElement('iframe');
  frame.id = 'lw-frame';
  frame.title = 'Chat with us';
  frame.src = origin + '/v1/frame.html?site=' + encodeURIComponent(site);
  frame.style.cssText = 'position:fixed;right:16px;bottom:72px;width:320px;height:380px;' +
    'border:1px solid #ccc;border-radius:8px;background:#fff;z-index:2147483000;display:none';

  var launcher = document.createElement('button');
  launcher.id = 'lw-launcher';
  launcher.type = 'button';
  launcher.textContent = 'Chat with us';
  launcher.setAttribute('aria-controls', 'lw-frame');
  launcher.setAttribute('aria-expanded', 'false');
  launcher.style.cssText = 'position:fixed;right:16px;bottom:16px;padding:12px 18px;' +
    'border:0;border-radius:24px;background:#3b5bdb;color:#fff;font:600 14px sans-serif;' +
    'cursor:pointer;z-index:2147483001';

  launcher.addEventListener('click', function () {
    var open = frame.style.display === 'none';
    frame.style.display = open ? 'block' : 'none';
    launcher.setAttribute('aria-expanded', String(open));
    if (open && frame.contentWindow) frame.contentWindow.postMessage({ lw: 'open' }, origin);
  });

  function mount() {
    document.body.appendChild(frame);
    document.body.appendChild(launcher);
  }
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
})();
