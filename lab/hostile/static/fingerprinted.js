/* Lab-written first-party script of the hostile sites of the exposure
   retail lab. hostileLab.fingerprint() takes the visitor's fingerprint with
   FingerprintJS, which the page loads before this file, and keeps the id on
   the page. hostileLab.then(next, fallbackMs) runs what the page does next,
   once: after the fingerprint is taken, or fallbackMs after the load event
   when the fingerprint never comes. */
var hostileLab = (function () {
  function fingerprint() {
    return FingerprintJS.load()
      .then(function (fp) { return fp.get(); })
      .then(function (result) {
        document.documentElement.dataset.visitor = result.visitorId;
      });
  }

  function then(next, fallbackMs) {
    var done = false;
    function once() {
      if (!done) {
        done = true;
        next();
      }
    }
    fingerprint().then(once, once);
    addEventListener('load', function () { setTimeout(once, fallbackMs); });
  }

  return { fingerprint: fingerprint, then: then };
})();
