/* Lab-written first-party script of the exposure retail lab's
   detects-headless site: a bot check of the kind shops put in front of
   their trackers and offers. A browser that looks automated gets an
   "access denied" page and no trackers; any other browser gets
   FingerprintJS, and Snowplow with form tracking. What the check saw is
   kept on <html data-bot-signals>. */
(function () {
  var nav = navigator;
  var signals = [];
  if (nav.webdriver) {
    signals.push('webdriver');
  }
  if (/HeadlessChrome/.test(nav.userAgent)) {
    signals.push('user-agent');
  }
  var brands = (nav.userAgentData && nav.userAgentData.brands) || [];
  if (brands.some(function (b) { return /Headless/i.test(b.brand); })) {
    signals.push('brands');
  }
  if (!window.chrome) {
    signals.push('no-window-chrome');
  }
  if (!nav.plugins || nav.plugins.length === 0) {
    signals.push('no-plugins');
  }
  if (!nav.languages || nav.languages.length === 0) {
    signals.push('no-languages');
  }
  if (window.outerWidth === 0 || window.outerHeight === 0) {
    signals.push('no-window');
  }

  var root = document.documentElement;
  root.dataset.botSignals = signals.join(' ') || 'none';
  if (signals.length > 0) {
    root.dataset.verdict = 'bot';
    document.addEventListener('DOMContentLoaded', function () {
      document.querySelector('main').innerHTML =
        '<h1>Access denied</h1><p>Automated browsing is not allowed here.</p>';
    });
    return;
  }
  root.dataset.verdict = 'human';

  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }
  var snowplow = 'https://cdn.jsdelivr.net/npm/@snowplow/';
  load('https://openfpcdn.io/fingerprintjs/v5/iife.min.js')
    .then(function () { return load('/static/fingerprinted.js'); })
    .then(function () { return hostileLab.fingerprint(); });
  load(snowplow + 'browser-tracker@4.6.8/dist/index.umd.min.js')
    .then(function () {
      return load(snowplow + 'browser-plugin-form-tracking@4.6.8/dist/index.umd.min.js');
    })
    .then(function () {
      snowplowBrowserTracking.newTracker('sp',
        'https://com-detects-headless-prod1.collector.snplow.net', {
          appId: 'detects-headless-web',
          platform: 'web',
          plugins: [snowplowFormTracking.FormTrackingPlugin()]
        });
      snowplowBrowserTracking.trackPageView();
      snowplowFormTracking.enableFormTracking();
    });
})();
