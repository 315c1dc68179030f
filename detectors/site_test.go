package detectors

import (
	"reflect"
	"testing"

	"github.com/exposure-audit/exposure/trace"
)

func TestNewSite(t *testing.T) {
	db := loadDB(t)
	tests := []struct {
		name string
		tr   trace.Trace
		want Site
	}{
		{
			name: "final url after redirect",
			tr: trace.Trace{Input: "luxe.example", Sector: "fashion", Pages: []trace.Page{
				{Requested: "https://luxe.example/", URL: "https://www.luxe.example/"}}},
			want: Site{Input: "luxe.example", URL: "https://www.luxe.example/",
				Host: "www.luxe.example", Domain: "luxe.example", Sector: "fashion"},
		},
		{
			name: "error page falls back to the requested url",
			tr: trace.Trace{Input: "https://shop.example/", Pages: []trace.Page{
				{Requested: "https://shop.example/", URL: "chrome-error://chromewebdata/"}}},
			want: Site{Input: "https://shop.example/", URL: "https://shop.example/",
				Host: "shop.example", Domain: "shop.example"},
		},
		{
			name: "no page falls back to a bare input",
			tr:   trace.Trace{Input: " Shop.Example "},
			want: Site{Input: " Shop.Example ", URL: "https://Shop.Example",
				Host: "shop.example", Domain: "shop.example"},
		},
		{
			name: "owner from the tracker database",
			tr: trace.Trace{Input: "store.google.com", Pages: []trace.Page{
				{URL: "https://store.google.com/us/"}}},
			want: Site{Input: "store.google.com", URL: "https://store.google.com/us/",
				Host: "store.google.com", Domain: "google.com", Entity: "Google",
				EntityID: "google"},
		},
		{
			name: "ip address",
			tr:   trace.Trace{Pages: []trace.Page{{URL: "http://127.0.0.1:8080/"}}},
			want: Site{URL: "http://127.0.0.1:8080/", Host: "127.0.0.1", Domain: "127.0.0.1"},
		},
		{
			name: "redirected to another domain",
			tr: trace.Trace{Input: "old-shop.example", Pages: []trace.Page{
				{Requested: "https://old-shop.example/", URL: "https://new-shop.example/"}}},
			want: Site{Input: "old-shop.example", URL: "https://new-shop.example/",
				Host: "new-shop.example", Domain: "new-shop.example",
				Aliases: []string{"old-shop.example"}},
		},
		{
			name: "fallback replaced the first attempt",
			tr: trace.Trace{Input: "shop.example", Pages: []trace.Page{
				{Requested: "https://shop.example/", Superseded: true},
				{Requested: "http://shop.example/", URL: "http://shop.example/"}}},
			want: Site{Input: "shop.example", URL: "http://shop.example/", Host: "shop.example",
				Domain: "shop.example"},
		},
		{
			name: "nothing usable",
			tr:   trace.Trace{Pages: []trace.Page{{URL: "about:blank"}}},
			want: Site{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := NewSite(&tc.tr, db); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("NewSite = %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
