package detectors

import (
	"encoding/base64"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/trace"
)

// row is the part of a finding the tests compare, on one line.
func row(f findings.Exfiltration) string {
	return fmt.Sprintf("%s %s %s %s %s partial=%v third=%v by %s", f.Field, f.FieldKind,
		f.Destination, f.Channel, f.Encoding, f.Partial, f.ThirdParty, f.Script)
}

func rows(fs []findings.Exfiltration) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, row(f))
	}
	return out
}

// TestExfiltrationEncodings runs the detector on a stored trace in which
// five typed values leave in every channel and encoding the detector
// knows, next to sends that must not count: a prefix below the minimum, a
// common prefix, the crawler's own request, a preflight, a malformed body,
// a gzip bomb, a send after the submit and one on a later page.
func TestExfiltrationEncodings(t *testing.T) {
	tr := readTrace(t, "exfil-encodings.trace.json")
	db := loadDB(t)
	got := Exfiltration(tr, NewSite(tr, db), db)
	const (
		forms  = "https://cdn.lab-forms.example/v2/capture.js"
		px     = "https://connect.lab-ads.example/px.js"
		chatJS = "https://chat.lab-widgets.example/v1/frame.js"
		snow   = "https://cdn.jsdelivr.net/npm/@snowplow/browser-tracker@4.6.8/dist/" +
			"index.umd.min.js"
		posthog = "https://us-assets.i.posthog.com/static/array.full.js"
		dd      = "https://www.datadoghq-browser-agent.com/us1/v7/datadog-rum.js"
	)
	want := []string{
		"#chat-input chat https://api.lab-forms.example/v2/draft fetch json+brotli " +
			"partial=false third=true by " + forms,
		"#chat-input chat wss://chat.lab-widgets.example/v1/ws websocket json partial=false " +
			"third=true by " + chatJS,
		"#co-name name https://com-shop-prod1.collector.snplow.net/" +
			"com.snowplowanalytics.snowplow/tp2 xhr plain partial=false third=true by " + snow,
		"#co-name name https://t.lab-ads.example/match xhr sha1 partial=false third=true by " + px,
		"#co-name name https://t.lab-forms.example/p.gif image lz-string partial=false " +
			"third=true by " + forms,
		"#co-name name wss://rt.lab-forms.example/live websocket deflate partial=true " +
			"third=true by " + forms,
		"#login-password password https://cdn.lab-forms.example/jsonp script base64 " +
			"partial=false third=true by " + forms,
		"#newsletter-email email https://ads.lab-ads.example/frame navigation url partial=false " +
			"third=true by " + px,
		"#newsletter-email email https://api.lab-forms.example/v2/abandon fetch gzip+base64 " +
			"partial=false third=true by " + forms,
		"#newsletter-email email https://api.lab-forms.example/v2/bulk fetch gzip partial=false " +
			"third=true by " + forms,
		"#newsletter-email email https://ingest.lab-replay.example/batch beacon lz-string " +
			"partial=false third=true by https://www.shop.example/static/replay.js",
		"#newsletter-email email https://px.lab-ads.example/tr image sha256 partial=false " +
			"third=true by " + px,
		"#newsletter-email email https://shop.example/ cookie url partial=false third=false by " +
			"" + forms,
		"#newsletter-email email https://t.lab-ads.example/match xhr hex partial=false " +
			"third=true by " + px,
		"#newsletter-email email https://t.lab-ads.example/match xhr md5 partial=false " +
			"third=true by " + px,
		"#newsletter-email email https://us.i.posthog.com/s/ fetch gzip partial=false " +
			"third=true by " + posthog,
		"#search search https://browser-intake-datadoghq.com/api/v2/replay fetch deflate " +
			"partial=false third=true by " + dd,
		"#search search https://cdn.other.example/w.js script url partial=false third=true by " +
			"https://www.shop.example/",
		"#search search https://www.shop.example/api/suggest fetch url partial=false " +
			"third=false by https://www.shop.example/static/suggest.js",
	}
	if g := rows(got); !reflect.DeepEqual(g, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
	}

	for _, f := range got {
		part, text, ok := strings.Cut(f.Evidence, ": ")
		if !ok || !strings.Contains("url headers body frame cookie", part) || len(text) > 130 {
			t.Errorf("%s: evidence %q", row(f), f.Evidence)
		}
		if f.DestinationDomain == "" || !strings.HasSuffix(hostOf(f.Destination), f.DestinationDomain) {
			t.Errorf("%s: destination domain %q", row(f), f.DestinationDomain)
		}
	}
	evidence := map[string]string{
		"https://api.lab-forms.example/v2/" +
			"abandon": `body: {"email":"Ada.Lovelace+lab@Mailbox.example"}`,
		"wss://rt.lab-forms.example/live": `frame: {"n":"Ada Lovel"}`,
		"https://shop.example/": "cookie: lf_e=Ada.Lovelace%2Blab%40Mailbox.example; " +
			"path=/; domain=shop.example",
	}
	for _, f := range got {
		if want, ok := evidence[f.Destination]; ok && f.Evidence != want {
			t.Errorf("%s: evidence %q, want %q", f.Destination, f.Evidence, want)
		}
	}
}

func hostOf(raw string) string { return urlHost(raw) }

// exfilTrace is a one-page visit of shop.example on which an e-mail
// address is typed from 10 s to 12 s, with the given requests.
func exfilTrace(reqs ...trace.Request) *trace.Trace {
	return &trace.Trace{
		Input: "shop.example",
		Pages: []trace.Page{{URL: "https://shop.example/", Started: at(0)},
			{URL: "https://shop.example/c/chairs", Started: at(60000)}},
		Typed: []trace.Typed{{Page: 0, Field: "#email", Kind: "email",
			Value: "grace.hopper.7@navy.example", Started: at(10000), Finished: at(12000)}},
		Requests: reqs,
	}
}

const hopper = "grace.hopper.7@navy.example"

func get(ms int, typ, url string, stack ...string) trace.Request {
	r := trace.Request{Page: 0, Type: typ, Method: "GET", URL: url, Time: at(ms),
		Initiator: trace.Initiator{Type: "script", URL: "https://shop.example/"}}
	for _, s := range stack {
		r.Initiator.Stack = append(r.Initiator.Stack, trace.CallFrame{URL: s})
	}
	return r
}

func TestExfiltrationRules(t *testing.T) {
	const tag = "https://cdn.tags.example/t.js"
	tests := []struct {
		name string
		tr   *trace.Trace
		want []string
	}{
		{"nil trace", nil, []string{}},
		{"nothing typed",
			&trace.Trace{Requests: []trace.Request{get(5, "Fetch", "https://a.example/?e="+hopper)}},
			[]string{}},
		{"before typing " +
			"started", exfilTrace(get(9999, "Fetch", "https://t.example/c?e="+hopper, tag)),
			[]string{}},
		{"during typing", exfilTrace(get(11000, "Fetch", "https://t.example/c?e="+hopper, tag)),
			[]string{"#email email https://t.example/c fetch plain partial=false third=true by " +
				"" + tag}},
		{"on a later page", func() *trace.Trace {
			r := get(61000, "Fetch", "https://t.example/c?e="+hopper, tag)
			r.Page = 1
			return exfilTrace(r)
		}(), []string{}},
		{"after a submit", func() *trace.Trace {
			tr := exfilTrace(get(20000, "Fetch", "https://t.example/c?e="+hopper, tag),
				get(13000, "Fetch", "https://t.example/early?e="+hopper, tag))
			tr.Submits = []trace.Submit{{Page: 0, Kind: "submit", Time: at(15000)},
				{Page: 0, Kind: "navigation", Time: at(5000)}}
			return tr
		}(), []string{"#email email https://t.example/early fetch plain partial=false " +
			"third=true by " + tag}},
		{"keystroke by keystroke, never whole", exfilTrace(
			get(10100, "XHR", "https://t.example/k?v=grace.hopp", tag),
			get(10200, "XHR", "https://t.example/k?v=grace.hoppe", tag),
			get(10300, "XHR", "https://t.example/k?v=grace.hopper.7@na", tag)),
			[]string{"#email email https://t.example/k xhr plain partial=true third=true by " +
				"" + tag}},
		{"keystrokes then the whole value", exfilTrace(
			get(10100, "XHR", "https://t.example/k?v=grace.hopper.7", tag),
			get(10300, "XHR", "https://t.example/k?v="+hopper, tag)),
			[]string{"#email email https://t.example/k xhr plain partial=false third=true by " +
				"" + tag}},
		{"a prefix under half the value", exfilTrace(
			get(10100, "XHR", "https://t.example/k?v=grace.hopper", tag)),
			[]string{}},
		{"received frames are not sends", func() *trace.Trace {
			tr := exfilTrace()
			tr.WebSockets = []trace.WebSocket{{Page: 0, URL: "wss://t.example/" +
				"ws", Frames: []trace.WSFrame{
				{Sent: false, Time: at(11000), Opcode: 1, Payload: hopper}}}}
			return tr
		}(), []string{}},
		{"binary frame", func() *trace.Trace {
			tr := exfilTrace()
			tr.WebSockets = []trace.WebSocket{{Page: 0, URL: "wss://t.example/ws?x=1",
				Initiator: trace.Initiator{Stack: []trace.CallFrame{{URL: tag}}},
				Frames: []trace.WSFrame{{Sent: true, Time: at(11000), Opcode: 2,
					Payload: base64.StdEncoding.EncodeToString([]byte("\x00\x01" + hopper))}}}}
			return tr
		}(), []string{"#email email wss://t.example/ws websocket plain partial=false third=true " +
			"by " + tag}},
		{"the crawler's own code", exfilTrace(
			get(11000, "Fetch", "https://t.example/c?e="+hopper, "exposure://instrument.js")),
			[]string{}},
		{"own frames are skipped in the stack", exfilTrace(
			get(11000, "Fetch", "https://t.example/c?e="+hopper, "exposure://instrument.js", tag)),
			[]string{"#email email https://t.example/c fetch plain partial=false third=true by " +
				"" + tag}},
		{"no stack: the " +
			"initiator", exfilTrace(get(11000, "Image", "https://t.example/p.gif?e="+hopper)),
			[]string{"#email email https://t.example/p.gif image plain partial=false third=true " +
				"by https://shop.example/"}},
	}
	db := loadDB(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := Site{}
			if tt.tr != nil {
				site = NewSite(tt.tr, db)
			}
			got := Exfiltration(tt.tr, site, db)
			if got == nil {
				t.Fatal("nil findings")
			}
			if g := rows(got); !reflect.DeepEqual(g, tt.want) {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(g, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestExfiltrationChannels(t *testing.T) {
	types := map[string]string{"Fetch": "fetch", "XHR": "xhr", "Ping": "beacon", "Image": "image",
		"Script": "script", "Document": "navigation", "WebSocket": "websocket", "Stylesheet": "fetch",
		"Other": "fetch"}
	for typ, want := range types {
		tr := exfilTrace(get(11000, typ, "https://t.example/x?"+
			"e="+hopper, "https://cdn.tags.example/t.js"))
		got := Exfiltration(tr, NewSite(tr, nil), nil)
		if len(got) != 1 || got[0].Channel != want {
			t.Errorf("%s: %q, want one %s finding", typ, rows(got), want)
		}
	}
	tr := exfilTrace(get(11000, "Preflight", "https://t.example/x?e="+hopper))
	if got := Exfiltration(tr, NewSite(tr, nil), nil); len(got) != 0 {
		t.Errorf("preflight: %q", rows(got))
	}
}

// TestExfiltrationLookalikes checks that values that only look like the
// typed one are not reported: a prefix the page showed before typing, a
// prefix shared with another typed value, and a value the page held whole
// before typing.
func TestExfiltrationLookalikes(t *testing.T) {
	const tag = "https://cdn.tags.example/t.js"
	t.Run("prefix in the page's own traffic", func(t *testing.T) {
		// Half the value is 14 runes, but the page fetched
		// /authors/grace.hopper.7 (14 runes) before typing, so 15 are
		// needed.
		pre := get(1000, "Fetch", "https://shop.example/authors/"+
			"grace.hopper.7", "https://shop.example/app.js")
		leak := get(11000, "Fetch", "https://t.example/a?v=grace.hopper.7&x=1", tag)
		tr := exfilTrace(leak)
		if got := Exfiltration(tr, NewSite(tr, nil), nil); len(got) != 1 || !got[0].Partial {
			t.Errorf("14-rune prefix without the page's own: %q", rows(got))
		}
		tr = exfilTrace(pre, leak)
		if got := Exfiltration(tr, NewSite(tr, nil), nil); len(got) != 0 {
			t.Errorf("14-rune prefix the page itself sent: %q", rows(got))
		}
		tr = exfilTrace(pre, get(11000, "Fetch", "https://t.example/a?v=grace.hopper.7@n", tag))
		if got := Exfiltration(tr, NewSite(tr, nil), nil); len(got) != 1 || !got[0].Partial {
			t.Errorf("16-rune prefix: %q", rows(got))
		}
	})
	t.Run("prefix shared with another typed value", func(t *testing.T) {
		tr := exfilTrace(get(11000, "Fetch", "https://t.example/a?"+
			"n=grace.hopper.7%40navy.exa", tag))
		tr.Typed = append(tr.Typed, trace.Typed{Page: 0, Field: "#alt", Kind: "email",
			Value: "grace.hopper.7@navy.exampl.org", Started: at(10000)})
		got := rows(Exfiltration(tr, NewSite(tr, nil), nil))
		if len(got) != 0 {
			t.Errorf("shared prefix reported: %q", got)
		}
	})
	t.Run("value held before typing", func(t *testing.T) {
		tr := exfilTrace(get(1000, "Fetch", "https://shop.example/authors?"+
			"x="+hopper, "https://shop.example/app.js"),
			get(11000, "Fetch", "https://t.example/a?v="+hopper, tag))
		if got := Exfiltration(tr, NewSite(tr, nil), nil); len(got) != 0 {
			t.Errorf("a value the page held was reported: %q", rows(got))
		}
	})
	t.Run("similar but different", func(t *testing.T) {
		tr := exfilTrace(get(11000, "Fetch", "https://t.example/a?"+
			"v=grace.hoppet.7@navy.example", tag),
			get(11000, "Fetch", "https://t.example/b?v=GRACE.HOPPER.7@NAVY.EXAMPLE", tag))
		if got := Exfiltration(tr, NewSite(tr, nil), nil); len(got) != 0 {
			t.Errorf("lookalikes reported: %q", rows(got))
		}
	})
}

func TestExfiltrationDeterministic(t *testing.T) {
	tr := readTrace(t, "exfil-encodings.trace.json")
	db := loadDB(t)
	site := NewSite(tr, db)
	first := Exfiltration(tr, site, db)
	for range 3 {
		if again := Exfiltration(tr, site, db); !reflect.DeepEqual(first, again) {
			t.Fatal("two runs on one trace differ")
		}
	}
	set, _ := Analyze(tr, db)
	if !reflect.DeepEqual(set.Exfiltration, first) {
		t.Error("Analyze does not report the exfiltration findings")
	}
}

// TestExfiltrationStorage finds a typed value a script kept in
// localStorage, and names the script and the storage area.
func TestExfiltrationStorage(t *testing.T) {
	tr := exfilTrace()
	tr.StorageWrites = []trace.StorageWrite{
		{Page: 0, FrameURL: "https://shop.example/", Area: "local", Key: "draft",
			Value: `{"email":"` + hopper + `"}`, Time: at(11500),
			Stack: []trace.CallFrame{{URL: "https://cdn.tags.example/t.js"}}},
		// Written before typing started: not the typed value's doing.
		{Page: 0, FrameURL: "https://shop.example/", Area: "local", Key: "early",
			Value: "x", Time: at(5000)},
	}
	got := Exfiltration(tr, NewSite(tr, nil), nil)
	if len(got) != 1 {
		t.Fatalf("findings = %q, want one", rows(got))
	}
	f := got[0]
	if f.Channel != "storage" || f.Destination != "https://shop.example/" ||
		f.Script != "https://cdn.tags.example/t.js" || f.ThirdParty || f.Encoding != "plain" {
		t.Errorf("finding = %s", row(f))
	}
}
