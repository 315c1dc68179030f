package lab

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// page is what the tests read from one HTML page.
type page struct {
	links   []string // href of every <a>
	scripts []string // src of every <script src>
	ids     map[string]string
	inline  []string // text of inline scripts
}

func parsePage(t *testing.T, body string) *page {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parsing HTML: %v", err)
	}
	p := &page{ids: map[string]string{}}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		attr := func(k string) string {
			for _, a := range n.Attr {
				if a.Key == k {
					return a.Val
				}
			}
			return ""
		}
		if id := attr("id"); id != "" {
			p.ids[id] = n.Data + "[" + attr("type") + "]"
		}
		switch n.Data {
		case "a":
			p.links = append(p.links, attr("href"))
		case "script":
			if src := attr("src"); src != "" {
				p.scripts = append(p.scripts, src)
			} else if n.FirstChild != nil {
				p.inline = append(p.inline, n.FirstChild.Data)
			}
		}
	}
	return p
}

// firstLink returns the first link with the prefix, or "".
func (p *page) firstLink(prefix string) string {
	for _, l := range p.links {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// sitePages returns the paths of a site's pages, found by following the
// home page's links as a crawler would.
func sitePages(t *testing.T, l *Lab, s Site) []string {
	t.Helper()
	resp, body := get(t, l, s.URL)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: home status %d", s.Host, resp.StatusCode)
	}
	home := parsePage(t, body)
	paths := []string{"/"}
	for _, prefix := range []string{"/c/", "/p/", "/cart", "/account/login", "/legal/privacy"} {
		link := home.firstLink(prefix)
		if link == "" {
			t.Errorf("%s: home page has no link to %s", s.Host, prefix)
			continue
		}
		paths = append(paths, link)
	}
	return paths
}

func TestEveryPageAnswers(t *testing.T) {
	l := startLab(t)
	for _, s := range l.Sites() {
		t.Run(s.Host, func(t *testing.T) {
			for _, p := range append(sitePages(t, l, s), "/search?q=a") {
				resp, body := get(t, l, "https://"+s.Host+p)
				if resp.StatusCode != http.StatusOK {
					t.Errorf("%s: status %d, want 200", p, resp.StatusCode)
					continue
				}
				if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
					t.Errorf("%s: Content-Type %q", p, ct)
				}
				checkPage(t, l, s, p, parsePage(t, body))
			}
		})
	}
}

// checkPage checks what every page must have: the newsletter e-mail field,
// a chat box, links back to the shop, and scripts that all load.
func checkPage(t *testing.T, l *Lab, s Site, path string, pg *page) {
	t.Helper()
	if got := pg.ids["newsletter-email"]; got != "input[email]" {
		t.Errorf("%s: newsletter field is %q, want an e-mail input", path, got)
	}
	hasWidget := false
	for _, src := range pg.scripts {
		hasWidget = hasWidget || strings.HasPrefix(src, "https://"+hostChat+"/")
	}
	if !hasWidget && pg.ids["chat-input"] != "textarea[]" {
		t.Errorf("%s: neither the chat widget nor a chat box", path)
	}
	for _, want := range []string{"/", "/cart", "/account/login", "/legal/privacy"} {
		if pg.firstLink(want) == "" {
			t.Errorf("%s: no link to %s", path, want)
		}
	}
	for _, src := range pg.scripts {
		checkScript(t, l, s, path, src)
	}
}

// checkScript fetches one script a page references and checks that it is
// served as JavaScript.
func checkScript(t *testing.T, l *Lab, s Site, path, src string) {
	t.Helper()
	u, err := url.Parse(src)
	if err != nil {
		t.Errorf("%s: script %q: %v", path, src, err)
		return
	}
	full := (&url.URL{Scheme: "https", Host: s.Host, Path: path}).ResolveReference(u)
	resp, body := get(t, l, full.String())
	if resp.StatusCode != http.StatusOK {
		t.Errorf("%s: script %s: status %d", path, full, resp.StatusCode)
		return
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/javascript") {
		t.Errorf("%s: script %s: Content-Type %q", path, full, ct)
	}
	if len(body) == 0 {
		t.Errorf("%s: script %s is empty", path, full)
	}
	if full.Host != s.Host && resp.Header.Get("Access-Control-Allow-Origin") == "" {
		t.Errorf("%s: third-party script %s lacks CORS headers", path, full)
	}
}

func TestErrorPagesKeepTrackers(t *testing.T) {
	l := startLab(t)
	for _, s := range l.Sites() {
		_, homeBody := get(t, l, s.URL)
		want := parsePage(t, homeBody).scripts
		for path, status := range map[string]int{
			"/404": http.StatusNotFound, "/no/such/page": http.StatusNotFound,
			"/p/no-such-product": http.StatusNotFound, "/500": http.StatusInternalServerError,
		} {
			resp, body := get(t, l, "https://"+s.Host+path)
			if resp.StatusCode != status {
				t.Errorf("%s%s: status %d, want %d", s.Host, path, resp.StatusCode, status)
			}
			got := parsePage(t, body).scripts
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%s%s: scripts %v, want the home page's %v", s.Host, path, got, want)
			}
		}
	}
}

func TestSearchSuggestions(t *testing.T) {
	l := startLab(t)
	resp, body := get(t, l, "https://voltcart.example/api/suggest?q=PHONE")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{`"query":"PHONE"`, `"url":"/p/pixelphone-9"`,
		`"url":"/p/budget-phone-a5"`} {
		if !strings.Contains(body, want) {
			t.Errorf("suggestions %s lack %s", body, want)
		}
	}
	if strings.Contains(body, "ultrabook") {
		t.Errorf("suggestions %s hold a product that does not match", body)
	}
	caps := l.Captures()
	n := len(caps)
	if n == 0 || caps[n-1].Query != "q=PHONE" || caps[n-1].Host != "voltcart.example" {
		t.Errorf("suggestion request not captured: %+v", caps)
	}
}

func TestFormsRedirect(t *testing.T) {
	l := startLab(t)
	form := "application/x-www-form-urlencoded"
	for path, want := range map[string]string{
		"/newsletter":    "/?subscribed=1",
		"/checkout":      "/cart?ordered=1",
		"/account/login": "/account/login?failed=1",
	} {
		resp, _ := do(t, l, http.MethodPost, "https://paper-lane.example"+path, form, "email=a%40b.test")
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
			t.Errorf("POST %s: %d to %q, want 303 to %q", path, resp.StatusCode,
				resp.Header.Get("Location"), want)
		}
	}
}

func TestStaticFilesStayInside(t *testing.T) {
	l := startLab(t)
	for _, p := range []string{"/static/../site.json", "/static/..%2fsite.json",
		"/static/.hidden.js", "/static/site.json", "/static/nope.js"} {
		resp, _ := get(t, l, "https://glowhaus.example"+p)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, resp.StatusCode)
		}
	}
	resp, body := get(t, l, "https://glowhaus.example/static/theme.css")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "--accent") {
		t.Errorf("theme.css: status %d, body %q", resp.StatusCode, body)
	}
}
