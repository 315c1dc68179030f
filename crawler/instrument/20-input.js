  // Typing: who listens to keys and field changes, who reads field values,
  // and whether the page submits a form although the crawler never does.

  var keyEvents = {
    keydown: 1, keyup: 1, keypress: 1, input: 1, beforeinput: 1, change: 1, paste: 1,
    focus: 1, blur: 1, focusin: 1, focusout: 1, submit: 1,
  };

  // listenerTarget names an event target worth reporting: a field, a
  // form, the body, the document or the window; '' for anything else.
  function listenerTarget(t) {
    if (t === g) {
      return 'window';
    }
    if (typeof Document === 'function' && t instanceof Document) {
      return 'document';
    }
    if (!t || t.nodeType !== 1) {
      return '';
    }
    if (t.localName === 'body' || t.localName === 'form' || isField(t)) {
      return cssPath(t);
    }
    return '';
  }

  function reportListener(type, target) {
    var name = listenerTarget(target);
    if (!name) {
      return;
    }
    var kind = fieldKind(target);
    if (!kind) {
      kind = target && target.localName === 'form' ? 'form' : name;
    }
    report({ kind: 'listener', value: String(type), target: name, field_kind: kind, stack: stack() });
  }

  if (typeof EventTarget === 'function') {
    var addListener = EventTarget.prototype.addEventListener;
    var wrappedAdd = {
      addEventListener(type, listener) {
        try {
          if (keyEvents[type] === 1 && listener) {
            reportListener(type, this);
          }
        } catch (e) {}
        return callThrough(addListener, this, arguments);
      },
    }.addEventListener;
    EventTarget.prototype.addEventListener = disguise(wrappedAdd, addListener);
  }

  // on<event> properties register listeners too.
  var handlerOwners = [
    typeof HTMLElement === 'function' && HTMLElement.prototype,
    typeof Document === 'function' && Document.prototype,
    typeof Window === 'function' && Window.prototype,
  ];
  for (var type in keyEvents) {
    for (var i = 0; i < handlerOwners.length; i++) {
      (function (type, proto) {
        hookSetter(proto, 'on' + type, function (value, target) {
          if (typeof value === 'function') {
            reportListener(type, target);
          }
        });
      })(type, handlerOwners[i]);
    }
  }

  // Form submissions the page makes itself, by script or by the browser's
  // default action.
  if (typeof HTMLFormElement === 'function') {
    var formProto = HTMLFormElement.prototype;
    ['submit', 'requestSubmit'].forEach(function (name) {
      var original = formProto[name];
      if (typeof original !== 'function') {
        return;
      }
      var wrapper = {
        f() {
          try {
            report({
              kind: 'submit', value: name === 'submit' ? 'submit' : 'request_submit',
              target: cssPath(this), stack: stack(),
            });
          } catch (e) {}
          return callThrough(original, this, arguments);
        },
      }.f;
      formProto[name] = disguise(wrapper, original);
    });
    addListener.call(g, 'submit', function (ev) {
      report({ kind: 'submit', value: 'submit', target: cssPath(ev.target), stack: [] });
    }, true);
  }

  // Reads of a field's value, counted per field and calling place, and
  // flushed now and then: frameworks read values constantly.
  var valueReads = {};
  var valueReadKeys = 0;
  function countRead(el) {
    var frames = stack();
    var top = frames.length ? frames[0] : { url: '', line: 0, column: 0 };
    var key = cssPath(el) + '|' + top.url + ':' + top.line + ':' + top.column;
    var entry = valueReads[key];
    if (!entry) {
      if (valueReadKeys >= 500) {
        return;
      }
      valueReadKeys++;
      entry = valueReads[key] = {
        api: el.localName === 'textarea' ? 'HTMLTextAreaElement.value' : 'HTMLInputElement.value',
        args: cssPath(el), count: 0, stack: frames.slice(0, 8),
        extra: { field_kind: fieldKind(el) },
      };
    }
    entry.count++;
  }
  function flushReads() {
    var calls = [];
    for (var k in valueReads) {
      if (valueReads[k].count > 0) {
        calls.push(valueReads[k]);
        valueReads[k] = { api: valueReads[k].api, args: valueReads[k].args, count: 0,
          stack: valueReads[k].stack, extra: valueReads[k].extra };
      }
    }
    if (calls.length) {
      report({ kind: 'calls', calls: calls });
    }
  }
  [typeof HTMLInputElement === 'function' && HTMLInputElement.prototype,
    typeof HTMLTextAreaElement === 'function' && HTMLTextAreaElement.prototype,
  ].forEach(function (proto) {
    var desc = proto && Object.getOwnPropertyDescriptor(proto, 'value');
    if (!desc || !desc.get) {
      return;
    }
    var get = desc.get;
    var wrapper = {
      get value() {
        try {
          if (isField(this)) {
            countRead(this);
          }
        } catch (e) {}
        return callThrough(get, this, []);
      },
    };
    var getter = Object.getOwnPropertyDescriptor(wrapper, 'value').get;
    Object.defineProperty(proto, 'value', {
      configurable: desc.configurable, enumerable: desc.enumerable,
      get: disguise(getter, get), set: desc.set,
    });
  });
  if (typeof setInterval === 'function') {
    setInterval(flushReads, 500);
  }
  if (typeof Document === 'function') {
    addListener.call(g, 'pagehide', flushReads, true);
    addListener.call(g.document, 'visibilitychange', flushReads, true);
  }

  // Storage writes: a typed value kept in localStorage or sessionStorage
  // stays with the shopper's browser for any script to collect later.
  if (typeof Storage === 'function') {
    var setItem = Storage.prototype.setItem;
    var wrappedSetItem = {
      setItem(key, value) {
        try {
          var area = this === g.sessionStorage ? 'session' : 'local';
          report({
            kind: 'storage', value: String(key), body: String(value).slice(0, 65536),
            target: area, stack: stack(),
          });
        } catch (e) {}
        return callThrough(setItem, this, arguments);
      },
    }.setItem;
    Storage.prototype.setItem = disguise(wrappedSetItem, setItem);
  }

