/*
 * FreshBasket's session-replay glue. LAB-WRITTEN for the exposure retail
 * lab: rrweb records the page (input values unmasked, its default) but has
 * no sender, so this glue does what a replay vendor's glue does: it keeps
 * rrweb's events and posts them in batches to the replay collector, every
 * two seconds and when the page is hidden.
 */
(function () {
  'use strict';
  if (!window.rrweb || !window.rrweb.record) return;
  var endpoint = 'https://ingest.lab-replay.example/v1/batch';
  var session = sessionStorage.getItem('fb_replay_session');
  if (!session) {
    session = Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
    sessionStorage.setItem('fb_replay_session', session);
  }
  var events = [];

  window.rrweb.record({ emit: function (event) { events.push(event); } });

  function flush(leaving) {
    if (events.length === 0) return;
    var body = JSON.stringify({ session: session, page: location.href, events: events.splice(0) });
    if (leaving && navigator.sendBeacon) {
      navigator.sendBeacon(endpoint, body);
      return;
    }
    fetch(endpoint, { method: 'POST', body: body, keepalive: body.length < 60000 })
      .catch(function () {});
  }

  setInterval(flush, 2000);
  addEventListener('pagehide', function () { flush(true); });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') flush(true);
  });
})();
