package lab

import (
	"fmt"
	"html/template"
	"net/http"
	"path/filepath"
	"slices"
	"sync"

	"go.uber.org/zap"
)

// HostileSite is one hostile case of the lab: a site that misbehaves the
// way some real sites do, under its own host name, with what a scan of it
// must report.
type HostileSite struct {
	// Name is the case's short name, such as "never-loads". The site's
	// host is Name + ".example".
	Name string
	// URL is where a scan of the case starts.
	URL string
	// WantStatus is the report's scan.status: "ok", "partial" or "failed".
	WantStatus string
	// WantError is a substring that one of the report's scan.errors must
	// contain, or "" when the report must have no errors at all.
	WantError string
	// WantURL is the report's site.url, the final URL after redirects: URL
	// itself unless the case redirects to another site. When no page can
	// load it is URL too, the address that was tried.
	WantURL string
	// WantHTTPStatus is the HTTP status the home page's visit records, or
	// 0 when the home page gets no HTTP response a browser shows.
	WantHTTPStatus int
	// WantThirdParties lists exactly the third-party registrable domains
	// the report must name, in the form of [Expected.ThirdParties]. It is
	// empty when the report must name none.
	WantThirdParties []ExpectedThirdParty
	// Notes says what the site does, what a scan must survive, and why the
	// expectation is what it is.
	Notes string
}

// Hostile lists the lab's hostile sites, in a fixed order. They are not
// among [Lab.Sites]: they are not shops to audit but traps a scan must
// come out of with the right status and a clear error, leaving the scans
// of other sites unaffected.
func (l *Lab) Hostile() []HostileSite {
	out := make([]HostileSite, 0, len(l.hostile.cases))
	for _, c := range l.hostile.cases {
		hs := HostileSite{
			Name:             c.name,
			URL:              "https://" + c.host() + "/",
			WantStatus:       c.status,
			WantError:        c.err,
			WantURL:          "https://" + c.host() + "/",
			WantHTTPStatus:   c.httpStatus,
			WantThirdParties: slices.Clone(c.third),
			Notes:            c.notes,
		}
		if c.name == caseMovedAway {
			// The report is about the site the visitor ends up on.
			target := l.hostile.awayTarget
			hs.WantURL = target.URL
			hs.WantThirdParties = slices.Clone(target.Expected.ThirdParties)
			hs.Notes = fmt.Sprintf(c.notes, target.URL)
		}
		if hs.WantThirdParties == nil {
			hs.WantThirdParties = []ExpectedThirdParty{}
		}
		out = append(out, hs)
	}
	return out
}

// hostile serves the hostile sites and the few hosts they use.
type hostile struct {
	log *zap.Logger
	// dir is lab/hostile; shared is lab/static, for the styles every lab
	// page uses.
	dir    string
	shared string
	cases  []*hostileCase
	byHost map[string]*hostileCase
	pages  map[string]*template.Template // by case name
	// awayTarget is the lab shop the moved-away case redirects to.
	awayTarget *site
	badCert    *labCert
	cert       func() *labCert
	files      map[string]hostileFile // downloads and the PDF, by name
	// done is closed when the lab shuts down, to end the answers that
	// would otherwise never end.
	done     chan struct{}
	doneOnce sync.Once
}

// newHostile loads the hostile pages under root/lab/hostile. sites are the
// lab's shops, one of which the moved-away case redirects to; cert returns
// the lab's certificate once it exists.
func newHostile(log *zap.Logger, root string, sites []*site, cert func() *labCert) (
	*hostile, error) {
	h := &hostile{
		log:    log,
		dir:    filepath.Join(root, "lab", "hostile"),
		shared: filepath.Join(root, "lab", "static"),
		cases:  hostileCases(),
		byHost: map[string]*hostileCase{},
		cert:   cert,
		done:   make(chan struct{}),
	}
	for _, c := range h.cases {
		h.byHost[c.host()] = c
	}
	for _, s := range sites {
		if s.Kind == KindShop {
			h.awayTarget = s
			break
		}
	}
	if h.awayTarget == nil {
		return nil, fmt.Errorf("choosing the moved-away target: %w", errNoShop)
	}
	var err error
	if h.pages, err = loadHostilePages(h.dir, h.cases); err != nil {
		return nil, err
	}
	if h.files, err = hostileFiles(); err != nil {
		return nil, err
	}
	if h.badCert, err = newBadCert(hostBadCertificate); err != nil {
		return nil, err
	}
	return h, nil
}

// certHosts lists the hostile hosts the lab's own certificate covers:
// all but the one that presents a broken certificate.
func (h *hostile) certHosts() []string {
	hosts := []string{hostPopupAds}
	for _, c := range h.cases {
		if c.host() != hostBadCertificate {
			hosts = append(hosts, c.host())
		}
	}
	return hosts
}

// serves reports whether host is a hostile site or a host they use.
func (h *hostile) serves(host string) bool {
	_, ok := h.byHost[host]
	return ok || host == hostPopupAds
}

// ServeHTTP answers a request to a hostile host.
func (h *hostile) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := hostOf(r.Host)
	if host == hostPopupAds {
		h.servePopupAd(w, r)
		return
	}
	c := h.byHost[host]
	if ce := h.log.Check(zap.DebugLevel, "hostile request"); ce != nil {
		ce.Write(zap.String("case", c.name), zap.String("url", r.URL.RequestURI()))
	}
	c.serve(h, c, w, r)
}

// stop ends every answer that is still being drawn out. The lab calls it
// when it shuts down.
func (h *hostile) stop() {
	h.doneOnce.Do(func() { close(h.done) })
}
