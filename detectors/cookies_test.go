package detectors

import (
	"reflect"
	"testing"
	"time"

	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/trace"
)

func TestCookieSetBy(t *testing.T) {
	db := loadDB(t)
	site := siteOf("https://www.luxe.example/", db)
	const (
		page    = "https://www.luxe.example/"
		home    = "https://www.luxe.example/"
		login   = "https://www.luxe.example/login"
		posthog = "https://us-assets.i.posthog.com/static/array.full.js"
		rum     = "https://www.datadoghq-browser-agent.com/us1/v6/datadog-rum.js"
		app     = "https://www.luxe.example/static/app.js"
	)
	own := trace.CallFrame{URL: "exposure://instrument.js"}
	write := func(ms int, frame, value string, stack ...trace.CallFrame) trace.CookieWrite {
		return trace.CookieWrite{FrameURL: frame, Value: value, Stack: stack, Time: at(ms)}
	}
	response := func(ms int, url string, lines ...string) trace.Request {
		return trace.Request{ID: url, Type: "Document", URL: url, Time: at(ms), SetCookies: lines}
	}
	tests := []struct {
		name   string
		cookie trace.Cookie
		reqs   []trace.Request
		writes []trace.CookieWrite
		want   string
	}{
		{
			name:   "host-only cookie from a response",
			cookie: trace.Cookie{Name: "sid", Domain: "www.luxe.example"},
			reqs:   []trace.Request{response(1, home, "sid=1; Path=/; HttpOnly")},
			want:   home,
		},
		{
			name:   "domain cookie from a response",
			cookie: trace.Cookie{Name: "sid", Domain: ".luxe.example"},
			reqs:   []trace.Request{response(1, login, "sid=1; Domain=.LUXE.example; Path=/")},
			want:   login,
		},
		{
			name:   "later response wins, deletions do not count",
			cookie: trace.Cookie{Name: "sid", Domain: "www.luxe.example"},
			reqs: []trace.Request{
				response(1, home, "sid=1"),
				response(5, login, "sid=2"),
				response(9, page+"logout", "sid=; Max-Age=0"),
				response(10, page+"bye", "sid=; Expires=Thu, 01-Jan-1970 00:00:01 GMT"),
			},
			want: login,
		},
		{
			name:   "several cookies in one header field",
			cookie: trace.Cookie{Name: "cart", Domain: "www.luxe.example"},
			reqs:   []trace.Request{response(1, home, "sid=1; Path=/\ncart=3; Max-Age=60")},
			want:   home,
		},
		{
			name:   "a response for another host does not match",
			cookie: trace.Cookie{Name: "sid", Domain: "www.luxe.example"},
			reqs:   []trace.Request{response(1, "https://chat.lab-widgets.example/", "sid=1")},
			want:   "",
		},
		{
			name:   "a response beats a script",
			cookie: trace.Cookie{Name: "sid", Domain: "www.luxe.example"},
			reqs:   []trace.Request{response(1, home, "sid=1")},
			writes: []trace.CookieWrite{write(5, page, "sid=2", trace.CallFrame{URL: app})},
			want:   home,
		},
		{
			name:   "script at the top of the stack, skipping the crawler's frames",
			cookie: trace.Cookie{Name: "ph_x_posthog", Domain: ".luxe.example"},
			writes: []trace.CookieWrite{write(2, page,
				"ph_x_posthog=%7B%7D; domain=luxe.example; path=/",
				own, trace.CallFrame{URL: posthog}, trace.CallFrame{URL: app})},
			want: posthog,
		},
		{
			name:   "the latest write wins",
			cookie: trace.Cookie{Name: "_dd_s", Domain: "www.luxe.example"},
			writes: []trace.CookieWrite{
				write(9, page, "_dd_s=b", trace.CallFrame{URL: rum}),
				write(3, page, "_dd_s=a", trace.CallFrame{URL: app}),
			},
			want: rum,
		},
		{
			name:   "a deleting write does not count",
			cookie: trace.Cookie{Name: "_dd_s", Domain: "www.luxe.example"},
			writes: []trace.CookieWrite{
				write(3, page, "_dd_s=a", trace.CallFrame{URL: rum}),
				write(9, page, "_dd_s=; expires=Thu, 01 Jan 1970 00:00:00 GMT",
					trace.CallFrame{URL: app}),
			},
			want: rum,
		},
		{
			name:   "max-age wins over a past expires",
			cookie: trace.Cookie{Name: "k", Domain: "www.luxe.example"},
			writes: []trace.CookieWrite{write(3, page,
				"k=v; max-age=600; expires=Thu, 01 Jan 1970 00:00:00 GMT",
				trace.CallFrame{URL: app})},
			want: app,
		},
		{
			name:   "a name prefix is not the name",
			cookie: trace.Cookie{Name: "_dd", Domain: "www.luxe.example"},
			writes: []trace.CookieWrite{write(3, page, "_dd_s=a", trace.CallFrame{URL: rum})},
			want:   "",
		},
		{
			name:   "a write in another frame's domain does not match",
			cookie: trace.Cookie{Name: "v", Domain: "www.luxe.example"},
			writes: []trace.CookieWrite{write(3, "https://chat.lab-widgets.example/f.html", "v=1",
				trace.CallFrame{URL: "https://chat.lab-widgets.example/chat.js"})},
			want: "",
		},
		{
			name:   "a write from a document without a host matches by name",
			cookie: trace.Cookie{Name: "v", Domain: "www.luxe.example"},
			writes: []trace.CookieWrite{write(3, "about:blank", "v=1", trace.CallFrame{URL: app})},
			want:   app,
		},
		{
			name:   "a write with only the crawler's frames names no script",
			cookie: trace.Cookie{Name: "v", Domain: "www.luxe.example"},
			writes: []trace.CookieWrite{write(3, page, "v=1", own)},
			want:   "",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := &trace.Trace{Requests: tc.reqs, CookieWrites: tc.writes,
				Cookies: []trace.Cookie{tc.cookie}}
			got := Cookies(tr, site, db)
			if len(got) != 1 || got[0].SetBy != tc.want {
				t.Errorf("Cookies = %+v, want one with set_by %q", got, tc.want)
			}
		})
	}
}

func TestCookieFields(t *testing.T) {
	db := loadDB(t)
	site := siteOf("https://www.luxe.example/", db)
	tr := &trace.Trace{Cookies: []trace.Cookie{
		{Name: "z", Domain: "www.luxe.example", Path: "/", Expires: -1, Secure: true,
			HTTPOnly: true, SameSite: "Lax"},
		{Name: "a", Domain: ".posthog.com", Path: "/", Expires: 1772618401.75},
		{Name: "b", Domain: ".luxe.example", Path: "/b", Expires: 0},
		{Name: "b", Domain: ".luxe.example", Path: "/a", Expires: 1741083300},
		{Name: "NID", Domain: ".google.com", Path: "/", Expires: 1756972800, SameSite: "None"},
	}}
	want := []findings.Cookie{
		{Name: "NID", Domain: ".google.com", Party: findings.ThirdParty,
			Expires: "2025-09-04T08:00:00Z", SameSite: "None"},
		{Name: "b", Domain: ".luxe.example", Party: findings.FirstParty,
			Expires: "2025-03-04T10:15:00Z"},
		{Name: "b", Domain: ".luxe.example", Party: findings.FirstParty},
		{Name: "a", Domain: ".posthog.com", Party: findings.ThirdParty,
			Expires: "2026-03-04T10:00:01Z"},
		{Name: "z", Domain: "www.luxe.example", Party: findings.FirstParty, SameSite: "Lax",
			Secure: true, HTTPOnly: true},
	}
	if got := Cookies(tr, site, db); !reflect.DeepEqual(got, want) {
		t.Errorf("Cookies =\n%+v\nwant\n%+v", got, want)
	}
}

func TestExpires(t *testing.T) {
	want := time.Date(2026, 3, 4, 10, 0, 1, 0, time.UTC).Format(time.RFC3339)
	if got := expires(1772618401.999); got != want {
		t.Errorf("expires(1772618401.999) = %q, want %q", got, want)
	}
	if got := expires(-1); got != "" {
		t.Errorf("expires(-1) = %q, want empty", got)
	}
}
