package lab

import (
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"go.uber.org/zap"
)

// serveSite answers a request to one of the lab's shops: its pages, its
// files, and its own small API.
func (l *Lab) serveSite(w http.ResponseWriter, r *http.Request, s *site) {
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/static/"):
		l.serveStatic(w, r, s, strings.TrimPrefix(p, "/static/"))
	case strings.HasPrefix(p, "/api/"):
		l.serveSiteAPI(w, r, s)
	case r.Method == http.MethodPost:
		l.serveSiteForm(w, r, s)
	case p == "/favicon.ico":
		w.WriteHeader(http.StatusNoContent)
	case p == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "User-agent: *\nAllow: /\n")
	default:
		l.servePage(w, r, s)
	}
}

// servePage renders an HTML page. Unknown paths get the site's own 404
// page, which loads the same trackers as every other page.
func (l *Lab) servePage(w http.ResponseWriter, r *http.Request, s *site) {
	cfg := &s.cfg
	d := &pageData{Site: cfg, Host: s.Host, Page: "notfound", Title: "Page not found"}
	status := http.StatusNotFound
	p := r.URL.Path
	switch {
	case p == "/":
		d.Page, d.Title, d.Products = "home", cfg.Tagline, cfg.Products
	case strings.HasPrefix(p, "/c/"):
		if c := cfg.category(strings.TrimPrefix(p, "/c/")); c != nil {
			d.Page, d.Title, d.Category, d.Products = "category", c.Name, c, cfg.productsIn(c.Slug)
		}
	case strings.HasPrefix(p, "/p/"):
		if pr := cfg.product(strings.TrimPrefix(p, "/p/")); pr != nil {
			d.Page, d.Title, d.Product, d.Category = "product", pr.Name, pr, cfg.category(pr.Category)
		}
	case p == "/cart":
		d.Page, d.Title = "cart", "Your cart"
	case p == "/account/login":
		d.Page, d.Title = "login", "Sign in"
	case p == "/legal/privacy":
		d.Page, d.Title = "privacy", "Privacy notice"
	case p == "/search":
		d.Page, d.Query = "search", r.URL.Query().Get("q")
		d.Title, d.Products = "Search", cfg.search(d.Query, len(cfg.Products))
	case p == "/500":
		d.Page, d.Title = "error", "Something went wrong"
		status = http.StatusInternalServerError
	}
	if d.Page != "notfound" && d.Page != "error" {
		status = http.StatusOK
	}
	body, err := l.tmpl.render(s.Host, d)
	if err != nil {
		l.log.Error("rendering page", zap.String("host", s.Host), zap.Error(err))
		http.Error(w, "template error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(body)
}

// serveStatic sends a first-party file: the site's own under
// lab/sites/<host>/static, else the lab's shared one under lab/static.
func (l *Lab) serveStatic(w http.ResponseWriter, r *http.Request, s *site, name string) {
	ctype := staticTypes[path.Ext(name)]
	if ctype == "" || name != path.Base(name) || strings.HasPrefix(name, ".") {
		http.NotFound(w, r)
		return
	}
	for _, dir := range []string{filepath.Join(s.dir, "static"), l.sharedStatic()} {
		full := filepath.Join(dir, name)
		if st, err := os.Stat(full); err == nil && !st.IsDir() {
			w.Header().Set("Content-Type", ctype)
			http.ServeFile(w, r, full)
			return
		}
	}
	http.NotFound(w, r)
}

// sharedStatic is the folder of first-party files every site serves.
func (l *Lab) sharedStatic() string {
	return filepath.Join(l.root, "lab", "static")
}

var staticTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "application/javascript; charset=utf-8",
	".svg": "image/svg+xml",
}

// serveSiteForm answers the sites' plain form posts with a redirect, as a
// shop's server would after storing them.
func (l *Lab) serveSiteForm(w http.ResponseWriter, r *http.Request, s *site) {
	targets := map[string]string{
		"/newsletter":    "/?subscribed=1",
		"/checkout":      "/cart?ordered=1",
		"/account/login": "/account/login?failed=1",
	}
	target, ok := targets[r.URL.Path]
	if !ok {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	l.record(r, s.Host)
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// serveSiteAPI answers the first-party API the sites' own scripts call:
// search suggestions, the first-party chat box and device signals.
func (l *Lab) serveSiteAPI(w http.ResponseWriter, r *http.Request, s *site) {
	switch r.URL.Path {
	case "/api/suggest":
		l.record(r, s.Host)
		q := r.URL.Query().Get("q")
		type suggestion struct {
			Name string `json:"name"`
			URL  string `json:"url"`
		}
		out := []suggestion{}
		for _, p := range s.cfg.search(q, 5) {
			out = append(out, suggestion{Name: p.Name, URL: "/p/" + p.Slug})
		}
		writeJSON(w, http.StatusOK, map[string]any{"query": q, "suggestions": out})
	case "/api/chat":
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		l.record(r, s.Host)
		writeJSON(w, http.StatusOK, map[string]string{"reply": chatReply})
	case "/api/device":
		l.record(r, s.Host)
		w.WriteHeader(http.StatusNoContent)
	default:
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found"})
	}
}

// search returns up to n products whose name or category contains q,
// ignoring case. An empty query matches nothing.
func (c *siteConfig) search(q string, n int) []product {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" {
		return nil
	}
	var out []product
	for _, p := range c.Products {
		if len(out) == n {
			break
		}
		cat := c.category(p.Category)
		if strings.Contains(strings.ToLower(p.Name), q) ||
			strings.Contains(strings.ToLower(cat.Name), q) {
			out = append(out, p)
		}
	}
	return out
}
