package detectors

import (
	"fmt"
	"testing"

	"github.com/exposure-audit/exposure/trace"
)

// bigTrace builds a busy visit: 5,000 requests over 250 hosts of 50
// registrable domains (a tenth of them trackers the database knows), 600
// scripts, 200 cookies and 400 cookie writes.
func bigTrace() *trace.Trace {
	known := []string{"posthog.com", "google-analytics.com", "facebook.net",
		"browser-intake-datadoghq.com", "doubleclick.net"}
	host := func(i int) string {
		d := i % 50
		if d < len(known) {
			return fmt.Sprintf("h%d.%s", i%5, known[d])
		}
		return fmt.Sprintf("h%d.vendor%d.example", i%5, d)
	}
	t := &trace.Trace{Input: "bench.example",
		Pages: []trace.Page{{URL: "https://www.bench.example/"}}}
	for i := range 5000 {
		typ := "Fetch"
		if i%8 == 0 {
			typ = "Script"
		}
		r := trace.Request{ID: fmt.Sprint("r", i), Type: typ, Time: at(i),
			URL: fmt.Sprintf("https://%s/p/%d.js?x=%d", host(i%250), i%40, i)}
		if i%50 == 0 {
			r.SetCookies = []string{fmt.Sprintf("c%d=v; Path=/; Max-Age=600", i%200)}
		}
		t.Requests = append(t.Requests, r)
	}
	for i := range 600 {
		t.Scripts = append(t.Scripts, trace.Script{ID: fmt.Sprint("s", i),
			URL:      fmt.Sprintf("https://%s/p/%d.js", host(i%250), i%40),
			FrameURL: "https://www.bench.example/"})
	}
	for i := range 200 {
		t.Cookies = append(t.Cookies, trace.Cookie{Name: fmt.Sprint("c", i),
			Domain: "." + registrableDomain(host(i)), Path: "/", Expires: 1772618401})
	}
	for i := range 400 {
		t.CookieWrites = append(t.CookieWrites, trace.CookieWrite{
			FrameURL: "https://www.bench.example/", Time: at(i),
			Value: fmt.Sprintf("c%d=v; domain=bench.example", i%200),
			Stack: []trace.CallFrame{{URL: "exposure://instrument.js"},
				{URL: fmt.Sprintf("https://%s/p/1.js", host(i))}}})
	}
	return t
}

func BenchmarkAnalyze(b *testing.B) {
	db := loadDB(b)
	t := bigTrace()
	set, _ := Analyze(t, db)
	if len(set.ThirdParties) != 50 {
		b.Fatalf("bench trace has %d third-party domains, want 50", len(set.ThirdParties))
	}
	b.ReportAllocs()
	for b.Loop() {
		Analyze(t, db)
	}
}
