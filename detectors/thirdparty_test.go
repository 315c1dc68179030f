package detectors

import (
	"reflect"
	"testing"

	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/trace"
)

func TestThirdParties(t *testing.T) {
	db := loadDB(t)
	site := siteOf("https://www.luxe.example/", db)
	tests := []struct {
		name string
		tr   trace.Trace
		want []findings.ThirdPartyDomain
	}{
		{
			name: "empty trace",
			tr:   trace.Trace{},
			want: []findings.ThirdPartyDomain{},
		},
		{
			name: "first party only",
			tr: trace.Trace{Requests: []trace.Request{
				{ID: "1", Type: "Document", URL: "https://www.luxe.example/"},
				{ID: "2", Type: "Script", URL: "https://static.luxe.example/app.js"},
				{ID: "3", Type: "Image", URL: "data:image/gif;base64,R0lGOD"},
			}},
			want: []findings.ThirdPartyDomain{},
		},
		{
			name: "hosts grouped by registrable domain with their categories",
			tr: trace.Trace{Requests: []trace.Request{
				{ID: "1", Type: "Script",
					URL: "https://us-assets.i.posthog.com/static/array.full.js"},
				{ID: "2", Type: "Fetch", URL: "https://us.i.posthog.com/e/"},
				{ID: "3", Type: "Script", URL: "https://www.google.com/recaptcha/api.js"},
				{ID: "4", Type: "Script", URL: "https://adservice.google.com/adsid/integrator.js"},
			}},
			want: []findings.ThirdPartyDomain{
				{Domain: "google.com", Entity: "Google", Categories: []string{"advertising"},
					Requests: 2, Scripts: []string{
						"https://adservice.google.com/adsid/integrator.js",
						"https://www.google.com/recaptcha/api.js"}},
				{Domain: "posthog.com", Entity: "PostHog", Categories: []string{"site_analytics"},
					Requests: 2,
					Scripts:  []string{"https://us-assets.i.posthog.com/static/array.full.js"}},
			},
		},
		{
			name: "redirect hops and failures count as requests, not as scripts",
			tr: trace.Trace{Requests: []trace.Request{
				{ID: "1.a", Type: "Script", URL: "https://cdn.jsdelivr.net/npm/a@1/a.js",
					RedirectedTo: "https://cdn.jsdelivr.net/npm/a@1.0.1/a.js"},
				{ID: "1.b", Type: "Script", URL: "https://cdn.jsdelivr.net/npm/a@1.0.1/a.js"},
				{ID: "2", Type: "Script", URL: "https://cdn.jsdelivr.net/npm/b@2/b.js",
					Failed: true},
				{ID: "3", Type: "Script", URL: "https://cdn.jsdelivr.net/npm/a@1.0.1/a.js"},
			}},
			want: []findings.ThirdPartyDomain{
				{Domain: "jsdelivr.net", Categories: []string{"hosting"}, Requests: 4,
					Scripts: []string{"https://cdn.jsdelivr.net/npm/a@1.0.1/a.js"}},
			},
		},
		{
			name: "websockets count once, parsed scripts and cookies join their domain",
			tr: trace.Trace{
				Requests: []trace.Request{
					{ID: "S2.7", Type: "WebSocket", URL: "wss://chat.lab-widgets.example/ws"},
				},
				WebSockets: []trace.WebSocket{
					{ID: "S2.7", URL: "wss://chat.lab-widgets.example/ws"},
					{ID: "S2.8", URL: "wss://live.lab-widgets.example/ws"},
				},
				Scripts: []trace.Script{
					{ID: "a", URL: "https://chat.lab-widgets.example/widget.js"},
					{ID: "b", URL: "exposure://instrument.js"},
					{ID: "c", Inline: "inline:https://chat.lab-widgets.example/#0",
						FrameURL: "https://chat.lab-widgets.example/"},
				},
				Cookies: []trace.Cookie{
					{Name: "v", Domain: ".lab-widgets.example"},
					{Name: "w", Domain: "chat.lab-widgets.example"},
					{Name: "sid", Domain: "www.luxe.example"},
				},
			},
			want: []findings.ThirdPartyDomain{
				{Domain: "lab-widgets.example", Categories: []string{}, Requests: 2,
					Scripts: []string{"https://chat.lab-widgets.example/widget.js"},
					Cookies: 2},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ThirdParties(&tc.tr, site, db)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ThirdParties =\n%+v\nwant\n%+v", got, tc.want)
			}
		})
	}
}
