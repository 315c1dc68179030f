  // Web Audio: contexts made, oscillators, compressors and analysers
  // created (on an offline or a real-time context), rendering started and
  // samples read back.
  (function () {
    var fp = fpkit;
    var Offline = g.OfflineAudioContext;
    var kind = function (ctx) {
      return typeof Offline === 'function' && ctx instanceof Offline ? 'offline' : 'realtime';
    };
    var shape = function (args) {
      var a = args[0];
      if (a && typeof a === 'object') {
        return fp.clip(a.numberOfChannels, 4) + ',' + fp.clip(a.length, 12) + ',' +
          fp.clip(a.sampleRate, 8);
      }
      var out = [];
      for (var i = 0; i < args.length && i < 3; i++) {
        out[i] = fp.clip(args[i], 12);
      }
      return out.join(',');
    };
    fp.constructor(g, 'AudioContext', 'AudioContext', function () {
      return '';
    }, ['webkitAudioContext']);
    fp.constructor(g, 'OfflineAudioContext', 'OfflineAudioContext', shape,
      ['webkitOfflineAudioContext']);

    var base = g.BaseAudioContext && g.BaseAudioContext.prototype;
    ['createOscillator', 'createDynamicsCompressor', 'createAnalyser'].forEach(function (m) {
      fp.method(base, m, 'BaseAudioContext.' + m, function (ctx) {
        fp.note('BaseAudioContext.' + m, kind(ctx));
      });
    });
    if (typeof Offline === 'function') {
      fp.method(Offline.prototype, 'startRendering', 'OfflineAudioContext.startRendering',
        function () {
          fp.note('OfflineAudioContext.startRendering');
        });
    }
    var buffer = g.AudioBuffer && g.AudioBuffer.prototype;
    ['getChannelData', 'copyFromChannel'].forEach(function (m) {
      fp.method(buffer, m, 'AudioBuffer.' + m, function () {
        fp.note('AudioBuffer.' + m);
      });
    });
    var analyser = g.AnalyserNode && g.AnalyserNode.prototype;
    ['getFloatFrequencyData', 'getByteFrequencyData', 'getFloatTimeDomainData',
      'getByteTimeDomainData'].forEach(function (m) {
      fp.method(analyser, m, 'AnalyserNode.' + m, function () {
        fp.note('AnalyserNode.' + m);
      });
    });
    if (g.AudioContext) {
      fp.getters(fpkit.original(g.AudioContext).prototype, 'AudioContext', ['baseLatency']);
    }
  })();
