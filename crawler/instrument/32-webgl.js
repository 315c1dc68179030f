  // WebGL 1 and 2: parameters and extensions read, shader precisions,
  // pixels read back, and the first draw of each canvas (with whether the
  // canvas was in the document then), which tells a 3D viewer from a
  // probe.
  (function () {
    var fp = fpkit;
    var getDesc = fp.getDesc;
    var names = null;

    // constName names a WebGL constant, such as UNMASKED_RENDERER_WEBGL.
    function constName(v) {
      if (typeof v !== 'number') {
        return fp.clip(v, 30);
      }
      if (!names) {
        names = { 37445: 'UNMASKED_VENDOR_WEBGL', 37446: 'UNMASKED_RENDERER_WEBGL',
          34047: 'MAX_TEXTURE_MAX_ANISOTROPY_EXT' };
        [g.WebGLRenderingContext, g.WebGL2RenderingContext].forEach(function (C) {
          if (typeof C !== 'function') {
            return;
          }
          var own = Object.getOwnPropertyNames(C.prototype);
          for (var i = 0; i < own.length; i++) {
            var d = getDesc(C.prototype, own[i]);
            if (d && typeof d.value === 'number' && names[d.value] === undefined) {
              names[d.value] = own[i];
            }
          }
        });
      }
      return names[v] !== undefined ? names[v] : '0x' + v.toString(16);
    }

    var connectedGet = typeof Node === 'function' && getDesc(Node.prototype, 'isConnected');
    connectedGet = connectedGet && connectedGet.get;

    function webgl(Ctor, name) {
      if (typeof Ctor !== 'function') {
        return;
      }
      var proto = Ctor.prototype;
      var canvasGet = getDesc(proto, 'canvas');
      canvasGet = canvasGet && canvasGet.get;
      function stateOf(ctx) {
        var st = fp.state(ctx, false);
        if (!st && canvasGet) {
          var canvas = fp.apply(canvasGet, ctx, []);
          st = fp.state(canvas, true);
          fp.link(ctx, st);
        }
        return st;
      }

      fp.method(proto, 'getParameter', name + '.getParameter', function (ctx, args) {
        fp.note(name + '.getParameter', constName(args[0]));
      });
      fp.method(proto, 'getSupportedExtensions', name + '.getSupportedExtensions', function () {
        fp.note(name + '.getSupportedExtensions');
      });
      fp.method(proto, 'getExtension', name + '.getExtension', function (ctx, args) {
        fp.note(name + '.getExtension', fp.clip(args[0], 60));
      });
      fp.method(proto, 'getContextAttributes', name + '.getContextAttributes', function () {
        fp.note(name + '.getContextAttributes');
      });
      fp.method(proto, 'getShaderPrecisionFormat', name + '.getShaderPrecisionFormat',
        function (ctx, args) {
          fp.note(name + '.getShaderPrecisionFormat',
            constName(args[0]) + ' ' + constName(args[1]));
        });
      fp.method(proto, 'readPixels', name + '.readPixels', function (ctx, args) {
        var st = stateOf(ctx);
        fp.note(name + '.readPixels', fp.clip(args[2], 12) + 'x' + fp.clip(args[3], 12),
          st ? { id: st.id } : undefined);
      });
      // Draws are many; only the first of each canvas is counted.
      ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced',
        'drawRangeElements'].forEach(function (m) {
        fp.method(proto, m, name + '.' + m, function (ctx) {
          var st = stateOf(ctx);
          if (!st || st.drew) {
            return;
          }
          st.drew = true;
          var x = { id: st.id, connected: '0' };
          try {
            var canvas = st.canvas || fp.apply(canvasGet, ctx, []);
            if (connectedGet && fp.apply(connectedGet, canvas, [])) {
              x.connected = '1';
            }
          } catch (e) {}
          fp.note(name + '.' + m, 'first', x);
        });
      });
    }
    webgl(g.WebGLRenderingContext, 'WebGLRenderingContext');
    webgl(g.WebGL2RenderingContext, 'WebGL2RenderingContext');
  })();
