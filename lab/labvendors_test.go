package lab

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestLabVendorScripts(t *testing.T) {
	l := startLab(t)
	for host, files := range labVendorFiles {
		for p := range files {
			resp, body := get(t, l, "https://"+host+p)
			if resp.StatusCode != http.StatusOK || !strings.Contains(body, "LAB-WRITTEN") {
				t.Errorf("%s%s: status %d, lab-written mark missing", host, p, resp.StatusCode)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/"+
				"javascript") {
				t.Errorf("%s%s: content type %q", host, p, ct)
			}
		}
		if resp, _ := get(t, l, "https://"+host+"/nothing.js"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s/nothing.js: status %d, want 404", host, resp.StatusCode)
		}
	}
}

func TestLabVendorCollectors(t *testing.T) {
	l := startLab(t)
	tests := []struct {
		method, url, ctype, body string
		status                   int
	}{
		{http.MethodGet, "https://px.lab-ads.example/tr?id=1&ev=PageView&ud%5Bem%5D=abc", "", "",
			http.StatusOK},
		{http.MethodPost, "https://api.lab-forms.example/v2/capture", "text/plain;charset=UTF-8",
			"N4IgLgngDgpiBcIBmBLGAbAJiANMg9gE4C2CIAdjAO4DO6MYYMhuyaWNCoMxAhiujIBBTLwB0AGXwA3DLwDG" +
				"MANTpeAIwACfAWvwAPMTD29iUeq3Im4iEbwAEU2asUgAvq6A",
			http.StatusNoContent},
		{http.MethodPost, "https://px.lab-ads.example/sw", "text/plain",
			`{"cores":8,"tz":"UTC","canvas":"9f2c"}`, http.StatusNoContent},
		{http.MethodGet, "https://px.lab-ads.example/sw", "", "", http.StatusNotFound},
		{http.MethodPost, "https://api.lab-mail.example/v1/subscribe", "application/json",
			`{"list":"news","email":"a@b.example"}`, http.StatusOK},
		{http.MethodGet, "https://api.lab-forms.example/v2/capture", "", "", http.StatusNotFound},
	}
	for _, tt := range tests {
		resp, _ := do(t, l, tt.method, tt.url, tt.ctype, tt.body)
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.url, resp.StatusCode, tt.status)
		}
	}
	var hosts []string
	for _, c := range l.Captures() {
		hosts = append(hosts, c.Host)
	}
	for _, want := range []string{hostAdsPixel, hostFormsAPI, hostMailAPI} {
		if !slices.Contains(hosts, want) {
			t.Errorf("nothing captured for %s (captured %q)", want, hosts)
		}
	}
}

// TestExpectedExfiltration checks each site's expected exfiltration
// against the report contract's names and the site's third parties.
func TestExpectedExfiltration(t *testing.T) {
	l := startLab(t)
	kinds := []string{"email", "search", "chat"}
	channels := []string{"fetch", "xhr", "beacon", "websocket", "image", "script", "navigation",
		"cookie", "storage"}
	for _, s := range l.Sites() {
		if s.Kind == KindControl && len(s.Expected.Exfiltration) != 0 {
			t.Errorf("control %s expects exfiltration", s.Host)
		}
		for _, e := range s.Expected.Exfiltration {
			known := true
			for _, c := range strings.Split(e.Channel, "|") {
				known = known && slices.Contains(channels, c)
			}
			if !slices.Contains(kinds, e.FieldKind) || !known || e.Encoding == "" {
				t.Errorf("%s: bad entry %+v", s.Host, e)
			}
			third := slices.ContainsFunc(s.Expected.ThirdParties, func(tp ExpectedThirdParty) bool {
				return tp.Domain == e.DestinationDomain
			})
			if third != e.ThirdParty || (!third && e.DestinationDomain != s.Host) {
				t.Errorf("%s: %+v does not agree with the site's third parties", s.Host, e)
			}
		}
	}
}
