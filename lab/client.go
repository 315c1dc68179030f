package lab

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"time"
)

// Client returns the lab's HTTP client, which reaches every hostname at
// the lab the way Chromium does with [Lab.BrowserArgs]: port 80 goes to the
// HTTP listener, everything else to the HTTPS listener. It trusts only the
// lab's certificate and does not follow redirects, so callers see them.
// Every call returns the same client; [Lab.Close] closes its connections.
func (l *Lab) Client() *http.Client {
	l.clientMu.Lock()
	defer l.clientMu.Unlock()
	if l.client == nil {
		dialer := &net.Dialer{Timeout: 5 * time.Second}
		tr := &http.Transport{
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				return dialer.DialContext(ctx, network, l.mapAddr(addr))
			},
			TLSClientConfig:     l.TLSConfig(),
			ForceAttemptHTTP2:   true,
			MaxIdleConnsPerHost: 4,
		}
		l.client = &http.Client{
			Transport: tr,
			Timeout:   30 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		}
	}
	return l.client
}

// mapAddr applies the lab's host-resolver rules to a dial address.
func (l *Lab) mapAddr(addr string) string {
	if _, p, err := net.SplitHostPort(addr); err == nil && p == "80" {
		return l.HTTPAddr()
	}
	return l.HTTPSAddr()
}

// TLSConfig returns a client TLS configuration that trusts only the lab's
// certificate, for clients (such as WebSocket dialers) that do not use
// [Lab.Client].
func (l *Lab) TLSConfig() *tls.Config {
	roots := x509.NewCertPool()
	roots.AddCert(l.cert.leaf)
	return &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
}
