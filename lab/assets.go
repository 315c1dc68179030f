package lab

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// npm packages whose files the lab serves under vendor hostnames.
const (
	pkgPostHog     = "posthog-js"
	pkgDatadogRUM  = "@datadog/browser-rum"
	pkgFingerprint = "@fingerprintjs/fingerprintjs"
)

// assets serves library files from node_modules under the hostnames and
// paths their vendors' CDNs use.
type assets struct {
	nodeModules string
	// majors holds the installed major version of the packages whose CDN
	// paths name one ("v7"), read once at start.
	majors map[string]string
	// modTime is the time the lab started, given for every file so that
	// responses do not depend on when npm unpacked them.
	modTime time.Time
}

var errNotInstalled = errors.New("package not installed; run npm ci in the repository root")

// newAssets checks that the libraries the lab serves are installed.
func newAssets(nodeModules string) (*assets, error) {
	a := &assets{nodeModules: nodeModules, majors: map[string]string{}, modTime: time.Now()}
	for _, pkg := range []string{pkgPostHog, pkgDatadogRUM, pkgFingerprint} {
		v, err := a.version(pkg)
		if err != nil {
			return nil, err
		}
		major, _, _ := strings.Cut(v, ".")
		a.majors[pkg] = "v" + major
	}
	return a, nil
}

// version reads the installed version of pkg from its package.json.
func (a *assets) version(pkg string) (string, error) {
	p := filepath.Join(a.nodeModules, filepath.FromSlash(pkg), "package.json")
	b, err := os.ReadFile(p)
	if err != nil {
		return "", fmt.Errorf("reading %q: %w", p, errors.Join(errNotInstalled, err))
	}
	var meta struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(b, &meta); err != nil {
		return "", fmt.Errorf("decoding %q: %w", p, err)
	}
	return meta.Version, nil
}

// serves reports whether host is a CDN host whose files come from npm.
func (a *assets) serves(host string) bool {
	switch host {
	case hostPostHogAssets, hostDatadogCDN, hostJSDelivr, hostOpenFPCDN:
		return true
	}
	return false
}

// ServeHTTP answers a request to a CDN host with the library file its
// path names, or 404.
func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var pkg, file string
	switch hostOf(r.Host) {
	case hostPostHogAssets:
		pkg, file = a.postHogFile(r.URL.Path)
	case hostDatadogCDN:
		pkg, file = a.datadogFile(r.URL.Path)
	case hostJSDelivr:
		pkg, file = a.jsDelivrFile(r.URL.Path)
	case hostOpenFPCDN:
		pkg, file = a.openFPFile(r.URL.Path)
	}
	if file == "" {
		http.NotFound(w, r)
		return
	}
	a.serveFile(w, r, pkg, file)
}

// postHogFile maps /static/<name>.js to posthog-js/dist/<name>.js.
func (a *assets) postHogFile(p string) (pkg, file string) {
	name, ok := strings.CutPrefix(p, "/static/")
	if !ok || strings.Contains(name, "/") {
		return "", ""
	}
	return pkgPostHog, "dist/" + name
}

// datadogFile maps /us1/v<major>/<file> to @datadog/browser-rum/bundle.
func (a *assets) datadogFile(p string) (pkg, file string) {
	rest, ok := strings.CutPrefix(p, "/us1/"+a.majors[pkgDatadogRUM]+"/")
	if !ok {
		return "", ""
	}
	return pkgDatadogRUM, "bundle/" + rest
}

// openFPFile maps the Fingerprint CDN's /fingerprintjs/v<major>[/<form>]
// paths to the package's dist files.
func (a *assets) openFPFile(p string) (pkg, file string) {
	rest, ok := strings.CutPrefix(p, "/fingerprintjs/"+a.majors[pkgFingerprint])
	if !ok {
		return "", ""
	}
	forms := map[string]string{
		"":             "dist/fp.esm.js",
		"/esm.min.js":  "dist/fp.esm.js",
		"/iife.min.js": "dist/fp.min.js",
		"/umd.min.js":  "dist/fp.umd.min.js",
		"/iife.js":     "dist/fp.js",
		"/umd.js":      "dist/fp.umd.js",
	}
	return pkgFingerprint, forms[rest]
}

// jsDelivrFile maps /npm/<name>@<version>/<file> to an installed package,
// only when the installed version is the one asked for.
func (a *assets) jsDelivrFile(p string) (pkg, file string) {
	rest, ok := strings.CutPrefix(p, "/npm/")
	if !ok {
		return "", ""
	}
	// Scoped names carry one more path segment: @scope/name@1.2.3/file.
	segs := strings.SplitN(rest, "/", 3)
	if strings.HasPrefix(rest, "@") && len(segs) == 3 {
		segs = []string{segs[0] + "/" + segs[1], segs[2]}
	} else {
		segs = strings.SplitN(rest, "/", 2)
	}
	if len(segs) != 2 {
		return "", ""
	}
	at := strings.LastIndex(segs[0], "@")
	if at <= 0 {
		return "", ""
	}
	name, want := segs[0][:at], segs[0][at+1:]
	if got, err := a.version(name); err != nil || got != want {
		return "", ""
	}
	return name, segs[1]
}

// serveFile sends one file of an installed package, refusing paths that
// leave the package and file types a CDN would not serve for a page.
func (a *assets) serveFile(w http.ResponseWriter, r *http.Request, pkg, file string) {
	clean := path.Clean("/" + file)
	ctype := contentTypes[path.Ext(clean)]
	if ctype == "" || clean != "/"+file {
		http.NotFound(w, r)
		return
	}
	full := filepath.Join(a.nodeModules, filepath.FromSlash(pkg), filepath.FromSlash(clean))
	f, err := os.Open(full)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || st.IsDir() {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Timing-Allow-Origin", "*")
	h.Set("Cache-Control", "public, max-age=3600")
	http.ServeContent(w, r, "", a.modTime, f)
}

// contentTypes are the types CDNs give the files the lab serves.
var contentTypes = map[string]string{
	".js":   "application/javascript; charset=utf-8",
	".cjs":  "application/javascript; charset=utf-8",
	".mjs":  "application/javascript; charset=utf-8",
	".json": "application/json; charset=utf-8",
	".map":  "application/json; charset=utf-8",
	".css":  "text/css; charset=utf-8",
}
