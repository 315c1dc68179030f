package crawler

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/trace"
)

// The browser tests share one Chromium; each visit gets its own tab and
// browser context, as in a scan.
var (
	testBrowser *Browser
	fixture     *httptest.Server
	flakyTries  atomic.Int32
)

func TestMain(m *testing.M) {
	fixture = httptest.NewServer(http.HandlerFunc(serveFixture))
	_, port, _ := net.SplitHostPort(fixture.Listener.Addr().String())
	opts := DefaultOptions()
	opts.ExtraArgs = []string{
		"--host-resolver-rules=MAP *:80 127.0.0.1:" + port + ", MAP * 127.0.0.1",
		// Service workers need a secure origin; the fixtures are plain http.
		"--unsafely-treat-insecure-origin-as-secure=http://fp.example",
	}
	opts.PageTimeout = 8 * time.Second
	var err error
	testBrowser, err = Launch(context.Background(), opts, zap.NewNop())
	if err != nil {
		fmt.Fprintln(os.Stderr, "launching browser:", err)
		os.Exit(1)
	}
	code := m.Run()
	testBrowser.Close()
	fixture.Close()
	os.Exit(code)
}

// serveFixture plays a shop and its vendors, told apart by host name: the
// shop embeds a tracker script, a cross-origin chat iframe and a worker.
func serveFixture(w http.ResponseWriter, r *http.Request) {
	if r.Host == "fp.example" || strings.HasSuffix(r.Host, ".fpvendor.example") {
		serveFPFixture(w, r)
		return
	}
	switch r.Host + r.URL.Path {
	case "shop.example/":
		fmt.Fprint(w, `<html><head><title>Fixture shop</title>
<script src="http://cdn.tracker.example/t.js"></script></head><body>
<a href="/privacy">Privacy</a> <a href="/product/1">Mug</a> <a href="/category/cups">Cups</a>
<iframe src="http://chat.widget.example/frame"></iframe>
<script>document.cookie = "first=1; max-age=1000"; new Worker("/w.js");</script>
</body></html>`)
	case "shop.example/w.js":
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, `fetch("http://worker.tracker.example/w", {method: "POST", body: "from-worker"})`)
	case "shop.example/old":
		http.Redirect(w, r, "/product/1", http.StatusFound)
	case "shop.example/gone":
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `<html><body><script src="http://cdn.tracker.example/t.js"></script></body></html>`)
	case "cdn.tracker.example/t.js":
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, `navigator.sendBeacon("http://collect.tracker.example/b", new Blob(["blob-body"]));
addEventListener("pagehide",
  () => navigator.sendBeacon("http://collect.tracker.example/bye", "bye"));`)
	case "shop.example/typing":
		fmt.Fprint(w, `<html><body>
<form id="news"><input id="email" type="email"><input name="pw" type="password">
<button type="submit">Join</button></form>
<input id="q" type="search" placeholder="Search">
<input id="hidden" type="text" style="display:none">
<button id="open" onclick="openChat()">Chat with us</button>
<script>
document.addEventListener("keydown", function (e) {});
function openChat() {
  var f = document.createElement("iframe");
  f.src = "http://chat.widget.example/typing-frame";
  document.body.appendChild(f);
}
document.getElementById("q").oninput = function () {
  navigator.sendBeacon("http://collect.tracker.example/q", this.value);
  localStorage.setItem("draft", this.value);
};
</script></body></html>`)
	case "chat.widget.example/typing-frame":
		fmt.Fprint(w, `<html><body><textarea id="draft" placeholder="Type your message"></textarea>
<script>document.getElementById("draft").addEventListener("input", function () {});</script>
</body></html>`)
	case "shop.example/autonav":
		fmt.Fprint(w, `<html><body><input id="city" name="city">
<script>document.getElementById("city").addEventListener("change", function () {
  location.href = "/next?city=" + encodeURIComponent(this.value);
});</script></body></html>`)
	case "shop.example/autosubmit":
		fmt.Fprint(w, `<html><body><form id="f" action="/done"><input id="name" name="fullname"></form>
<script>document.getElementById("name").addEventListener("change", function () {
  document.getElementById("f").requestSubmit();
});</script></body></html>`)
	case "flaky.example/":
		// The first connections are reset, as a congested network would.
		// Chromium itself may retry a reset once, so two are reset.
		if flakyTries.Add(1) <= 2 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.(*net.TCPConn).SetLinger(0)
				conn.Close()
			}
			return
		}
		fmt.Fprint(w, `<html><head><title>Second try</title></head><body>ok</body></html>`)
	case "shop.example/opener":
		// Opens a window at once and on keys, as pop-up ad scripts do.
		fmt.Fprint(w, `<html><body><input id="q" type="search"><a href="/product/2">Next</a>
<script>
var opened = 0;
function pop() {
  if (opened >= 3) return;
  opened++;
  window.open("http://popup.ads.example/ad?n=" + opened, "ad" + opened,
    "popup,width=480,height=360");
}
pop();
document.addEventListener("keydown", pop, true);
</script></body></html>`)
	case "popup.ads.example/ad":
		fmt.Fprint(w, `<html><body><script src="http://cdn.tracker.example/t.js"></script></body></html>`)
	case "chat.widget.example/frame":
		fmt.Fprint(w, `<html><body><script>
fetch("http://chat.widget.example/api", {method: "POST", body: "in-iframe"});
</script></body></html>`)
	default:
		if strings.HasPrefix(r.URL.Path, "/product/") || strings.HasPrefix(r.URL.Path, "/category/") {
			fmt.Fprint(w, `<html><body>page</body></html>`)
			return
		}
		w.Header().Set("Set-Cookie", "tid=abc; Max-Age=1000")
		w.Header().Set("Access-Control-Allow-Origin", "*")
		fmt.Fprint(w, "ok")
	}
}

func visitFixture(t *testing.T, url string) *trace.Trace {
	t.Helper()
	res, err := testBrowser.Visit(context.Background(), Site{Input: url, URL: url}, 40*time.Second)
	if err != nil {
		t.Fatalf("Visit(%q): %v", url, err)
	}
	return res.Trace
}

func findRequest(tr *trace.Trace, url string) *trace.Request {
	for i := range tr.Requests {
		if tr.Requests[i].URL == url {
			return &tr.Requests[i]
		}
	}
	return nil
}

func TestVisitRecordsFramesWorkersAndBeacons(t *testing.T) {
	tr := visitFixture(t, "http://shop.example/")

	var pages []string
	for _, p := range tr.Pages {
		pages = append(pages, p.URL)
	}
	want := "http://shop.example/ http://shop.example/product/1 http://shop.example/category/cups"
	if got := strings.Join(pages, " "); got != want {
		t.Errorf("pages = %s, want %s (product and category before privacy)", got, want)
	}

	tests := []struct {
		name, url, body, initiator string
		page                       int
	}{
		{"blob beacon body fetched on request", "http://collect.tracker.example/b", "blob-body",
			"http://cdn.tracker.example/t.js", 0},
		{"cross-origin iframe", "http://chat.widget.example/api", "in-iframe",
			"http://chat.widget.example/frame", 0},
		{"dedicated worker", "http://worker.tracker.example/w", "from-worker",
			"http://shop.example/w.js", 0},
		{"pagehide beacon before leaving", "http://collect.tracker.example/bye", "bye",
			"http://cdn.tracker.example/t.js", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := findRequest(tr, tt.url)
			if r == nil {
				t.Fatalf("no request to %s", tt.url)
			}
			if r.Body != tt.body || r.Method != "POST" || r.Page != tt.page {
				t.Errorf("request = %s %q on page %d, want POST %q on page %d",
					r.Method, r.Body, r.Page, tt.body, tt.page)
			}
			if r.Initiator.URL != tt.initiator {
				t.Errorf("initiator = %q, want %q", r.Initiator.URL, tt.initiator)
			}
		})
	}

	var kinds []string
	for _, tg := range tr.Targets {
		kinds = append(kinds, tg.Type)
	}
	got := strings.Join(kinds, ",")
	if !strings.Contains(got, "iframe") || !strings.Contains(got, "worker") {
		t.Errorf("targets = %s, want an iframe and a worker", got)
	}

	if len(tr.CookieWrites) == 0 || !strings.HasPrefix(tr.CookieWrites[0].Value, "first=1") ||
		len(tr.CookieWrites[0].Stack) == 0 || tr.CookieWrites[0].Stack[0].URL != "http://shop.example/" {
		t.Errorf("cookie writes = %+v, want first=1 from the inline script", tr.CookieWrites)
	}
	var cookies []string
	for _, c := range tr.Cookies {
		cookies = append(cookies, c.Domain+"/"+c.Name)
	}
	if !strings.Contains(strings.Join(cookies, " "), "shop.example/first") {
		t.Errorf("cookies = %v, want shop.example/first", cookies)
	}

	for _, s := range tr.Scripts {
		if strings.HasPrefix(s.URL, "exposure://") {
			t.Errorf("our own script %q is in the trace", s.URL)
		}
	}
}

func TestVisitRecordsRedirectsAndErrorPages(t *testing.T) {
	tr := visitFixture(t, "http://shop.example/old")
	hop := findRequest(tr, "http://shop.example/old")
	if hop == nil || hop.Status != http.StatusFound ||
		hop.RedirectedTo != "http://shop.example/product/1" {
		t.Fatalf("redirect hop = %+v", hop)
	}
	if tr.Pages[0].URL != "http://shop.example/product/1" || tr.Pages[0].Status != 200 {
		t.Errorf("page = %+v, want the redirect target with 200", tr.Pages[0])
	}

	tr = visitFixture(t, "http://shop.example/gone")
	if tr.Pages[0].Status != http.StatusNotFound {
		t.Errorf("status = %d, want 404", tr.Pages[0].Status)
	}
	if findRequest(tr, "http://cdn.tracker.example/t.js") == nil {
		t.Error("the 404 page's tracker was not recorded")
	}
}

func TestVisitIsolatesSites(t *testing.T) {
	visitFixture(t, "http://shop.example/")
	tr := visitFixture(t, "http://shop.example/product/1")
	for _, c := range tr.Cookies {
		if c.Name == "first" {
			t.Fatalf("cookie %q leaked from an earlier visit", c.Name)
		}
	}
}

func TestVisitRetriesTransientFailures(t *testing.T) {
	flakyTries.Store(0)
	tr := visitFixture(t, "http://flaky.example/")
	last := tr.Pages[len(tr.Pages)-1]
	if last.Superseded || last.Title != "Second try" || last.Status != 200 {
		t.Errorf("last try = %+v, want the page", last)
	}
	failed := tr.Pages[:len(tr.Pages)-1]
	if len(failed) == 0 {
		t.Fatalf("pages = %+v, want a reset try before the page", tr.Pages)
	}
	for _, p := range failed {
		if !p.Superseded || !strings.Contains(p.Error, "ERR_CONNECTION_RESET") {
			t.Errorf("failed try = %+v, want a reset marked superseded", p)
		}
	}
}

// TestPopupsDoNotFreezeTheirOpener opens windows from a page while the
// browser auto-attaches workers: every page must still load and take
// typing, and the pop-ups, closed at once, must add nothing to the trace.
func TestPopupsDoNotFreezeTheirOpener(t *testing.T) {
	tr := visitFixture(t, "http://shop.example/opener")
	if len(tr.Pages) != 2 {
		t.Fatalf("pages = %+v, want the opener and the page it links to", tr.Pages)
	}
	for _, p := range tr.Pages {
		if p.Error != "" || p.Partial {
			t.Errorf("page %s: error %q, partial %v", p.URL, p.Error, p.Partial)
		}
	}
	popups := 0
	for _, c := range tr.Console {
		if c.Level == "popup" {
			popups++
		}
	}
	if popups != 3 {
		t.Errorf("%d pop-ups recorded, want 3 (one at load, two from typing)", popups)
	}
	for _, r := range tr.Requests {
		if strings.Contains(r.URL, "popup.ads.example") || strings.Contains(r.URL, "tracker.example") {
			t.Errorf("request of a pop-up recorded: %s", r.URL)
		}
	}
}
