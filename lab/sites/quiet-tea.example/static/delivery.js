// LAB-WRITTEN: Quiet Tea's dispatch note. It reads the shopper's time zone
// to say, in local time, until when an order leaves the same day. This is
// a control: reading the time zone to show delivery times must not be
// reported as fingerprinting.
(function () {
  'use strict';
  var note = document.getElementById('delivery-note');
  if (!note) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  // The shop packs until 14:00 UTC.
  var cutoff = new Date();
  cutoff.setUTCHours(14, 0, 0, 0);
  var offset = -cutoff.getTimezoneOffset();
  var local = cutoff.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  note.textContent = 'Order before ' + local + ' (' + zone + ', UTC' +
    (offset >= 0 ? '+' : '') + offset / 60 + ') for dispatch today.';
})();
