package reports

import (
	"time"

	"github.com/exposure-audit/exposure/findings"
)

// The fixed report set of the golden tests. Times are fixed (one of them in
// a non-UTC zone, which New must normalise) so that output is reproducible.

var (
	cest  = time.FixedZone("CEST", 2*60*60)
	start = time.Date(2025, 3, 4, 11, 0, 0, 0, cest)
)

var trackerList = List{
	Name:    "@ghostery/trackerdb",
	Version: "1.0.0",
	License: "CC-BY-NC-SA-4.0",
	Source:  "npm:@ghostery/trackerdb",
}

func fixtures() []*Report {
	return []*Report{exposedShop(), cleanShop(), failedShop(), hostileShop()}
}

func exposedShop() *Report {
	site := Site{
		Input: "https://www.shop.example/", URL: "https://www.shop.example/",
		Domain: "shop.example", Sector: "fashion",
	}
	scan := Scan{
		Started: start, Finished: start.Add(41 * time.Second), Status: StatusOK,
		Pages: []string{"https://www.shop.example/", "https://www.shop.example/checkout"},
		Visits: []Visit{
			{URL: "https://www.shop.example/", Status: 200, Title: "Shop & Co"},
			{URL: "https://www.shop.example/checkout", Status: 200, Title: "Checkout"},
		},
		ToolVersion: "exposure 0.1.0", BrowserVersion: "Chromium 156.0.7000.0",
		Lists: []List{trackerList}, Trace: "shop.example.trace.json.gz",
		Screenshot: "shop.example.png",
	}
	set := findings.Set{
		ThirdParties: []findings.ThirdPartyDomain{
			{Domain: "fullstory.com", Entity: "FullStory",
				Categories: []string{"session_replay"}, Requests: 12,
				Scripts: []string{"https://edge.fullstory.com/s/fs.js"}, Cookies: 1},
			{Domain: "fpjs.io", Categories: []string{}, Requests: 3,
				Scripts: []string{"https://fpjs.io/v4/loader.js"}},
			{Domain: "google-analytics.com", Entity: "Google",
				Categories: []string{"site_analytics"}, Requests: 4},
		},
		Scripts: []findings.Script{
			{URL: "https://www.shop.example/app.js", Domain: "shop.example",
				Party: findings.FirstParty, Frame: "https://www.shop.example/"},
			{URL: "https://edge.fullstory.com/s/fs.js", Domain: "fullstory.com",
				Party: findings.ThirdParty, Frame: "https://www.shop.example/"},
			{URL: "https://fpjs.io/v4/loader.js", Domain: "fpjs.io",
				Party: findings.ThirdParty, Frame: "https://www.shop.example/"},
		},
		KeystrokeListeners: []findings.KeystrokeListener{
			{Script: "https://edge.fullstory.com/s/fs.js", Event: "input",
				Target: "document", FieldKind: "other", Party: findings.ThirdParty},
			{Script: "https://www.shop.example/app.js", Event: "keyup",
				Target: "input#email", FieldKind: "email", Party: findings.FirstParty},
		},
		Exfiltration: []findings.Exfiltration{
			{Field: "input#email", FieldKind: "email",
				Destination:       "https://rs.fullstory.com/rec/bundle?OrgId=o-1&n=3",
				DestinationDomain: "fullstory.com", Channel: "fetch",
				Encoding: "gzip+base64", Partial: true,
				Script: "https://edge.fullstory.com/s/fs.js", ThirdParty: true,
				Evidence: "prefix of the typed e-mail in the third request body"},
		},
		Fingerprinting: []findings.Fingerprint{
			{Script: "https://fpjs.io/v4/loader.js", Technique: "canvas",
				APIs: map[string]int{
					"HTMLCanvasElement.toDataURL":       2,
					"CanvasRenderingContext2D.fillText": 14,
				},
				Evidence: "drew text and read the canvas back"},
			{Script: "https://fpjs.io/v4/loader.js", Technique: "webgl",
				APIs:     map[string]int{"WebGLRenderingContext.getParameter": 31},
				Evidence: "read the unmasked renderer"},
		},
		SessionRecorders: []findings.SessionRecorder{
			{Script: "https://edge.fullstory.com/s/fs.js", Vendor: "FullStory",
				Evidence: "serialised the DOM and streamed mutations"},
		},
		Cookies: []findings.Cookie{
			{Name: "session", Domain: "www.shop.example", Party: findings.FirstParty,
				SetBy: "https://www.shop.example/", Secure: true, HTTPOnly: true,
				SameSite: "Lax"},
			{Name: "fs_uid", Domain: ".fullstory.com", Party: findings.ThirdParty,
				SetBy:   "https://edge.fullstory.com/s/fs.js",
				Expires: "2026-03-04T09:00:00Z", SameSite: "None", Secure: true},
		},
	}
	return New(site, scan, set)
}

func cleanShop() *Report {
	site := Site{Input: "clean.example", URL: "https://clean.example/",
		Domain: "clean.example", Sector: "fashion"}
	scan := Scan{
		Started: start, Finished: start.Add(9 * time.Second), Status: StatusOK,
		Pages:       []string{"https://clean.example/"},
		Visits:      []Visit{{URL: "https://clean.example/", Status: 200}},
		ToolVersion: "exposure 0.1.0", BrowserVersion: "Chromium 156.0.7000.0",
		Lists: []List{trackerList},
	}
	return New(site, scan, findings.Empty())
}

// failedShop comes with nil slices everywhere, as a crash would leave them.
func failedShop() *Report {
	site := Site{Input: "down.example", Sector: "grocery"}
	scan := Scan{
		Started: start, Finished: start.Add(30 * time.Second), Status: StatusFailed,
		Errors: []string{"navigating to \"https://down.example/\": " +
			"net::ERR_CONNECTION_REFUSED"},
		Visits:      []Visit{{URL: "https://down.example/", Error: "net::ERR_CONNECTION_REFUSED"}},
		ToolVersion: "exposure 0.1.0", BrowserVersion: "Chromium 156.0.7000.0",
	}
	return New(site, scan, findings.Set{})
}

// hostileShop carries values a hostile site or input list controls.
func hostileShop() *Report {
	site := Site{
		Input:  `=HYPERLINK("http://127.0.0.1/x","click")`,
		URL:    "javascript:alert(1)",
		Domain: "evil.example", Sector: "grocery",
	}
	scan := Scan{
		Started: start, Finished: start.Add(60 * time.Second), Status: StatusPartial,
		Errors: []string{
			"-page \"/cart\" timed out, after 20s",
			"line one\nline two",
		},
		Pages: []string{"https://evil.example/"},
		Visits: []Visit{{URL: "https://evil.example/", Status: 200, Partial: true,
			Title: `"><img src=x onerror=alert(2)>`}},
		ToolVersion: "exposure 0.1.0", BrowserVersion: "Chromium 156.0.7000.0",
		Lists: []List{trackerList},
	}
	set := findings.Empty()
	set.ThirdParties = []findings.ThirdPartyDomain{
		{Domain: "fullstory.com", Entity: "FullStory", Categories: []string{"session_replay"},
			Requests: 2, Scripts: []string{"https://edge.fullstory.com/s/fs.js"}},
	}
	set.Cookies = []findings.Cookie{
		{Name: "<script>alert(1)</script>", Domain: "evil.example",
			Party: findings.FirstParty, SetBy: "javascript:alert('set')"},
		{Name: "@evil", Domain: ".fullstory.com", Party: findings.ThirdParty},
	}
	set.Exfiltration = []findings.Exfiltration{
		{Field: `input[name="q"]`, FieldKind: "search",
			Destination: "https://evil.example/suggest?q=abc", DestinationDomain: "evil.example",
			Channel: "xhr", Encoding: "url", Script: "https://evil.example/s.js"},
	}
	return New(site, scan, set)
}
