// The crawler's instrumentation, core part. The files of this folder are
// joined in name order into the body of one function that runs in every
// document and worker before the page's own scripts, and reports through a
// DevTools binding whose name the crawler passes in. It keeps every
// reference it needs from the start, so that a page that later replaces
// JSON, Error or the binding cannot blind it, and it leaves no global
// behind. The crawler closes the function after the last file.
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
  var isArray = Array.isArray;
  var objectKeys = Object.keys;
  var join = Array.prototype.join;

  // encode writes a record as JSON without JSON.stringify's hooks: a page
  // that defines toJSON on Array or Object prototypes (as Prototype.js
  // did) would otherwise reshape every record we send. Only what records
  // hold is handled: strings, numbers, booleans, null, arrays and plain
  // objects.
  function encode(v) {
    if (v === null || v === undefined) {
      return 'null';
    }
    switch (typeof v) {
      case 'string':
        return stringify(String(v));
      case 'number':
        return isFinite(v) ? String(v) : 'null';
      case 'boolean':
        return v ? 'true' : 'false';
    }
    var parts = [];
    if (isArray(v)) {
      for (var i = 0; i < v.length; i++) {
        parts[parts.length] = encode(v[i]);
      }
      return '[' + join.call(parts, ',') + ']';
    }
    var keys = objectKeys(v);
    for (var k = 0; k < keys.length; k++) {
      if (v[keys[k]] !== undefined && typeof v[keys[k]] !== 'function') {
        parts[parts.length] = stringify(keys[k]) + ':' + encode(v[keys[k]]);
      }
    }
    return '{' + join.call(parts, ',') + '}';
  }
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

  // report sends one record to the crawler, naming the document or worker
  // it comes from. The location is read when reporting, never while the
  // script is injected: touching a worker's location before the worker
  // has started deadlocks its renderer.
  function report(record) {
    try {
      record.frame = String(g.location.href);
      send(encode(record));
    } catch (e) {}
  }

  // Wrapped functions must look native to a page that checks them with
  // Function.prototype.toString, so that our hooks change nothing a page
  // can see. disguise records the original each wrapper stands for; the
  // toString that serves it is installed with the fingerprinting hooks.
  //
  // A page can hand a function of one frame to the toString of another
  // frame of the same origin, so such frames share one map: a frame asks
  // its parent's toString for it, passing the binding's name, which only
  // our code knows and a native toString ignores.
  var originals = null;
  try {
    var up = g.parent;
    if (up && up !== g) {
      var upProto = up.Function.prototype;
      var shared = Reflect.apply(upProto.toString, upProto, [bindingName]);
      if (shared instanceof up.WeakMap) {
        originals = shared;
      }
    }
  } catch (e) {}
  if (originals === null) {
    originals = new WeakMap();
  }

  function disguise(wrapper, original) {
    originals.set(wrapper, original);
    try {
      Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true });
      Object.defineProperty(wrapper, 'length', { value: original.length, configurable: true });
    } catch (e) {}
    return wrapper;
  }

  function siteURL(s) {
    return s.getScriptNameOrSourceURL() || s.getFileName() || '';
  }

  // hide removes our frames from an error that a wrapped original threw,
  // so that the page sees the stack a native call would have given. The
  // page's own formatter, if any, gets the call sites without ours.
  function hide(err) {
    if (!err || typeof err !== 'object') {
      return err;
    }
    var prepare = ErrorCtor.prepareStackTrace;
    try {
      ErrorCtor.prepareStackTrace = function (e, list) {
        var kept = [];
        for (var i = 0; i < list.length; i++) {
          if (siteURL(list[i]) !== OWN) {
            kept[kept.length] = list[i];
          }
        }
        if (typeof prepare === 'function') {
          return prepare(e, kept);
        }
        var text = '';
        try {
          text = String(e);
        } catch (x) {}
        for (var j = 0; j < kept.length; j++) {
          text += '\n    at ' + kept[j];
        }
        return text;
      };
      void err.stack;
    } catch (e) {
    } finally {
      try {
        ErrorCtor.prepareStackTrace = prepare;
      } catch (e) {}
    }
    return err;
  }

  // callThrough calls a wrapped original as the page called the wrapper.
  // What it throws carries no frame of ours.
  var reflectApply = Reflect.apply;
  function callThrough(original, self, args) {
    try {
      return reflectApply(original, self, args);
    } catch (e) {
      throw hide(e);
    }
  }

  // hookSetter wraps the setter of an accessor property of proto, calling
  // before(value) first. It reports whether the hook is in place.
  function hookSetter(proto, name, before) {
    var desc = proto && Object.getOwnPropertyDescriptor(proto, name);
    if (!desc || !desc.set) {
      return false;
    }
    var set = desc.set;
    var wrapper = {
      set(value) {
        try {
          before(value, this);
        } catch (e) {}
        return callThrough(set, this, [value]);
      },
    }.set;
    Object.defineProperty(proto, name, {
      configurable: desc.configurable,
      enumerable: desc.enumerable,
      get: desc.get,
      set: disguise(wrapper, set),
    });
    return true;
  }

