package crawler

// probeJS looks for instrumentation the ways detection scripts do: the
// source text, own properties, names and constructibility of the
// functions behind the fingerprinting surface, our frames in the stacks of
// errors they throw, globals left behind, and the stack settings. It also
// reads values of the surface, so that a test can compare them with and
// without instrumentation. It posts {problems, values} to /result.
const probeJS = `(async function () {
  var problems = [];
  var toString = Function.prototype.toString;
  // Another frame's toString, which a page can call on this frame's
  // functions.
  var blank = document.createElement("iframe");
  document.body.appendChild(blank);
  var foreignToString = blank.contentWindow.Function.prototype.toString;
  function leaks(e) {
    return /exposure|instrument/.test(String(e && e.stack));
  }
  function fn(label, f, name) {
    if (typeof f !== "function") {
      problems.push(label + ": not a function");
      return;
    }
    var src = toString.call(f);
    if (!/\{\s*\[native code\]\s*\}$/.test(src) || src.indexOf(name) < 0) {
      problems.push(label + ": source " + src.slice(0, 80));
    }
    if (f.toString() !== src || String(f) !== src) problems.push(label + ": toString differs");
    var foreign = foreignToString.call(f);
    if (foreign !== src) {
      problems.push(label + ": another frame's toString gives " + foreign.slice(0, 60));
    }
    if (Object.prototype.hasOwnProperty.call(f, "prototype")) problems.push(label + ": prototype");
    var own = Object.getOwnPropertyNames(f).join();
    if (own !== "length,name") problems.push(label + ": own properties " + own);
    if (f.name !== name) problems.push(label + ": name " + f.name);
    try {
      new f();
      problems.push(label + ": constructible");
    } catch (e) {
      if (leaks(e)) problems.push(label + ": our frame when constructed");
    }
    try {
      var r = f.call(Object.create(null), undefined, undefined);
      if (r && typeof r.then === "function") {
        r.then(null, function (e) {
          if (leaks(e)) problems.push(label + ": our frame in a rejection");
        });
      }
    } catch (e) {
      if (leaks(e)) problems.push(label + ": our frame in a thrown stack");
    }
  }
  function methods(owner, label, names) {
    if (!owner) return;
    names.forEach(function (n) {
      if (n in owner) fn(label + "." + n, owner[n], n);
    });
  }
  function getters(owner, label, names) {
    if (!owner) return;
    names.forEach(function (n) {
      var d = Object.getOwnPropertyDescriptor(owner, n);
      if (!d) return;
      if (d.get) fn(label + "." + n + " getter", d.get, "get " + n);
      if (d.set) fn(label + "." + n + " setter", d.set, "set " + n);
    });
  }
  function ctor(name) {
    var C = window[name];
    if (typeof C !== "function") return;
    var src = toString.call(C);
    if (src !== "function " + name + "() { [native code] }") {
      problems.push(name + ": source " + src);
    }
    if (foreignToString.call(C) !== src) {
      problems.push(name + ": another frame's toString gives " + foreignToString.call(C));
    }
    if (C.prototype.constructor !== C) problems.push(name + ": prototype.constructor differs");
    if (C.name !== name) problems.push(name + ": name " + C.name);
    try {
      C();
    } catch (e) {
      if (leaks(e)) problems.push(name + ": our frame when called");
    }
  }

  var c2d = CanvasRenderingContext2D.prototype;
  methods(HTMLCanvasElement.prototype, "HTMLCanvasElement", ["getContext", "toDataURL", "toBlob"]);
  methods(c2d, "CanvasRenderingContext2D", ["fillText", "strokeText", "measureText",
    "getImageData", "isPointInPath", "drawImage", "save", "restore"]);
  getters(c2d, "CanvasRenderingContext2D", ["font", "fillStyle", "strokeStyle"]);
  [window.WebGLRenderingContext, window.WebGL2RenderingContext].forEach(function (C) {
    methods(C && C.prototype, C && C.name, ["getParameter", "getSupportedExtensions",
      "getExtension", "readPixels", "getShaderPrecisionFormat", "getContextAttributes",
      "drawArrays", "drawElements"]);
  });
  methods(window.BaseAudioContext && BaseAudioContext.prototype, "BaseAudioContext",
    ["createOscillator", "createDynamicsCompressor", "createAnalyser"]);
  methods(OfflineAudioContext.prototype, "OfflineAudioContext", ["startRendering"]);
  methods(AudioBuffer.prototype, "AudioBuffer", ["getChannelData", "copyFromChannel"]);
  methods(AnalyserNode.prototype, "AnalyserNode", ["getFloatFrequencyData"]);
  methods(RTCPeerConnection.prototype, "RTCPeerConnection",
    ["createDataChannel", "createOffer", "setLocalDescription"]);
  getters(RTCPeerConnection.prototype, "RTCPeerConnection",
    ["onicecandidate", "localDescription"]);
  methods(FontFaceSet.prototype, "FontFaceSet", ["check", "load"]);
  getters(HTMLElement.prototype, "HTMLElement", ["offsetWidth", "offsetHeight"]);
  methods(Element.prototype, "Element", ["getBoundingClientRect"]);
  getters(Navigator.prototype, "Navigator", ["userAgent", "platform", "languages", "plugins",
    "mimeTypes", "hardwareConcurrency", "deviceMemory", "webdriver", "userAgentData"]);
  methods(Navigator.prototype, "Navigator", ["javaEnabled", "getBattery"]);
  getters(Screen.prototype, "Screen", ["width", "height", "colorDepth", "availWidth"]);
  getters(window, "window", ["devicePixelRatio", "outerWidth", "screenX"]);
  methods(window, "window", ["matchMedia"]);
  methods(EventTarget.prototype, "EventTarget", ["addEventListener"]);
  getters(Document.prototype, "Document", ["cookie", "onkeydown", "oninput"]);
  getters(HTMLElement.prototype, "HTMLElement", ["onkeydown", "onkeyup", "oninput", "onchange"]);
  getters(HTMLInputElement.prototype, "HTMLInputElement", ["value"]);
  getters(HTMLTextAreaElement.prototype, "HTMLTextAreaElement", ["value"]);
  methods(HTMLFormElement.prototype, "HTMLFormElement", ["submit", "requestSubmit"]);
  methods(Storage.prototype, "Storage", ["setItem"]);
  methods(Intl.DateTimeFormat.prototype, "Intl.DateTimeFormat", ["resolvedOptions"]);
  methods(Date.prototype, "Date", ["getTimezoneOffset"]);
  methods(window.SpeechSynthesis && SpeechSynthesis.prototype, "SpeechSynthesis", ["getVoices"]);
  methods(window.Permissions && Permissions.prototype, "Permissions", ["query"]);
  methods(window.StorageManager && StorageManager.prototype, "StorageManager", ["estimate"]);
  methods(window.MediaDevices && MediaDevices.prototype, "MediaDevices", ["enumerateDevices"]);
  methods(window.NavigatorUAData && NavigatorUAData.prototype, "NavigatorUAData",
    ["getHighEntropyValues"]);
  ["AudioContext", "OfflineAudioContext", "RTCPeerConnection"].forEach(ctor);
  if (window.webkitRTCPeerConnection !== window.RTCPeerConnection) {
    problems.push("webkitRTCPeerConnection differs from RTCPeerConnection");
  }
  fn("Function.prototype.toString", toString, "toString");

  Object.getOwnPropertyNames(window).forEach(function (n) {
    if (/^__[0-9a-f]{16}$/.test(n) || /^(fpkit|originals|disguise|report|stack|send)$/.test(n)) {
      problems.push("global " + n);
    }
  });
  if (Error.prepareStackTrace !== undefined) problems.push("Error.prepareStackTrace is set");
  if (Error.stackTraceLimit !== 10) {
    problems.push("Error.stackTraceLimit " + Error.stackTraceLimit);
  }
  if (navigator.webdriver !== false) problems.push("navigator.webdriver " + navigator.webdriver);

  // Values, read as fingerprinting scripts read them. A failure is
  // reported rather than silently skipped.
  var v = {};
  window.addEventListener("unhandledrejection", function (e) {
    var failed = {problems: ["probe failed: " + e.reason], values: v};
    fetch("/result", {method: "POST", body: JSON.stringify(failed)});
  });
  v.userAgent = navigator.userAgent;
  v.platform = navigator.platform;
  v.languages = navigator.languages.join();
  v.hardwareConcurrency = String(navigator.hardwareConcurrency);
  v.deviceMemory = String(navigator.deviceMemory);
  v.plugins = Array.prototype.map.call(navigator.plugins, function (p) { return p.name; }).join();
  v.screen = [screen.width, screen.height, screen.availWidth, screen.availHeight,
    screen.colorDepth, devicePixelRatio, outerWidth].join();
  v.timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  v.offset = String(new Date(2020, 0, 1).getTimezoneOffset());
  v.media = String(matchMedia("(prefers-color-scheme: dark)").matches);
  v.fontCheck = String(document.fonts.check("12px Arial"));
  var canvas = document.createElement("canvas");
  canvas.width = 240;
  canvas.height = 60;
  var ctx = canvas.getContext("2d");
  ctx.fillStyle = "#f60";
  ctx.fillRect(100, 1, 62, 20);
  ctx.fillStyle = "#069";
  ctx.font = "11pt Arial";
  ctx.fillText("Cwm fjordbank glyphs vext quiz", 2, 15);
  v.canvas = canvas.toDataURL();
  v.font = ctx.font + "|" + ctx.fillStyle;
  v.measure = String(ctx.measureText("mmmmmmmmmmlli").width);
  v.pixels = Array.prototype.slice.call(ctx.getImageData(100, 5, 4, 1).data).join();
  v.winding = String(ctx.isPointInPath(5, 5, "evenodd"));
  var gl = document.createElement("canvas").getContext("webgl");
  var info = gl.getExtension("WEBGL_debug_renderer_info");
  v.webgl = [gl.getParameter(gl.VENDOR), gl.getParameter(gl.RENDERER),
    gl.getParameter(info.UNMASKED_RENDERER_WEBGL), gl.getParameter(gl.MAX_TEXTURE_SIZE)].join("|");
  v.extensions = gl.getSupportedExtensions().join();
  var p = gl.getShaderPrecisionFormat(gl.FRAGMENT_SHADER, gl.HIGH_FLOAT);
  v.precision = [p.rangeMin, p.rangeMax, p.precision].join();
  v.attributes = JSON.stringify(gl.getContextAttributes());
  var span = document.createElement("span");
  span.style.fontFamily = "monospace";
  span.textContent = "mmmmmmmmmmlli";
  document.body.appendChild(span);
  v.width = span.offsetWidth + "x" + span.offsetHeight;
  v.rect = String(span.getBoundingClientRect().width);
  v.voices = String(speechSynthesis.getVoices().length);
  var pc = new RTCPeerConnection({iceServers: []});
  v.channel = pc.createDataChannel("probe").label;
  pc.close();
  var audio = new OfflineAudioContext(1, 5000, 44100);
  var osc = audio.createOscillator();
  var comp = audio.createDynamicsCompressor();
  osc.type = "triangle";
  osc.frequency.value = 10000;
  osc.connect(comp);
  comp.connect(audio.destination);
  osc.start(0);
  var rendered = await audio.startRendering();
  var samples = rendered.getChannelData(0);
  var sum = 0;
  for (var i = 4500; i < 5000; i++) sum += Math.abs(samples[i]);
  v.audio = String(sum);
  var perm = await navigator.permissions.query({name: "notifications"});
  v.permission = perm.state;
  if (navigator.userAgentData) {
    var hints = await navigator.userAgentData.getHighEntropyValues(
      ["platformVersion", "architecture"]);
    v.hints = hints.platformVersion + "|" + hints.architecture;
  }
  v.stack = String(new Error("probe").stack).split("\n").length + "";

  await fetch("/result", {method: "POST", body: JSON.stringify({problems: problems, values: v})});
})();`
