package detectors

import (
	"testing"

	"github.com/exposure-audit/exposure/findings"
)

func TestURLHost(t *testing.T) {
	tests := []struct {
		url  string
		want string
	}{
		{"https://WWW.Shop.Example./cart?x=1", "www.shop.example"},
		{"http://127.0.0.1:8080/", "127.0.0.1"},
		{"http://[::1]:8080/log", "::1"},
		{"wss://chat.lab-widgets.example/ws", "chat.lab-widgets.example"},
		{"blob:https://shop.example/5a6b7c8d", "shop.example"},
		{"blob:null/6c7d8e9f", ""},
		{"blob:blob:https://shop.example/x", ""},
		{"filesystem:https://shop.example/temporary/a.js", "shop.example"},
		{"data:text/javascript,alert(1)", ""},
		{"about:blank", ""},
		{"about:srcdoc", ""},
		{"javascript:void(0)", ""},
		{"chrome-extension://aapbdbdomjkkjkaonfhkkikfgjllcleb/content.js", ""},
		{"exposure://instrument.js", ""},
		{"/relative/path.js", ""},
		{"", ""},
		{"http://%zz/", ""},
	}
	for _, tc := range tests {
		if got := urlHost(tc.url); got != tc.want {
			t.Errorf("urlHost(%q) = %q, want %q", tc.url, got, tc.want)
		}
	}
}

func TestRegistrableDomain(t *testing.T) {
	tests := []struct {
		host string
		want string
	}{
		{"us.i.posthog.com", "posthog.com"},
		{"www.google.co.uk", "google.co.uk"},
		// Private suffixes of the list count: each tenant is its own site.
		{"myshop.pages.dev", "myshop.pages.dev"},
		{"d1af033869koo7.cloudfront.net", "d1af033869koo7.cloudfront.net"},
		// Unlisted top-level domains follow the list's default rule.
		{"www.luxe.example", "luxe.example"},
		{"127.0.0.1", "127.0.0.1"},
		{"10.0.0.5", "10.0.0.5"},
		{"::1", "::1"},
		{"localhost", "localhost"},
		{"co.uk", "co.uk"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := registrableDomain(tc.host); got != tc.want {
			t.Errorf("registrableDomain(%q) = %q, want %q", tc.host, got, tc.want)
		}
	}
}

func TestClassifierParty(t *testing.T) {
	db := loadDB(t)
	tests := []struct {
		name   string
		site   string
		host   string
		domain string
		party  findings.Party
	}{
		{"same host", "https://www.luxe.example/", "www.luxe.example", "luxe.example",
			findings.FirstParty},
		{"sibling host", "https://www.luxe.example/", "static.luxe.example", "luxe.example",
			findings.FirstParty},
		{"tracker", "https://www.luxe.example/", "us.i.posthog.com", "posthog.com",
			findings.ThirdParty},
		{"same entity", "https://www.google.com/", "fonts.gstatic.com", "gstatic.com",
			findings.FirstParty},
		{"same entity by listed host", "https://store.google.com/", "adservice.google.com",
			"google.com", findings.FirstParty},
		{"other entity", "https://www.google.com/", "connect.facebook.net", "facebook.net",
			findings.ThirdParty},
		// Two unknown owners are not the same owner.
		{"both unknown", "https://www.luxe.example/", "cdn.jsdelivr.net", "jsdelivr.net",
			findings.ThirdParty},
		{"ip site, same ip", "http://127.0.0.1:8080/", "127.0.0.1", "127.0.0.1",
			findings.FirstParty},
		{"ip site, other ip", "http://127.0.0.1:8080/", "127.0.0.2", "127.0.0.2",
			findings.ThirdParty},
		{"ip site, name", "http://127.0.0.1:8080/", "localhost", "localhost",
			findings.ThirdParty},
		{"no host", "https://www.luxe.example/", "", "", findings.FirstParty},
		{"tenant of a shared suffix", "https://myshop.pages.dev/", "other.pages.dev",
			"other.pages.dev", findings.ThirdParty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newClassifier(siteOf(tc.site, db), db)
			got := c.host(tc.host)
			if got.domain != tc.domain || got.party != tc.party {
				t.Errorf("host(%q) on %s = %q %s, want %q %s",
					tc.host, tc.site, got.domain, got.party, tc.domain, tc.party)
			}
		})
	}
}

func TestClassifierWithoutDB(t *testing.T) {
	c := newClassifier(siteOf("https://www.google.com/", nil), nil)
	if got := c.host("fonts.gstatic.com"); got.party != findings.ThirdParty {
		t.Errorf("without a database gstatic.com on google.com is %s, want third", got.party)
	}
	if got := c.host("mail.google.com"); got.party != findings.FirstParty {
		t.Errorf("without a database mail.google.com on google.com is %s, want first", got.party)
	}
}
