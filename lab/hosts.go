package lab

import (
	"net"
	"net/http"
	"sort"
	"strings"

	"go.uber.org/zap"
)

// Vendor hostnames the lab answers for. The libraries are served where
// their vendors serve them; the collector answers where they send.
const (
	hostPostHogAssets  = "us-assets.i.posthog.com"
	hostPostHogAPI     = "us.i.posthog.com"
	hostDatadogCDN     = "www.datadoghq-browser-agent.com"
	hostDatadogIntake  = "browser-intake-datadoghq.com"
	hostJSDelivr       = "cdn.jsdelivr.net"
	hostOpenFPCDN      = "openfpcdn.io"
	hostOpenFPMonitor  = "m1.openfpcdn.io"
	hostChat           = "chat.lab-widgets.example"
	hostReplayIngest   = "ingest.lab-replay.example"
	snowplowCollectors = ".collector.snplow.net"
)

// vendorHosts are the fixed vendor names the certificate must cover.
var vendorHosts = []string{
	hostPostHogAssets, hostPostHogAPI, hostDatadogCDN, hostDatadogIntake,
	hostJSDelivr, hostOpenFPCDN, hostOpenFPMonitor, hostChat, hostReplayIngest,
	"*" + snowplowCollectors,
}

// certHosts lists every name the lab's certificate is valid for.
func (l *Lab) certHosts() []string {
	hosts := append([]string(nil), vendorHosts...)
	for _, s := range l.sites {
		hosts = append(hosts, s.Host, "www."+s.Host)
	}
	hosts = append(hosts, l.hostile.certHosts()...)
	sort.Strings(hosts)
	return hosts
}

// ServeHTTP answers HTTPS requests by hostname: a site, a vendor's files,
// the chat widget, or the collector.
func (l *Lab) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := hostOf(r.Host)
	if ce := l.log.Check(zap.DebugLevel, "request"); ce != nil {
		ce.Write(zap.String("host", host), zap.String("method", r.Method),
			zap.String("url", r.URL.RequestURI()))
	}
	if s, ok := l.byHost[host]; ok {
		l.serveSite(w, r, s)
		return
	}
	if s, ok := l.byHost[strings.TrimPrefix(host, "www.")]; ok {
		http.Redirect(w, r, s.URL, http.StatusMovedPermanently)
		return
	}
	if l.serveLabVendor(w, r, host) {
		return
	}
	switch {
	case host == hostChat:
		l.chat.ServeHTTP(w, r)
	case host == hostPostHogAssets && strings.HasPrefix(r.URL.Path, "/array/"):
		l.serveCollector(w, r, host)
	case l.assets.serves(host):
		l.assets.ServeHTTP(w, r)
	case isCollectorHost(host):
		l.serveCollector(w, r, host)
	case l.hostile.serves(host):
		l.hostile.ServeHTTP(w, r)
	default:
		http.Error(w, "not a lab host", http.StatusNotFound)
	}
}

// redirectToHTTPS answers the plain HTTP listener: every lab page lives on
// HTTPS, as shops' pages do.
func (l *Lab) redirectToHTTPS(w http.ResponseWriter, r *http.Request) {
	target := "https://" + hostOf(r.Host) + r.URL.RequestURI()
	http.Redirect(w, r, target, http.StatusMovedPermanently)
}

// hostOf strips the port from a Host header and lowercases it.
func hostOf(hostport string) string {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	return strings.ToLower(strings.TrimSuffix(host, "."))
}
