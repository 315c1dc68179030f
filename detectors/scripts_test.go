package detectors

import (
	"reflect"
	"testing"

	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/trace"
)

func TestScripts(t *testing.T) {
	db := loadDB(t)
	site := siteOf("https://www.luxe.example/", db)
	const page = "https://www.luxe.example/"
	posthog := "https://us-assets.i.posthog.com/static/array.full.js"
	tests := []struct {
		name string
		in   []trace.Script
		want []findings.Script
	}{
		{
			name: "urls classified by their host",
			in: []trace.Script{
				{ID: "1", URL: posthog, FrameURL: page},
				{ID: "2", URL: "https://static.luxe.example/app.js", FrameURL: page},
			},
			want: []findings.Script{
				{URL: "https://static.luxe.example/app.js", Domain: "luxe.example",
					Party: findings.FirstParty, Frame: page},
				{URL: posthog, Domain: "posthog.com", Party: findings.ThirdParty, Frame: page},
			},
		},
		{
			name: "the crawler's own code is left out",
			in: []trace.Script{
				{ID: "1", URL: "exposure://instrument.js", FrameURL: page},
				{ID: "2", FrameURL: page, Inline: "inline:" + page + "#4",
					Stack: []trace.CallFrame{{URL: "exposure://instrument.js"}}},
			},
			want: []findings.Script{},
		},
		{
			name: "inline code belongs to its creator, else to its document",
			in: []trace.Script{
				{ID: "1", FrameURL: page, Inline: "inline:" + page + "#0"},
				{ID: "2", FrameURL: page, Inline: "inline:" + page + "#1",
					Stack: []trace.CallFrame{
						{URL: "exposure://instrument.js"}, {URL: ""}, {URL: posthog}}},
				{ID: "3", FrameURL: "https://chat.lab-widgets.example/frame.html",
					Inline: "inline:https://chat.lab-widgets.example/frame.html#0"},
			},
			want: []findings.Script{
				{URL: "inline:https://chat.lab-widgets.example/frame.html#0",
					Domain: "lab-widgets.example", Party: findings.ThirdParty,
					Frame: "https://chat.lab-widgets.example/frame.html"},
				{URL: "inline:" + page + "#0", Domain: "luxe.example",
					Party: findings.FirstParty, Frame: page},
				{URL: "inline:" + page + "#1", Domain: "posthog.com",
					Party: findings.ThirdParty, Frame: page},
			},
		},
		{
			name: "code without a name gets one from its frame and id",
			in: []trace.Script{
				{ID: "S1.77", FrameURL: page},
				{ID: "S1.78", Inline: "inline:https://www.luxe.example/p/1#2"},
			},
			want: []findings.Script{
				{URL: "inline:" + page + "#id-S1.77", Domain: "luxe.example",
					Party: findings.FirstParty, Frame: page},
				{URL: "inline:https://www.luxe.example/p/1#2", Domain: "luxe.example",
					Party: findings.FirstParty},
			},
		},
		{
			name: "blob, data and extension urls",
			in: []trace.Script{
				{ID: "1", URL: "blob:https://www.luxe.example/a1", FrameURL: page},
				{ID: "2", URL: "blob:https://chat.lab-widgets.example/b2", FrameURL: page},
				{ID: "3", URL: "data:text/javascript,1", FrameURL: page},
				{ID: "4", URL: "chrome-extension://abc/content.js", FrameURL: page},
			},
			want: []findings.Script{
				{URL: "blob:https://chat.lab-widgets.example/b2", Domain: "lab-widgets.example",
					Party: findings.ThirdParty, Frame: page},
				{URL: "blob:https://www.luxe.example/a1", Domain: "luxe.example",
					Party: findings.FirstParty, Frame: page},
				{URL: "chrome-extension://abc/content.js", Party: findings.FirstParty,
					Frame: page},
				{URL: "data:text/javascript,1", Party: findings.FirstParty, Frame: page},
			},
		},
		{
			name: "the same script in the same frame is listed once",
			in: []trace.Script{
				{ID: "1", URL: posthog, FrameURL: page},
				{ID: "2", URL: posthog, FrameURL: page},
				{ID: "3", URL: posthog, FrameURL: page + "cart"},
			},
			want: []findings.Script{
				{URL: posthog, Domain: "posthog.com", Party: findings.ThirdParty, Frame: page},
				{URL: posthog, Domain: "posthog.com", Party: findings.ThirdParty,
					Frame: page + "cart"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Scripts(&trace.Trace{Scripts: tc.in}, site, db)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Scripts =\n%+v\nwant\n%+v", got, tc.want)
			}
		})
	}
}
