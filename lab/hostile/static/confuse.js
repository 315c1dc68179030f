/* Lab-written first-party script of the exposure retail lab's
   confuses-instrumentation site. It does to the browser's built-ins what
   some sites' own code, old libraries and anti-bot scripts do, all at
   once, so that instrumentation that trusts them breaks. The site's
   trackers run after it as usual. What it did is kept on
   <html data-confused>. */
(function () {
  var root = document.documentElement;
  var done = [];

  // addEventListener from a fresh frame: wrappers put on this window's
  // EventTarget.prototype no longer see the listeners.
  try {
    var frame = document.createElement('iframe');
    frame.style.display = 'none';
    root.appendChild(frame);
    var pristine = frame.contentWindow.EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function addEventListener(type, fn, options) {
      return pristine.call(this, type, fn, options);
    };
    done.push('addEventListener');
  } catch (e) {}

  // Every function claims to be native code.
  Function.prototype.toString = function toString() {
    return 'function ' + (this.name || '') + '() { [native code] }';
  };
  done.push('toString');

  // The console says nothing.
  ['assert', 'clear', 'count', 'countReset', 'debug', 'dir', 'dirxml', 'error', 'group',
    'groupCollapsed', 'groupEnd', 'info', 'log', 'table', 'time', 'timeEnd', 'timeLog',
    'timeStamp', 'trace', 'warn'].forEach(function (k) {
    console[k] = function () {};
  });
  done.push('console');

  // Stacks are hidden.
  Error.prepareStackTrace = function () { return 'stack hidden'; };
  Error.stackTraceLimit = 0;
  done.push('stacks');

  // Globals that look like automation hooks are blanked.
  var hook = /^(__|\$?cdc_|_?selenium|_?webdriver|callPhantom|_phantom|domAutomation)/;
  Object.getOwnPropertyNames(window).forEach(function (name) {
    if (hook.test(name)) {
      try {
        window[name] = undefined;
      } catch (e) {}
    }
  });
  done.push('hooks');

  // After load, JSON.stringify is replaced, and arrays serialise as JSON
  // strings the way Prototype.js's Array#toJSON made them.
  addEventListener('load', function () {
    var realStringify = JSON.stringify;
    JSON.stringify = function stringify(value, replacer, space) {
      return realStringify.call(JSON, value, replacer, space);
    };
    Array.prototype.toJSON = function () {
      return '[' + Array.prototype.map.call(this, function (v) {
        return v === undefined ? 'null' : realStringify.call(JSON, v);
      }).join(',') + ']';
    };
    done.push('json');
    root.dataset.confused = done.join(' ');
  });
  root.dataset.confused = done.join(' ');
})();
