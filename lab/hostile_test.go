package lab

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/publicsuffix"
)

// hostileByName returns the lab's hostile site of that name.
func hostileByName(t *testing.T, l *Lab, name string) HostileSite {
	t.Helper()
	for _, h := range l.Hostile() {
		if h.Name == name {
			return h
		}
	}
	t.Fatalf("no hostile site %q", name)
	return HostileSite{}
}

func TestHostileList(t *testing.T) {
	l := startLab(t)
	list := l.Hostile()
	if len(list) != 19 {
		t.Errorf("Hostile() has %d sites, want 19", len(list))
	}
	seen := map[string]bool{}
	for _, h := range list {
		if seen[h.Name] {
			t.Errorf("name %q listed twice", h.Name)
		}
		seen[h.Name] = true
		if want := "https://" + h.Name + ".example/"; h.URL != want {
			t.Errorf("%s: URL = %q, want %q", h.Name, h.URL, want)
		}
		switch h.WantStatus {
		case wantOK:
			if h.WantError != "" {
				t.Errorf("%s: ok with an expected error %q", h.Name, h.WantError)
			}
		case wantPartial, wantFailed:
			if h.WantError == "" {
				t.Errorf("%s: %s without an expected error", h.Name, h.WantStatus)
			}
		default:
			t.Errorf("%s: WantStatus = %q", h.Name, h.WantStatus)
		}
		if h.WantURL != h.URL && h.Name != caseMovedAway {
			t.Errorf("%s: WantURL = %q, want the URL itself", h.Name, h.WantURL)
		}
		if h.WantThirdParties == nil || h.Notes == "" || strings.Contains(h.Notes, "%!") {
			t.Errorf("%s: third parties %v, notes %q", h.Name, h.WantThirdParties, h.Notes)
		}
	}

	// Callers get their own lists.
	list[0].WantThirdParties = append(list[0].WantThirdParties, ExpectedThirdParty{Domain: "x"})
	if again := l.Hostile(); len(again[0].WantThirdParties) == len(list[0].WantThirdParties) {
		t.Errorf("changing a returned list changed the lab's")
	}
}

func TestHostileMovedAwayExpectsTargetShop(t *testing.T) {
	l := startLab(t)
	h := hostileByName(t, l, caseMovedAway)
	var target *Site
	for _, s := range l.Sites() {
		if s.Kind == KindShop {
			target = &s
			break
		}
	}
	if target == nil {
		t.Fatal("the lab has no shop")
	}
	if h.WantURL != target.URL {
		t.Errorf("WantURL = %q, want the first shop %q", h.WantURL, target.URL)
	}
	if !slices.Equal(h.WantThirdParties, target.Expected.ThirdParties) {
		t.Errorf("WantThirdParties = %v, want the shop's %v", h.WantThirdParties,
			target.Expected.ThirdParties)
	}
	if !strings.Contains(h.Notes, target.URL) {
		t.Errorf("notes do not name the target %s: %q", target.URL, h.Notes)
	}
}

// TestHostilePages fetches the home page of every case that shows one and
// checks its status, that it is a page of that case, and that every
// script it names answers.
func TestHostilePages(t *testing.T) {
	l := startLab(t)
	for _, h := range l.Hostile() {
		c := l.hostile.byHost[h.Name+".example"]
		if l.hostile.pages[c.name] == nil || c.name == caseNeverLoads ||
			c.name == caseHugePage || c.name == caseBadCert {
			continue // no page, or one the other tests read
		}
		t.Run(h.Name, func(t *testing.T) {
			resp, body := get(t, l, h.URL)
			if resp.StatusCode != h.WantHTTPStatus {
				t.Errorf("status = %d, want %d", resp.StatusCode, h.WantHTTPStatus)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			if !strings.Contains(body, "<title>"+c.title+"</title>") ||
				!strings.Contains(body, "hostile-"+h.Name) || strings.Contains(body, splitMark) {
				t.Errorf("page is not the %s page:\n%s", h.Name, body)
			}
			for _, src := range scriptSources(body) {
				u, err := url.Parse(h.URL)
				if err != nil {
					t.Fatal(err)
				}
				ref, _ := u.Parse(src)
				if r, _ := get(t, l, ref.String()); r.StatusCode != http.StatusOK {
					t.Errorf("script %s: status %d", ref, r.StatusCode)
				}
			}
		})
	}
}

var scriptSrc = regexp.MustCompile(`<script[^>]*\ssrc="([^"]+)"`)

func scriptSources(body string) []string {
	var out []string
	for _, m := range scriptSrc.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestHostileThirdPartiesNamed checks each case's expected third parties
// against the third-party hosts its page and its first-party scripts name.
func TestHostileThirdPartiesNamed(t *testing.T) {
	l := startLab(t)
	hostRef := regexp.MustCompile(`https://([a-z0-9.-]+)`)
	for _, h := range l.Hostile() {
		c := l.hostile.byHost[h.Name+".example"]
		if l.hostile.pages[c.name] == nil || c.name == caseBadCert {
			continue // no page, or one no careful client sees
		}
		t.Run(h.Name, func(t *testing.T) {
			body := string(mustRender(t, l, c))
			text := body
			for _, src := range scriptSources(body) {
				if name, ok := strings.CutPrefix(src, "/static/"); ok {
					text += readHostileFile(t, filepath.Join("static", name))
				}
			}
			domains := map[string]bool{}
			for _, m := range hostRef.FindAllStringSubmatch(text, -1) {
				host := m[1]
				if host == c.host() || host == hostPopupAds {
					continue // the site itself; where its pop-ups go
				}
				d, err := publicsuffix.EffectiveTLDPlusOne(host)
				if err != nil {
					t.Fatalf("registrable domain of %q: %v", host, err)
				}
				domains[d] = true
			}
			var want []string
			for _, tp := range h.WantThirdParties {
				want = append(want, tp.Domain)
			}
			got := slices.Sorted(func(yield func(string) bool) {
				for d := range domains {
					if !yield(d) {
						return
					}
				}
			})
			if !slices.Equal(got, want) {
				t.Errorf("page names third parties %v, want %v", got, want)
			}
		})
	}
}

func mustRender(t *testing.T, l *Lab, c *hostileCase) []byte {
	t.Helper()
	body, err := l.hostile.render(c.name, &hostilePage{Name: c.name, Title: c.title,
		Host: c.host(), Path: "/"})
	if err != nil {
		t.Fatal(err)
	}
	return body
}

func readHostileFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("hostile", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHostileStaticFiles(t *testing.T) {
	l := startLab(t)
	cases := []struct {
		url, ctype, contains string
	}{
		{"https://detects-headless.example/static/gatekeeper.js",
			"application/javascript; charset=utf-8", "HeadlessChrome"},
		{"https://confuses-instrumentation.example/static/confuse.js",
			"application/javascript; charset=utf-8", "Error.prepareStackTrace"},
		{"https://dialogs.example/static/fingerprinted.js",
			"application/javascript; charset=utf-8", "FingerprintJS.load()"},
		{"https://dialogs.example/static/base.css", "text/css; charset=utf-8", ".masthead"},
		{"https://" + hostPopupAds + "/offer?n=1", "text/html; charset=utf-8",
			"collector.snplow.net"},
	}
	for _, tc := range cases {
		resp, body := get(t, l, tc.url)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != tc.ctype ||
			!strings.Contains(body, tc.contains) {
			t.Errorf("%s: %d %q, want 200 %q containing %q", tc.url, resp.StatusCode,
				resp.Header.Get("Content-Type"), tc.ctype, tc.contains)
		}
	}
	for _, bad := range []string{"/static/../hostile.go", "/static/.hidden.js", "/static/x.exe"} {
		if resp, _ := get(t, l, "https://dialogs.example"+bad); resp.StatusCode != 404 {
			t.Errorf("%s: status %d, want 404", bad, resp.StatusCode)
		}
	}
}

// TestHostileFormPost checks that the hostile pages' forms lead back home.
func TestHostileFormPost(t *testing.T) {
	l := startLab(t)
	resp, _ := do(t, l, http.MethodPost, "https://dialogs.example/newsletter",
		"application/x-www-form-urlencoded", "email=a%40b.example")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Errorf("POST: %d to %q, want 303 to /", resp.StatusCode, resp.Header.Get("Location"))
	}
}
