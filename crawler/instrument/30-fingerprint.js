  // Fingerprinting surface, common part: the call counter and the hook
  // helpers that the 3x files use. Every call or read of the surface is
  // counted per API, argument summary and calling place, and flushed in
  // batches (kind "calls"); hooks that could not be installed are reported
  // once (kind "hooks"). Everything lives in fpkit, the one name these
  // files add to the shared scope.
  var fpkit = (function () {
    var uncurry = Function.prototype.bind.bind(Function.prototype.call);
    var apply = Reflect.apply;
    var construct = Reflect.construct;
    var getDesc = Object.getOwnPropertyDescriptor;
    var define = Object.defineProperty;
    var MapCtor = Map;
    var mapGet = uncurry(Map.prototype.get);
    var mapSet = uncurry(Map.prototype.set);
    var weakGet = uncurry(WeakMap.prototype.get);
    var weakSet = uncurry(WeakMap.prototype.set);
    var strSlice = uncurry(String.prototype.slice);
    // A worker's timers do not exist yet while the worker waits to start;
    // they are taken at first use there.
    var later = g.setTimeout;
    var ProxyCtor = Proxy;
    var PromiseCtor = Promise;
    var promiseThen = uncurry(Promise.prototype.then);
    var isWorker = typeof WorkerGlobalScope === 'function' && g instanceof WorkerGlobalScope;
    var realm = Math.random().toString(36).slice(2, 6);

    // The calling place is the first frame that is not ours. Frames are
    // read as V8 call sites under our own formatter and limit, whatever the
    // page set, and restored at once.
    function keepSites(_, sites) {
      return sites;
    }
    function sites() {
      var prepare = ErrorCtor.prepareStackTrace;
      var limit = ErrorCtor.stackTraceLimit;
      var out = null;
      try {
        ErrorCtor.stackTraceLimit = 12;
        ErrorCtor.prepareStackTrace = keepSites;
        var holder = {};
        capture(holder, sites);
        out = holder.stack;
      } catch (e) {
      } finally {
        try {
          ErrorCtor.prepareStackTrace = prepare;
          ErrorCtor.stackTraceLimit = limit;
        } catch (e) {}
      }
      return typeof out === 'object' && out ? out : [];
    }
    function frames(list, first) {
      var out = [];
      for (var i = first; i < list.length && out.length < 8; i++) {
        var s = list[i];
        var url = siteURL(s);
        if (url === OWN) {
          continue;
        }
        var f = {
          url: url,
          function: s.getFunctionName() || '',
          line: (s.getLineNumber() || 1) - 1,
          column: (s.getColumnNumber() || 1) - 1,
        };
        // The hash names code without a URL of its own (inline, eval),
        // as DevTools' scriptParsed reports it.
        if (out.length === 0 && typeof s.getScriptHash === 'function') {
          try {
            f.hash = s.getScriptHash() || '';
          } catch (e) {}
        }
        out[out.length] = f;
      }
      return out;
    }

    // Calls are counted per key until the next flush. A page that calls in
    // an endless loop from ever new places fills maxKeys, after which new
    // places are counted under their API alone.
    var maxKeys = 4000;
    var entries = new MapCtor();
    var keys = 0;
    var dirty = [];
    var timer = false;
    var failed = [];
    var busy = false;

    function note(api, args, extra) {
      if (busy) {
        return;
      }
      busy = true;
      try {
        count(api, args === undefined ? '' : String(args), extra);
      } catch (e) {
      } finally {
        busy = false;
      }
    }
    function count(api, args, extra) {
      var list = sites();
      var top = -1;
      for (var i = 0; i < list.length; i++) {
        if (siteURL(list[i]) !== OWN) {
          top = i;
          break;
        }
      }
      var place = top < 0 ? '' : siteURL(list[top]) + ':' + list[top].getLineNumber() + ':' +
        list[top].getColumnNumber();
      var key = api + '\u0001' + args + '\u0001' + place + '\u0001' +
        (extra ? extra.id || '' : '');
      var e = mapGet(entries, key);
      if (!e) {
        if (keys >= maxKeys) {
          key = api + '\u0001\u0001overflow';
          e = mapGet(entries, key);
          args = '';
        }
        if (!e) {
          keys++;
          e = { api: api, args: args, count: 0, stack: top < 0 ? [] : frames(list, top) };
          mapSet(entries, key, e);
        }
      }
      if (extra) {
        e.extra = extra;
      }
      if (e.count === 0) {
        dirty[dirty.length] = e;
      }
      e.count++;
      schedule();
    }

    // Frames without a document of their own (about:blank, about:srcdoc)
    // are often made for one measurement and removed at once, before any
    // timer fires: they flush as soon as the running task is over.
    var resolved = PromiseCtor.resolve();
    var transient = null;
    function schedule() {
      if (timer) {
        return;
      }
      timer = true;
      try {
        if (transient === null) {
          transient = !isWorker && strSlice(String(g.location.href), 0, 6) === 'about:';
        }
        if (transient) {
          promiseThen(resolved, flush);
          return;
        }
        later = later || g.setTimeout;
        apply(later, g, [flush, isWorker ? 250 : 500]);
      } catch (e) {
        timer = false;
      }
    }

    function flush() {
      timer = false;
      if (failed.length) {
        report({ kind: 'hooks', failed: failed });
        failed = [];
      }
      if (dirty.length === 0) {
        return;
      }
      var out = [];
      for (var i = 0; i < dirty.length; i++) {
        var e = dirty[i];
        out[i] = { api: e.api, args: e.args, count: e.count, stack: e.stack, extra: e.extra };
        e.count = 0;
      }
      dirty = [];
      report({ kind: 'calls', calls: out });
    }

    // clip shortens an argument summary.
    function clip(v, n) {
      var s;
      try {
        s = typeof v === 'string' ? v : String(v);
      } catch (e) {
        return typeof v;
      }
      return s.length > n ? strSlice(s, 0, n) + '…' : s;
    }

    function rethrowHidden(e) {
      throw hide(e);
    }

    // method replaces proto[name] with a wrapper that calls before(this,
    // args) first and after(result, this, args) once the original
    // returned. label names the hook in failure reports. It returns the
    // original, or null when proto has no such method.
    function method(proto, name, label, before, after) {
      var desc = proto && getDesc(proto, name);
      if (!desc || typeof desc.value !== 'function') {
        return null;
      }
      var original = desc.value;
      var wrapper = {
        [name]() {
          if (before) {
            try {
              before(this, arguments);
            } catch (e) {}
          }
          var result;
          try {
            result = apply(original, this, arguments);
          } catch (e) {
            throw hide(e);
          }
          if (after) {
            try {
              after(result, this, arguments);
            } catch (e) {}
          }
          // A rejection made while our frame was on the stack carries it.
          if (result instanceof PromiseCtor) {
            return promiseThen(result, undefined, rethrowHidden);
          }
          return result;
        },
      }[name];
      disguise(wrapper, original);
      try {
        define(proto, name, {
          value: wrapper, writable: desc.writable, enumerable: desc.enumerable,
          configurable: desc.configurable,
        });
      } catch (e) {}
      if (getDesc(proto, name).value !== wrapper) {
        failed[failed.length] = label;
        schedule();
      }
      return original;
    }

    // accessor wraps the getter and/or setter of obj[name]: onGet(this)
    // runs before a read, onSet(this, value) before a write.
    function accessor(obj, name, label, onGet, onSet) {
      var desc = obj && getDesc(obj, name);
      if (!desc || (!desc.get && !desc.set)) {
        return null;
      }
      var get = desc.get;
      var set = desc.set;
      var newGet = get;
      var newSet = set;
      if (onGet && get) {
        newGet = getDesc({
          get [name]() {
            try {
              onGet(this);
            } catch (e) {}
            try {
              return apply(get, this, []);
            } catch (e) {
              throw hide(e);
            }
          },
        }, name).get;
        disguise(newGet, get);
      }
      if (onSet && set) {
        newSet = getDesc({
          set [name](v) {
            try {
              onSet(this, v);
            } catch (e) {}
            try {
              apply(set, this, [v]);
            } catch (e) {
              throw hide(e);
            }
          },
        }, name).set;
        disguise(newSet, set);
      }
      try {
        define(obj, name, {
          get: newGet, set: newSet, enumerable: desc.enumerable, configurable: desc.configurable,
        });
      } catch (e) {}
      var now = getDesc(obj, name);
      if (!now || now.get !== newGet || now.set !== newSet) {
        failed[failed.length] = label;
        schedule();
      }
      return desc;
    }

    // getters counts reads of several accessors of one object under
    // prefix.name.
    function getters(obj, prefix, names) {
      for (var i = 0; i < names.length; i++) {
        (function (name) {
          var api = prefix + '.' + name;
          accessor(obj, name, api, function () {
            note(api);
          });
        })(names[i]);
      }
    }

    // constructor replaces owner[name], a constructor, with a proxy that
    // counts each construction under label with summarize(args). Aliases
    // holding the same constructor are replaced too.
    function constructor(owner, name, label, summarize, aliases) {
      var desc = owner && getDesc(owner, name);
      var Original = desc && desc.value;
      if (typeof Original !== 'function') {
        return null;
      }
      var proxy = new ProxyCtor(Original, {
        construct: function (target, args, newTarget) {
          note(label, summarize ? summarize(args) : '');
          try {
            return construct(target, args, newTarget === proxy ? target : newTarget);
          } catch (e) {
            throw hide(e);
          }
        },
      });
      originals.set(proxy, Original);
      var all = [name].concat(aliases || []);
      try {
        for (var i = 0; i < all.length; i++) {
          var d = getDesc(owner, all[i]);
          if (d && d.value === Original) {
            define(owner, all[i], {
              value: proxy, writable: d.writable, enumerable: d.enumerable,
              configurable: d.configurable,
            });
          }
        }
        var p = getDesc(Original.prototype, 'constructor');
        if (p && p.value === Original) {
          define(Original.prototype, 'constructor', {
            value: proxy, writable: p.writable, enumerable: p.enumerable,
            configurable: p.configurable,
          });
        }
      } catch (e) {}
      if (getDesc(owner, name).value !== proxy) {
        failed[failed.length] = label;
        schedule();
      }
      return Original;
    }

    // state keeps facts about objects (canvases, contexts) that the page
    // cannot see, with a short id unique to this document or worker.
    var states = new WeakMap();
    var nextID = 0;
    function state(obj, make) {
      var s = weakGet(states, obj);
      if (!s && make && obj && (typeof obj === 'object' || typeof obj === 'function')) {
        s = { id: realm + ':' + (++nextID) };
        weakSet(states, obj, s);
      }
      return s;
    }
    function link(obj, s) {
      if (obj && s) {
        weakSet(states, obj, s);
      }
    }

    // owner returns the object of obj's prototype chain that holds name.
    function owner(obj, name) {
      for (var o = obj; o; o = Object.getPrototypeOf(o)) {
        if (getDesc(o, name)) {
          return o;
        }
      }
      return null;
    }

    // Function.prototype.toString itself must pass the checks it serves:
    // no prototype, not constructible, and none of our frames in the error
    // it throws for a receiver that is not a function. Called with the
    // binding's name, it hands the map of originals to a child frame.
    var nativeToString = Function.prototype.toString;
    var sourceOf = {
      toString() {
        if (arguments.length === 1 && arguments[0] === bindingName) {
          return originals;
        }
        var original = originals.get(this);
        try {
          return apply(nativeToString, typeof original === 'function' ? original : this, []);
        } catch (e) {
          throw hide(e);
        }
      },
    }.toString;
    originals.set(sourceOf, nativeToString);
    try {
      define(Function.prototype, 'toString', {
        value: sourceOf, writable: true, enumerable: false, configurable: true,
      });
    } catch (e) {
      failed[failed.length] = 'Function.prototype.toString';
    }

    // Records still counted are sent when the document is left, as the
    // page's own trackers do.
    if (!isWorker && typeof EventTarget === 'function' && g.document) {
      var add = EventTarget.prototype.addEventListener;
      add = originals.get(add) || add;
      try {
        apply(add, g, ['pagehide', flush, true]);
        apply(add, g.document, ['visibilitychange', function () {
          if (g.document.visibilityState === 'hidden') {
            flush();
          }
        }, true]);
      } catch (e) {}
    }

    return {
      note: note, clip: clip, method: method, accessor: accessor, getters: getters,
      constructor: constructor, state: state, link: link, apply: apply, getDesc: getDesc,
      uncurry: uncurry, owner: owner, original: function (fn) {
        return originals.get(fn) || fn;
      },
    };
  })();
