package lab

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.uber.org/zap"
)

// Bounds of the answers that are drawn out or large.
const (
	// neverLoadsTick is how often the never-loads page sends a blank line.
	neverLoadsTick = 2 * time.Second
	// neverLoadsFor is how long the never-loads page is drawn out before
	// it ends after all, so that a forgotten client does not hold it.
	neverLoadsFor = 10 * time.Minute
	// hugePadding is the least size of the huge page's inline catalogue.
	hugePadding = 300 << 20
)

// splitMark is where a page's answer is held (never-loads) or padded
// (huge-page). It is plain text, so templates keep it as it is.
const splitMark = "HOSTILE-SPLIT"

// hostilePage is what a hostile page template renders.
type hostilePage struct {
	Name  string // the case's name
	Title string // the shop name
	Host  string
	Path  string
}

// popupAdsPage names the template of the pop-up case's ad page.
const popupAdsPage = "popup-ads"

// loadHostilePages parses lab/hostile/templates: layout.html, shared by
// all, and one file per case that has pages, named after the case.
func loadHostilePages(dir string, cases []*hostileCase) (map[string]*template.Template, error) {
	tdir := filepath.Join(dir, "templates")
	layout := filepath.Join(tdir, "layout.html")
	base, err := template.ParseFiles(layout)
	if err != nil {
		return nil, fmt.Errorf("parsing %q: %w", layout, err)
	}
	names := []string{popupAdsPage}
	for _, c := range cases {
		names = append(names, c.name)
	}
	pages := map[string]*template.Template{}
	for _, name := range names {
		file := filepath.Join(tdir, name+".html")
		if _, err := os.Stat(file); err != nil {
			continue // a case that never shows a page
		}
		t, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("copying hostile layout for %q: %w", name, err)
		}
		if pages[name], err = t.ParseFiles(file); err != nil {
			return nil, fmt.Errorf("parsing %q: %w", file, err)
		}
	}
	return pages, nil
}

// render executes a case's page into a byte slice.
func (h *hostile) render(name string, d *hostilePage) ([]byte, error) {
	t := h.pages[name]
	if t == nil {
		return nil, fmt.Errorf("rendering hostile page %q: no template", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", d); err != nil {
		return nil, fmt.Errorf("rendering hostile page %q: %w", name, err)
	}
	return buf.Bytes(), nil
}

// renderCase renders c's page for r, or answers 500 and returns nil.
func (h *hostile) renderCase(w http.ResponseWriter, r *http.Request, c *hostileCase) []byte {
	body, err := h.render(c.name, &hostilePage{
		Name: c.name, Title: c.title, Host: c.host(), Path: r.URL.Path,
	})
	if err != nil {
		h.log.Error("rendering hostile page", zap.String("case", c.name), zap.Error(err))
		http.Error(w, "template error", http.StatusInternalServerError)
		return nil
	}
	return body
}

// servePages answers a hostile site whose every path is the case's page,
// with the case's status, besides its static files and downloads.
func (h *hostile) servePages(c *hostileCase, w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/static/"):
		h.serveStatic(w, r, strings.TrimPrefix(p, "/static/"))
	case strings.HasPrefix(p, "/files/"):
		h.serveFile(w, r, strings.TrimPrefix(p, "/files/"))
	case p == "/favicon.ico":
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPost:
		http.Redirect(w, r, "/", http.StatusSeeOther)
	default:
		body := h.renderCase(w, r, c)
		if body == nil {
			return
		}
		body = bytes.Replace(body, []byte(splitMark), nil, 1)
		status := c.pageStatus
		if status == 0 {
			status = http.StatusOK
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		w.Write(body)
	}
}

// serveStatic sends a first-party file of the hostile pages, else one of
// the lab's shared files (the styles).
func (h *hostile) serveStatic(w http.ResponseWriter, r *http.Request, name string) {
	ctype := staticTypes[path.Ext(name)]
	if ctype == "" || name != path.Base(name) || strings.HasPrefix(name, ".") {
		http.NotFound(w, r)
		return
	}
	for _, dir := range []string{filepath.Join(h.dir, "static"), h.shared} {
		full := filepath.Join(dir, name)
		if st, err := os.Stat(full); err == nil && !st.IsDir() {
			w.Header().Set("Content-Type", ctype)
			http.ServeFile(w, r, full)
			return
		}
	}
	http.NotFound(w, r)
}

// serveFile sends one of the files the downloads case offers.
func (h *hostile) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	f, ok := h.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", f.ctype)
	hd.Set("Content-Length", strconv.Itoa(len(f.body)))
	hd.Set("Content-Disposition", fmt.Sprintf("%s; filename=%q", f.disposition, name))
	w.Write(f.body)
}

// servePopupAd answers the ad page that the pop-up case's windows open.
func (h *hostile) servePopupAd(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/static/") {
		h.serveStatic(w, r, strings.TrimPrefix(r.URL.Path, "/static/"))
		return
	}
	body, err := h.render(popupAdsPage, &hostilePage{
		Name: popupAdsPage, Title: "Today's offer", Host: hostPopupAds, Path: r.URL.Path,
	})
	if err != nil {
		h.log.Error("rendering hostile page", zap.String("case", popupAdsPage), zap.Error(err))
		http.Error(w, "template error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(body)
}

// splitHome renders the case's home page and cuts it at its split mark.
// Any other request is answered as a normal page, and ok is false then,
// as it is when rendering failed (and was answered).
func (h *hostile) splitHome(c *hostileCase, w http.ResponseWriter,
	r *http.Request) (head, tail []byte, ok bool) {
	if r.URL.Path != "/" || r.Method != http.MethodGet {
		h.servePages(c, w, r)
		return nil, nil, false
	}
	body := h.renderCase(w, r, c)
	if body == nil {
		return nil, nil, false
	}
	head, tail, _ = bytes.Cut(body, []byte(splitMark))
	return head, tail, true
}

// serveNeverLoads sends the home page up to its split mark, then holds
// the answer open with a blank line now and then, so that the page never
// finishes loading. The other pages load normally.
func (h *hostile) serveNeverLoads(c *hostileCase, w http.ResponseWriter, r *http.Request) {
	head, tail, ok := h.splitHome(c, w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	rc := http.NewResponseController(w)
	w.Write(head)
	if err := rc.Flush(); err != nil {
		return
	}

	tick := time.NewTicker(neverLoadsTick)
	defer tick.Stop()
	end := time.NewTimer(neverLoadsFor)
	defer end.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case <-end.C:
			w.Write(tail)
			return
		case <-tick.C:
			if _, err := io.WriteString(w, "\n"); err != nil {
				return
			}
			if err := rc.Flush(); err != nil {
				return
			}
		}
	}
}

// serveRedirectLoop sends every path around a cycle of redirects.
func (h *hostile) serveRedirectLoop(_ *hostileCase, w http.ResponseWriter, r *http.Request) {
	next := map[string]string{"/loop/a": "/loop/b", "/loop/b": "/"}
	target, ok := next[r.URL.Path]
	if !ok {
		target = "/loop/a"
	}
	http.Redirect(w, r, target, http.StatusFound)
}

// serveMovedAway redirects every path to the www. name of another lab
// shop, which the lab redirects on to the shop's home page.
func (h *hostile) serveMovedAway(_ *hostileCase, w http.ResponseWriter, r *http.Request) {
	target := "https://www." + h.awayTarget.Host + r.URL.RequestURI()
	http.Redirect(w, r, target, http.StatusMovedPermanently)
}

// serveHugePage sends a home page of more than [hugePadding] bytes: the
// page's markup with a huge inline JSON catalogue at its split mark. The
// other pages are small.
func (h *hostile) serveHugePage(c *hostileCase, w http.ResponseWriter, r *http.Request) {
	head, tail, ok := h.splitHome(c, w, r)
	if !ok {
		return
	}
	open := []byte(`<script type="application/json" id="catalogue">[`)
	chunk := catalogueChunk()
	n := (hugePadding + len(chunk) - 1) / len(chunk)
	closing := []byte(`{"sku":"EV-END"}]</script>`)
	size := len(head) + len(open) + n*len(chunk) + len(closing) + len(tail)

	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Length", strconv.Itoa(size))
	if !writeAll(w, head, open) {
		return
	}
	for range n {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		default:
		}
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
	writeAll(w, closing, tail)
}

// catalogueChunk returns 64 KiB or a little more of JSON catalogue items,
// each followed by a comma.
func catalogueChunk() []byte {
	var b bytes.Buffer
	for i := 1; b.Len() < 64<<10; i++ {
		fmt.Fprintf(&b, `{"sku":"EV-%06d","name":"Everyday item %d","price":"%d.99","stock":%d},`,
			i, i, 3+i%97, i%13)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func writeAll(w io.Writer, parts ...[]byte) bool {
	for _, p := range parts {
		if _, err := w.Write(p); err != nil {
			return false
		}
	}
	return true
}

// serveNotHTML answers the home page with a PDF shown inline.
func (h *hostile) serveNotHTML(_ *hostileCase, w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/", "/price-list.pdf":
		f := h.files["price-list.pdf"]
		hd := w.Header()
		hd.Set("Content-Type", f.ctype)
		hd.Set("Content-Length", strconv.Itoa(len(f.body)))
		hd.Set("Content-Disposition", `inline; filename="price-list.pdf"`)
		w.Write(f.body)
	case "/favicon.ico":
		w.WriteHeader(http.StatusNoContent)
	default:
		http.NotFound(w, r)
	}
}

// serveEmpty503 answers every path with 503 and nothing else.
func (h *hostile) serveEmpty503(_ *hostileCase, w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Retry-After", "120")
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusServiceUnavailable)
}

// serveDrop closes the connection under the request without answering.
// The drops-connection host speaks HTTP/1.1 (see tlsConfigFor), so the
// connection can be taken over; over HTTP/2 the stream is reset instead.
func (h *hostile) serveDrop(_ *hostileCase, w http.ResponseWriter, _ *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	// Close the TCP connection under TLS, without a close_notify: the peer
	// sees the connection end, not a goodbye.
	if tc, ok := conn.(*tls.Conn); ok {
		tc.NetConn().Close()
		return
	}
	conn.Close()
}

// serveDownloadOnly answers every path with a zip as an attachment.
func (h *hostile) serveDownloadOnly(_ *hostileCase, w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/favicon.ico" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	h.serveFile(w, r, "lookbook.zip")
}
