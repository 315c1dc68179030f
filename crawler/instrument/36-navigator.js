  // The browser's description of itself: navigator properties and
  // methods (battery, client hints, media devices, permissions, storage,
  // keyboard layout), screen and window metrics, media queries, the time
  // zone, speech voices and motion sensors.
  (function () {
    var fp = fpkit;
    var nav = g.Navigator ? g.Navigator.prototype :
      g.WorkerNavigator && g.WorkerNavigator.prototype;
    var navName = g.Navigator ? 'Navigator' : 'WorkerNavigator';
    fp.getters(nav, navName, [
      'userAgent', 'appVersion', 'appName', 'appCodeName', 'product', 'productSub', 'vendor',
      'vendorSub', 'platform', 'language', 'languages', 'plugins', 'mimeTypes',
      'hardwareConcurrency', 'deviceMemory', 'webdriver', 'maxTouchPoints', 'cookieEnabled',
      'doNotTrack', 'pdfViewerEnabled', 'connection', 'userAgentData', 'onLine',
    ]);
    ['getBattery', 'javaEnabled', 'getGamepads'].forEach(function (m) {
      fp.method(nav, m, navName + '.' + m, function () {
        fp.note(navName + '.' + m);
      });
    });

    var ua = g.NavigatorUAData && g.NavigatorUAData.prototype;
    fp.method(ua, 'getHighEntropyValues', 'NavigatorUAData.getHighEntropyValues',
      function (data, args) {
        var hints = [];
        var list = args[0];
        for (var i = 0; list && i < list.length && i < 16; i++) {
          hints[i] = fp.clip(list[i], 24);
        }
        fp.note('NavigatorUAData.getHighEntropyValues', hints.sort().join(','));
      });
    fp.getters(ua, 'NavigatorUAData', ['brands', 'mobile', 'platform']);

    var media = g.MediaDevices && g.MediaDevices.prototype;
    ['enumerateDevices', 'getUserMedia'].forEach(function (m) {
      fp.method(media, m, 'MediaDevices.' + m, function () {
        fp.note('MediaDevices.' + m);
      });
    });
    var perms = g.Permissions && g.Permissions.prototype;
    fp.method(perms, 'query', 'Permissions.query', function (p, args) {
      var d = args[0];
      fp.note('Permissions.query', d && typeof d === 'object' ? fp.clip(d.name, 40) : '');
    });
    var storage = g.StorageManager && g.StorageManager.prototype;
    fp.method(storage, 'estimate', 'StorageManager.estimate', function () {
      fp.note('StorageManager.estimate');
    });
    var keyboard = g.Keyboard && g.Keyboard.prototype;
    fp.method(keyboard, 'getLayoutMap', 'Keyboard.getLayoutMap', function () {
      fp.note('Keyboard.getLayoutMap');
    });

    fp.getters(g.Screen && g.Screen.prototype, 'Screen', [
      'width', 'height', 'availWidth', 'availHeight', 'availLeft', 'availTop', 'colorDepth',
      'pixelDepth', 'orientation', 'isExtended',
    ]);
    if (g.document) {
      fp.getters(g, 'Window', [
        'devicePixelRatio', 'outerWidth', 'outerHeight', 'screenX', 'screenY', 'screenLeft',
        'screenTop',
      ]);
      fp.method(g, 'matchMedia', 'Window.matchMedia', function (w, args) {
        fp.note('Window.matchMedia', fp.clip(args[0], 80));
      });
    }

    var dtf = g.Intl && g.Intl.DateTimeFormat && g.Intl.DateTimeFormat.prototype;
    fp.method(dtf, 'resolvedOptions', 'Intl.DateTimeFormat.resolvedOptions', function () {
      fp.note('Intl.DateTimeFormat.resolvedOptions');
    });
    fp.method(Date.prototype, 'getTimezoneOffset', 'Date.getTimezoneOffset', function () {
      fp.note('Date.getTimezoneOffset');
    });

    var speech = g.SpeechSynthesis && g.SpeechSynthesis.prototype;
    fp.method(speech, 'getVoices', 'SpeechSynthesis.getVoices', function () {
      fp.note('SpeechSynthesis.getVoices');
    });

    // Sensors: the Generic Sensor API and motion and orientation events.
    var sensor = g.Sensor && g.Sensor.prototype;
    var tag = fp.uncurry(Object.prototype.toString);
    fp.method(sensor, 'start', 'Sensor.start', function (s) {
      fp.note('Sensor.start', tag(s));
    });
    var sensorEvents = { devicemotion: 1, deviceorientation: 1, deviceorientationabsolute: 1 };
    if (g.document) {
      var handlers = ['ondevicemotion', 'ondeviceorientation', 'ondeviceorientationabsolute'];
      handlers.forEach(function (p) {
        fp.accessor(fp.owner(g, p), p, 'Window.' + p, null, function (w, v) {
          if (typeof v === 'function') {
            fp.note('Window.' + p);
          }
        });
      });
    }

    // Listeners that matter here: sensor events on the window, ICE
    // candidates on a peer connection, and any listener on a canvas (a sign
    // of an interactive chart or editor). The wrapper stands in for the
    // native function, whatever wrapped it before.
    var events = g.EventTarget && g.EventTarget.prototype;
    var Peer = fp.original(g.RTCPeerConnection);
    var current = events && events.addEventListener;
    if (typeof current === 'function') {
      var native = fp.original(current);
      fp.method(events, 'addEventListener', 'EventTarget.addEventListener', function (t, args) {
        var type = args[0];
        if (sensorEvents[type] === 1 && t === g) {
          fp.note('Window.addEventListener', type);
        } else if (type === 'icecandidate' && Peer && t instanceof Peer) {
          fp.note('RTCPeerConnection.addEventListener', type);
        } else {
          var st = fp.state(t, false);
          if (st && st.canvas === t) {
            st.listens = true;
          }
        }
      });
      originals.set(events.addEventListener, native);
    }
  })();
