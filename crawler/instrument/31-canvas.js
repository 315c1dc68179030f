  // Canvas 2D, in documents (HTMLCanvasElement) and workers
  // (OffscreenCanvas). Drawing text, setting fonts and colours, measuring
  // text and reading pixels back are counted; each canvas keeps what was
  // done to it (text, colours, images drawn, save/restore, listeners), and
  // a read-back carries that state with the canvas's size, so that a
  // detector can tell a fingerprint from an editor or a chart.
  (function () {
    var fp = fpkit;
    var getDesc = fp.getDesc;
    var uncurry = fp.uncurry;
    var toTag = uncurry(Object.prototype.toString);
    var connectedGet = typeof Node === 'function' && getDesc(Node.prototype, 'isConnected');
    connectedGet = connectedGet && connectedGet.get;

    function getterOf(proto, name) {
      var d = proto && getDesc(proto, name);
      return d && d.get ? uncurry(d.get) : null;
    }

    // canvasState returns the state of a canvas, made on first use.
    function canvasState(canvas) {
      var st = fp.state(canvas, true);
      if (st && !st.canvas) {
        st.canvas = canvas;
        st.text = 0;
        st.colours = {};
        st.ncolours = 0;
        st.kind = '';
      }
      return st;
    }

    // readExtra describes a canvas at the moment it is read back.
    function readExtra(canvas, st, widthGet, heightGet, type) {
      var x = {
        id: st.id, context: st.kind || 'none', text: String(st.text),
        colours: String(st.ncolours), type: type || 'image/png',
      };
      try {
        x.width = String(widthGet(canvas));
        x.height = String(heightGet(canvas));
      } catch (e) {}
      if (st.image) {
        x.image = '1';
      }
      if (st.saves) {
        x.save_restore = '1';
      }
      if (st.listens) {
        x.listener = '1';
      }
      if (connectedGet) {
        try {
          x.connected = fp.apply(connectedGet, canvas, []) ? '1' : '0';
        } catch (e) {}
      }
      return x;
    }

    // Elements: getContext ties a context to its canvas; toDataURL and
    // toBlob read it back.
    function canvasElement(Ctor, name) {
      if (typeof Ctor !== 'function') {
        return;
      }
      var proto = Ctor.prototype;
      var widthGet = getterOf(proto, 'width');
      var heightGet = getterOf(proto, 'height');
      fp.method(proto, 'getContext', name + '.getContext', null, function (ctx, canvas, args) {
        if (!ctx) {
          return;
        }
        var st = canvasState(canvas);
        st.kind = fp.clip(args[0], 30);
        fp.link(ctx, st);
        fp.note(name + '.getContext', st.kind, { id: st.id });
      });
      var read = function (api, typeArg) {
        return function (canvas, args) {
          var st = canvasState(canvas);
          var type = typeArg(args);
          var x = readExtra(canvas, st, widthGet, heightGet, type);
          fp.note(api, type + ' ' + x.width + 'x' + x.height, x);
        };
      };
      fp.method(proto, 'toDataURL', name + '.toDataURL', read(name + '.toDataURL', function (a) {
        return a.length > 0 && a[0] !== undefined ? fp.clip(a[0], 30) : 'image/png';
      }));
      fp.method(proto, 'toBlob', name + '.toBlob', read(name + '.toBlob', function (a) {
        return a.length > 1 && a[1] !== undefined ? fp.clip(a[1], 30) : 'image/png';
      }));
      fp.method(proto, 'convertToBlob', name + '.convertToBlob',
        read(name + '.convertToBlob', function (a) {
          var o = a[0];
          var given = o && typeof o === 'object' && o.type !== undefined;
          return given ? fp.clip(o.type, 30) : 'image/png';
        }));
    }
    canvasElement(g.HTMLCanvasElement, 'HTMLCanvasElement');
    canvasElement(g.OffscreenCanvas, 'OffscreenCanvas');

    // Contexts: what is drawn, with which fonts and colours, and what is
    // read back.
    function context2D(Ctor, name) {
      if (typeof Ctor !== 'function') {
        return;
      }
      var proto = Ctor.prototype;
      var canvasGet = getterOf(proto, 'canvas');
      var fontGet = getterOf(proto, 'font');
      var widthGet = null;
      var heightGet = null;
      function stateOf(ctx) {
        var st = fp.state(ctx, false);
        if (!st && canvasGet) {
          var canvas = canvasGet(ctx);
          st = canvasState(canvas);
          fp.link(ctx, st);
        }
        return st;
      }
      function sizeGetters(canvas) {
        if (!widthGet) {
          var cproto = Object.getPrototypeOf(canvas);
          widthGet = getterOf(cproto, 'width');
          heightGet = getterOf(cproto, 'height');
        }
      }

      ['fillText', 'strokeText'].forEach(function (m) {
        fp.method(proto, m, name + '.' + m, function (ctx, args) {
          var st = stateOf(ctx);
          st.text++;
          fp.note(name + '.' + m, fp.clip(args[0], 60), { id: st.id });
        });
      });
      fp.method(proto, 'measureText', name + '.measureText', function (ctx, args) {
        var font = fontGet ? fontGet(ctx) : '';
        fp.note(name + '.measureText', fp.clip(font, 60) + '|' + fp.clip(args[0], 40));
      });
      fp.accessor(proto, 'font', name + '.font', null, function (ctx, v) {
        fp.note(name + '.font', fp.clip(v, 60));
      });
      // The first few colours of a canvas are counted with their caller;
      // charts set many more, and only the number is kept for those.
      ['fillStyle', 'strokeStyle'].forEach(function (p) {
        fp.accessor(proto, p, name + '.' + p, null, function (ctx, v) {
          var st = stateOf(ctx);
          var c = typeof v === 'string' ? fp.clip(v, 40) : 'object:' + toTag(v);
          if (st.colours[c] === 1 || st.ncolours >= 8) {
            return;
          }
          st.colours[c] = 1;
          st.ncolours++;
          if (st.ncolours <= 4) {
            fp.note(name + '.' + p, c, { id: st.id });
          }
        });
      });
      fp.method(proto, 'drawImage', name + '.drawImage', function (ctx, args) {
        var st = stateOf(ctx);
        if (!st.image) {
          st.image = true;
          fp.note(name + '.drawImage', toTag(args[0]), { id: st.id });
        }
      });
      ['save', 'restore'].forEach(function (m) {
        fp.method(proto, m, name + '.' + m, function (ctx) {
          var st = fp.state(ctx, false);
          if (st) {
            st.saves = true;
          }
        });
      });
      fp.method(proto, 'getImageData', name + '.getImageData', function (ctx, args) {
        var st = stateOf(ctx);
        sizeGetters(st.canvas);
        var x = readExtra(st.canvas, st, widthGet, heightGet, 'pixels');
        x.read_width = fp.clip(args[2], 12);
        x.read_height = fp.clip(args[3], 12);
        fp.note(name + '.getImageData', x.read_width + 'x' + x.read_height, x);
      });
      fp.method(proto, 'isPointInPath', name + '.isPointInPath', function () {
        fp.note(name + '.isPointInPath');
      });
    }
    context2D(g.CanvasRenderingContext2D, 'CanvasRenderingContext2D');
    context2D(g.OffscreenCanvasRenderingContext2D, 'OffscreenCanvasRenderingContext2D');
  })();
