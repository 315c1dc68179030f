package crawler

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/crawler/internal/cdptap"
	"github.com/exposure-audit/exposure/trace"
)

// fpPages are the pages and scripts of the instrumentation tests, by host
// and path. fp.example is the shop; cdn.fpvendor.example and
// frame.fpvendor.example play a fingerprinting vendor's script and frames.
var fpPages = map[string]string{
	// The first script changes the stack settings and fingerprints the
	// canvas before anything else runs; later scripts come from a vendor,
	// eval, a blob, a worker, a cross-origin frame, a frame added later
	// and a blank same-origin frame used by the vendor.
	"fp.example/attribution": `<!doctype html><html><head><meta charset="utf-8">
<script>
Error.stackTraceLimit = 0;
Error.prepareStackTrace = function () { return "hidden"; };
var c = document.createElement("canvas"); c.width = 220; c.height = 30;
var x = c.getContext("2d"); x.fillText("first script", 2, 20); c.toDataURL();
</script>
<script src="http://cdn.fpvendor.example/fp.js"></script>
<script>
eval("screen.colorDepth; navigator.deviceMemory;");
var blob = new Blob(["navigator.platform;"], {type: "text/javascript"});
var s = document.createElement("script"); s.src = URL.createObjectURL(blob);
document.head.appendChild(s);
new Worker("/worker.js");
setTimeout(function () {
  var f = document.createElement("iframe");
  f.src = "http://frame.fpvendor.example/late-frame";
  document.body.appendChild(f);
}, 300);
navigator.sendBeacon("/result", String(new Error().stack) + "|" + Error.stackTraceLimit);
</script></head><body>
<iframe src="http://frame.fpvendor.example/frame"></iframe>
</body></html>`,
	"cdn.fpvendor.example/fp.js": `navigator.hardwareConcurrency;
(function () {
  var f = document.createElement("iframe");
  document.head.appendChild(f);
  var ctx = f.contentWindow.document.createElement("canvas").getContext("2d");
  ctx.font = "12px Vendor Probe";
  ctx.measureText("probe in a blank frame");
})();`,
	"fp.example/worker.js": `var oc = new OffscreenCanvas(120, 40);
var ox = oc.getContext("2d");
ox.fillText("in a worker", 2, 20);
oc.convertToBlob();
navigator.hardwareConcurrency;`,
	"frame.fpvendor.example/frame": `<html><body><script>
navigator.languages;
</script></body></html>`,
	"frame.fpvendor.example/late-frame": `<html><body><script>
screen.availWidth;
</script></body></html>`,

	// A page whose policy allows its own files only, and no inline code.
	"fp.example/csp": `<!doctype html><html><head><meta charset="utf-8">
<script src="/csp.js"></script></head><body><p>strict</p></body></html>`,
	"fp.example/csp.js": `var c = document.createElement("canvas"); c.width = 200; c.height = 40;
var x = c.getContext("2d"); x.fillStyle = "#f60"; x.fillText("under a strict policy", 2, 20);
c.toDataURL();
var gl = document.createElement("canvas").getContext("webgl");
gl.getParameter(gl.getExtension("WEBGL_debug_renderer_info").UNMASKED_RENDERER_WEBGL);`,

	// A script that measures fonts in a frame of its own and removes the
	// frame at once, as FingerprintJS does.
	"fp.example/blank": `<!doctype html><html><head><meta charset="utf-8"></head><body>
<script>
var f = document.createElement("iframe");
f.onload = function () {
  var d = f.contentWindow.document;
  ["Arial", "Courier", "Georgia"].forEach(function (font) {
    var span = d.createElement("span");
    span.style.fontFamily = "'" + font + "', monospace";
    span.textContent = "mmmmmmmmmmlli";
    d.body.appendChild(span);
    span.offsetWidth;
  });
  document.body.removeChild(f);
};
f.src = "about:blank";
document.body.appendChild(f);
</script></body></html>`,
	// A page that starts a service worker and a shared worker, which the
	// browser attaches rather than the tab, and each fingerprints at once.
	"fp.example/workers": `<!doctype html><html><head><meta charset="utf-8"></head><body>
<script>
navigator.serviceWorker.register("/sw.js");
var shared = new SharedWorker("/shared.js");
shared.port.start();
</script></body></html>`,
	"fp.example/sw.js": `navigator.hardwareConcurrency;
var oc = new OffscreenCanvas(160, 30);
var ox = oc.getContext("2d");
ox.fillText("in a service worker", 2, 20);
oc.convertToBlob();`,
	"fp.example/shared.js": `navigator.languages;
Intl.DateTimeFormat().resolvedOptions();
onconnect = function (e) { e.ports[0].postMessage(navigator.deviceMemory); };`,
	// A service worker that tells the fixture server it ran.
	"fp.example/sw-ping": `<!doctype html><html><body><script>
navigator.serviceWorker.register("/sw-ping.js");
</script></body></html>`,
	"fp.example/sw-ping.js": `fetch("/sw-pinged");`,
	"fp.example/probe": `<!doctype html><html><head><meta charset="utf-8"></head><body>
<p>probe</p><script src="/probe.js"></script></body></html>`,
	"fp.example/probe.js": probeJS,
}

// fpHeaders are response headers of some fixture pages.
var fpHeaders = map[string]map[string]string{
	"fp.example/csp": {"Content-Security-Policy": "default-src 'self'; script-src 'self'; " +
		"object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'"},
}

func serveFPFixture(w http.ResponseWriter, r *http.Request) {
	key := r.Host + r.URL.Path
	if key == "fp.example/sw-pinged" {
		swPings.Add(1)
	}
	if key == "fp.example/result" || key == "fp.example/sw-pinged" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	body, ok := fpPages[key]
	if !ok {
		http.NotFound(w, r)
		return
	}
	for k, v := range fpHeaders[key] {
		w.Header().Set(k, v)
	}
	if strings.HasSuffix(key, ".js") {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	}
	fmt.Fprint(w, body)
}

// callScript names the script of a call's innermost frame: the inline
// name of the parsed script its script id names, else the frame's URL.
func callScript(tr *trace.Trace, c trace.APICall) (string, *trace.Script) {
	if len(c.Stack) == 0 {
		return "", nil
	}
	f := c.Stack[0]
	for i := range tr.Scripts {
		if f.ScriptID != "" && tr.Scripts[i].ID == c.Session+"/"+f.ScriptID {
			s := &tr.Scripts[i]
			if s.Inline != "" {
				return s.Inline, s
			}
			return s.URL, s
		}
	}
	return f.URL, nil
}

func findCall(tr *trace.Trace, api, frame string) *trace.APICall {
	for i, c := range tr.Calls {
		if c.API == api && c.FrameURL == frame {
			return &tr.Calls[i]
		}
	}
	return nil
}

func TestInstrumentationRecordsEveryFrameAndWorker(t *testing.T) {
	tr := visitFixture(t, "http://fp.example/attribution")
	page := "http://fp.example/attribution"
	vendor := "http://cdn.fpvendor.example/fp.js"
	tests := []struct {
		name, api, frame, script string
	}{
		{"first script of the page", "HTMLCanvasElement.toDataURL", page, "inline:" + page + "#0"},
		{"vendor script", "Navigator.hardwareConcurrency", page, vendor},
		{"dedicated worker", "OffscreenCanvas.convertToBlob", "http://fp.example/worker.js",
			"http://fp.example/worker.js"},
		{"cross-origin iframe", "Navigator.languages", "http://frame.fpvendor.example/frame",
			"inline:http://frame.fpvendor.example/frame#0"},
		{"cross-origin iframe added later", "Screen.availWidth",
			"http://frame.fpvendor.example/late-frame",
			"inline:http://frame.fpvendor.example/late-frame#0"},
		{"blank frame used by the vendor", "CanvasRenderingContext2D.measureText", "about:blank",
			vendor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := findCall(tr, tt.api, tt.frame)
			if c == nil {
				t.Fatalf("no %s call in %s; calls: %s", tt.api, tt.frame, callList(tr))
			}
			if got, _ := callScript(tr, *c); got != tt.script {
				t.Errorf("script = %q, want %q (stack %+v)", got, tt.script, c.Stack)
			}
		})
	}

	t.Run("blob script", func(t *testing.T) {
		c := findCall(tr, "Navigator.platform", page)
		if c == nil || len(c.Stack) == 0 ||
			!strings.HasPrefix(c.Stack[0].URL, "blob:http://fp.example/") {
			t.Fatalf("call = %+v, want one from a blob: script", c)
		}
	})
	t.Run("eval'd code", func(t *testing.T) {
		c := findCall(tr, "Screen.colorDepth", page)
		if c == nil {
			t.Fatalf("no Screen.colorDepth call; calls: %s", callList(tr))
		}
		_, s := callScript(tr, *c)
		// The eval'd code is a script of its own, made by the page's
		// second inline script.
		if s == nil || s.URL != "" || len(s.Stack) == 0 || s.Stack[0].URL != page {
			t.Fatalf("script = %+v, want eval'd code created by the page", s)
		}
		if creator := scriptByID(tr, c.Session+"/"+s.Stack[0].ScriptID); creator == nil ||
			creator.Inline != "inline:"+page+"#1" {
			t.Errorf("eval'd by %+v, want the page's second inline script", creator)
		}
	})
	t.Run("argument summaries", func(t *testing.T) {
		c := findCall(tr, "CanvasRenderingContext2D.fillText", page)
		if c == nil || c.Args != "first script" || c.Extra["id"] == "" {
			t.Errorf("fillText = %+v, want the text drawn and the canvas id", c)
		}
		c = findCall(tr, "HTMLCanvasElement.toDataURL", page)
		if c == nil || c.Extra["width"] != "220" || c.Extra["height"] != "30" || c.Extra["text"] != "1" {
			t.Errorf("toDataURL = %+v, want the 220x30 canvas with one text", c)
		}
		c = findCall(tr, "CanvasRenderingContext2D.measureText", "about:blank")
		if c == nil || c.Args != `12px "Vendor Probe"|probe in a blank frame` {
			t.Errorf("measureText = %+v, want the font and the text", c)
		}
	})
	t.Run("page's stack settings kept", func(t *testing.T) {
		r := findRequest(tr, "http://fp.example/result")
		if r == nil || r.Body != "hidden|0" {
			t.Errorf("beacon = %+v, want the page's own formatter and limit (hidden|0)", r)
		}
	})
	if len(tr.Hooks) != 0 {
		t.Errorf("hooks failed: %+v", tr.Hooks)
	}
}

// TestInstrumentationRecordsServiceAndSharedWorkers checks the workers
// that only a browser-level attach sees: their first statements are
// recorded, attributed to their own scripts, and their targets are named.
func TestInstrumentationRecordsServiceAndSharedWorkers(t *testing.T) {
	tr := visitFixture(t, "http://fp.example/workers")
	sw, shared := "http://fp.example/sw.js", "http://fp.example/shared.js"
	tests := []struct{ api, frame string }{
		{"WorkerNavigator.hardwareConcurrency", sw},
		{"OffscreenCanvasRenderingContext2D.fillText", sw},
		{"OffscreenCanvas.convertToBlob", sw},
		{"WorkerNavigator.languages", shared},
		{"Intl.DateTimeFormat.resolvedOptions", shared},
		{"WorkerNavigator.deviceMemory", shared},
	}
	for _, tt := range tests {
		c := findCall(tr, tt.api, tt.frame)
		if c == nil {
			t.Errorf("no %s call in %s; calls: %s", tt.api, tt.frame, callList(tr))
			continue
		}
		if got, _ := callScript(tr, *c); got != tt.frame {
			t.Errorf("%s: script = %q, want %q (stack %+v)", tt.api, got, tt.frame, c.Stack)
		}
	}
	types := map[string]string{}
	for _, tg := range tr.Targets {
		types[tg.URL] = tg.Type
	}
	if types[sw] != "service_worker" || types[shared] != "shared_worker" {
		t.Errorf("targets = %+v, want the service worker and the shared worker", tr.Targets)
	}
	if len(tr.Hooks) != 0 {
		t.Errorf("hooks failed: %+v", tr.Hooks)
	}
}

// swPings counts the requests of the sw-ping fixture's service worker.
var swPings atomic.Int64

// TestWorkerOfNoVisitRuns loads a page in a browser context that no visit
// watches: the browser still attaches its service worker paused, and the
// worker must be let go, not left waiting for a debugger forever.
func TestWorkerOfNoVisitRuns(t *testing.T) {
	before := swPings.Load()
	tabCtx, cancelTab := chromedp.NewContext(testBrowser.ctx, chromedp.WithNewBrowserContext())
	defer cancelTab()
	ctx, cancel := context.WithTimeout(tabCtx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Navigate("http://fp.example/sw-ping")); err != nil {
		t.Fatalf("loading the page: %v", err)
	}
	for swPings.Load() == before {
		select {
		case <-ctx.Done():
			t.Fatal("the service worker never ran")
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// TestInstrumentationFlushesRemovedFrames measures fonts in a blank frame
// that the page removes at once, before any timer can fire there.
func TestInstrumentationFlushesRemovedFrames(t *testing.T) {
	tr := visitFixture(t, "http://fp.example/blank")
	var got []string
	for _, c := range tr.Calls {
		if c.API == "HTMLElement.offsetWidth" && c.FrameURL == "about:blank" {
			got = append(got, c.Args)
		}
	}
	slices.Sort(got)
	want := []string{"Arial, monospace", "Courier, monospace", "Georgia, monospace"}
	if !slices.Equal(got, want) {
		t.Errorf("measured font families = %q, want %q", got, want)
	}
}

func TestInstrumentationUnderStrictCSP(t *testing.T) {
	tr := visitFixture(t, "http://fp.example/csp")
	apis := []string{"HTMLCanvasElement.toDataURL", "WebGLRenderingContext.getParameter"}
	for _, api := range apis {
		c := findCall(tr, api, "http://fp.example/csp")
		if c == nil {
			t.Errorf("no %s call under the policy; calls: %s", api, callList(tr))
			continue
		}
		if got, _ := callScript(tr, *c); got != "http://fp.example/csp.js" {
			t.Errorf("%s from %q, want csp.js", api, got)
		}
		if api == "WebGLRenderingContext.getParameter" && c.Args != "UNMASKED_RENDERER_WEBGL" {
			t.Errorf("getParameter args = %q, want the constant's name", c.Args)
		}
	}
	for _, c := range tr.Console {
		if strings.Contains(c.Text, "Content Security Policy") || strings.Contains(c.Text, "Trusted") {
			t.Errorf("policy violation: %s", c.Text)
		}
	}
}

func scriptByID(tr *trace.Trace, id string) *trace.Script {
	for i := range tr.Scripts {
		if tr.Scripts[i].ID == id {
			return &tr.Scripts[i]
		}
	}
	return nil
}

func callList(tr *trace.Trace) string {
	var out []string
	for _, c := range tr.Calls {
		out = append(out, c.FrameURL+" "+c.API)
	}
	slices.Sort(out)
	return strings.Join(slices.Compact(out), "; ")
}

// probeResult is what the probe page reports: what it found suspicious,
// and the values it read from the fingerprinting surface.
type probeResult struct {
	Problems []string          `json:"problems"`
	Values   map[string]string `json:"values"`
}

func loadProbe(t *testing.T, bare bool) probeResult {
	t.Helper()
	tr, _, err := loadOnce(context.Background(), "http://fp.example/probe", loadConfig{
		bare: bare, until: hasRequest("http://fp.example/result"),
	})
	if err != nil {
		t.Fatal(err)
	}
	r := findRequest(tr, "http://fp.example/result")
	if r == nil {
		t.Fatal("the probe reported nothing")
	}
	var res probeResult
	if err := json.Unmarshal([]byte(r.Body), &res); err != nil {
		t.Fatalf("probe result %q: %v", r.Body, err)
	}
	if len(res.Values) < 20 {
		t.Fatalf("probe read only %d values: %v", len(res.Values), res.Values)
	}
	return res
}

// TestInstrumentationIsInvisible runs a page that looks for
// instrumentation the ways fingerprinting and bot-detection scripts do,
// first in a browser without it (which shows the probe finds nothing
// there either), then with it; the values the page reads must be the
// same in both.
func TestInstrumentationIsInvisible(t *testing.T) {
	bare := loadProbe(t, true)
	if len(bare.Problems) > 0 {
		t.Fatalf("the probe finds problems without instrumentation: %q", bare.Problems)
	}
	hooked := loadProbe(t, false)
	for _, p := range hooked.Problems {
		t.Errorf("probe found: %s", p)
	}
	for k, want := range bare.Values {
		if got := hooked.Values[k]; got != want {
			t.Errorf("value %s = %.80q with instrumentation, %.80q without", k, got, want)
		}
	}
}

// TestInstrumentationReportsFailedHooks makes one property impossible to
// hook before the instrumentation runs, as a page's own earlier code or
// an extension could, and expects the failure reported.
func TestInstrumentationReportsFailedHooks(t *testing.T) {
	pre := `Object.defineProperty(Navigator.prototype, "hardwareConcurrency",
  {get: function () { return 2; }, enumerable: true, configurable: false});`
	// The failure and the calls of the other hooks arrive in one flush;
	// loading fails with a timeout when either never comes.
	tr, _, err := loadOnce(context.Background(), "http://fp.example/probe", loadConfig{
		pre: pre, until: func(tr *trace.Trace) bool {
			return len(tr.Hooks) > 0 &&
				findCall(tr, "Navigator.userAgent", "http://fp.example/probe") != nil
		},
	})
	if err != nil {
		t.Fatalf("%v (a failed hook and later calls were expected)", err)
	}
	// Each frame reports for itself; the probe page adds a blank frame.
	page := false
	for _, h := range tr.Hooks {
		page = page || h.FrameURL == "http://fp.example/probe"
		if !slices.Equal(h.Failed, []string{"Navigator.hardwareConcurrency"}) {
			t.Errorf("failed hooks in %s = %q, want exactly Navigator.hardwareConcurrency",
				h.FrameURL, h.Failed)
		}
	}
	if !page {
		t.Errorf("no failed hook reported by the page itself: %+v", tr.Hooks)
	}
}

// loadConfig shapes one page load of [loadOnce].
type loadConfig struct {
	// bare loads the page without the instrumentation (the crawler's
	// preparation is the same, with a script that only removes the
	// binding).
	bare bool
	// pre is a script that runs in the page before the instrumentation.
	pre string
	// until, when set, is polled after the load event until it holds.
	until func(*trace.Trace) bool
}

func hasRequest(url string) func(*trace.Trace) bool {
	return func(tr *trace.Trace) bool { return findRequest(tr, url) != nil }
}

// loadOnce loads url in a fresh tab prepared as a visit prepares it, and
// returns what was recorded and the time from navigation to the load
// event. Unlike a visit, it neither settles, scrolls, types nor moves on.
func loadOnce(ctx context.Context, url string, cfg loadConfig) (*trace.Trace, time.Duration,
	error) {
	return loadOnceWith(ctx, testBrowser, url, cfg)
}

func loadOnceWith(ctx context.Context, b *Browser, url string, cfg loadConfig) (*trace.Trace,
	time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	tabCtx, cancelTab := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	defer cancelTab()
	if err := chromedp.Do(tabCtx); err != nil {
		return nil, 0, fmt.Errorf("opening tab: %w", err)
	}
	defer closeTab(tabCtx, zap.NewNop())
	c := chromedp.FromContext(tabCtx)
	tab := c.Target
	v := &visit{b: b, log: zap.NewNop(), binding: bindingName(), hardCtx: ctx,
		session: tab.SessionID, frame: string(tab.TargetID)}
	v.script = instrumentation(v.binding)
	if cfg.bare {
		// The binding is added all the same; all that remains of the
		// script is its removal.
		v.script = "delete globalThis[" + strconvQuote(v.binding) + "];"
	}
	v.rec = newRecorder(zap.NewNop(), v.binding, 1<<20)
	v.rec.mainSess = string(v.session)
	v.rec.onAttach = v.prepareChild
	sink := cdptap.NewSink()
	v.sink = sink
	b.tap.Own(v.session, sink)
	unwatch := b.watch(string(c.BrowserContextID), v)
	done := make(chan struct{})
	go func() {
		defer close(done)
		v.rec.run(context.Background(), sink)
	}()
	stop := func() *trace.Trace {
		unwatch()
		b.tap.DisownSink(sink)
		sink.Close()
		<-done
		return v.rec.finish()
	}

	if cfg.pre != "" {
		if err := b.tap.Call(ctx, v.session, "Page.addScriptToEvaluateOnNewDocument",
			map[string]any{"source": cfg.pre}, nil); err != nil {
			stop()
			return nil, 0, fmt.Errorf("adding the early script: %w", err)
		}
	}
	if err := v.preparePage(ctx); err != nil {
		stop()
		return nil, 0, err
	}
	sink.Push(cdptap.Event{Method: markPage, Params: []byte(url)})
	start := time.Now()
	err := b.tap.Call(ctx, v.session, "Page.navigate", map[string]any{"url": url}, nil)
	if err != nil {
		stop()
		return nil, 0, fmt.Errorf("navigating to %q: %w", url, err)
	}
	var elapsed time.Duration
	for elapsed == 0 || cfg.until != nil && !cfg.until(v.rec.snapshot()) {
		if loaded, _, _ := v.rec.loadState(); loaded && elapsed == 0 {
			elapsed = time.Since(start)
		}
		select {
		case <-ctx.Done():
			stop()
			return nil, 0, fmt.Errorf("loading %q: %w", url, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
	return stop(), elapsed, nil
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// snapshot copies what the recorder holds so far.
func (r *recorder) snapshot() *trace.Trace {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.t
	t.Requests = slices.Clone(r.t.Requests)
	t.Calls = slices.Clone(r.t.Calls)
	t.Hooks = slices.Clone(r.t.Hooks)
	return &t
}
