// The crawler's instrumentation. It runs in every document and worker before
// the page's own scripts, and reports through a DevTools binding whose name
// the crawler passes in. It keeps every reference it needs from the start,
// so that a page that later replaces JSON, Error or the binding cannot blind
// it, and it leaves no global behind.
(function (bindingName) {
  'use strict';
  var g = globalThis;
  var send = g[bindingName];
  if (typeof send !== 'function') {
    return;
  }
  try {
    delete g[bindingName];
  } catch (e) {}

  var stringify = JSON.stringify;
  var ErrorCtor = Error;
  var capture = ErrorCtor.captureStackTrace;
  var OWN = 'exposure://instrument.js';

  // stack returns the calling JavaScript frames, outermost last, without
  // our own. It sets its own stack limit and formatter for the moment it
  // needs them, so a page that changed Error.stackTraceLimit or
  // Error.prepareStackTrace does not change what we see.
  function stack() {
    var prepare = ErrorCtor.prepareStackTrace;
    var limit = ErrorCtor.stackTraceLimit;
    var frames = [];
    try {
      ErrorCtor.stackTraceLimit = 50;
      ErrorCtor.prepareStackTrace = function (_, sites) {
        return sites;
      };
      var holder = {};
      capture(holder, stack);
      var sites = holder.stack;
      for (var i = 0; i < sites.length; i++) {
        var s = sites[i];
        var url = s.getScriptNameOrSourceURL() || s.getFileName() || '';
        if (url === OWN) {
          continue;
        }
        frames.push({
          url: url,
          function: s.getFunctionName() || '',
          line: (s.getLineNumber() || 1) - 1,
          column: (s.getColumnNumber() || 1) - 1,
        });
      }
    } catch (e) {
    } finally {
      ErrorCtor.prepareStackTrace = prepare;
      ErrorCtor.stackTraceLimit = limit;
    }
    return frames;
  }

  function report(record) {
    try {
      send(stringify(record));
    } catch (e) {}
  }

  // document.cookie writes name the script that set a cookie.
  if (typeof Document === 'function') {
    var desc = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    if (desc && desc.set) {
      var setCookie = desc.set;
      Object.defineProperty(Document.prototype, 'cookie', {
        configurable: true,
        enumerable: desc.enumerable,
        get: desc.get,
        set: function (value) {
          report({ kind: 'cookie', value: String(value), stack: stack() });
          return setCookie.call(this, value);
        },
      });
    }
  }
})(BINDING_NAME);
//# sourceURL=exposure://instrument.js
