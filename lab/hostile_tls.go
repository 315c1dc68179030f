package lab

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"time"
)

// newBadCert makes the broken certificate of the bad-certificate case:
// self-signed under a key of its own (not the lab's, so browsers that
// trust only the lab's key refuse it) and expired a year ago.
func newBadCert(host string) (*labCert, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generating broken certificate key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return nil, fmt.Errorf("generating broken certificate serial: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: host, Organization: []string{"exposure hostile lab"}},
		NotBefore:    now.AddDate(-2, 0, 0),
		NotAfter:     now.AddDate(-1, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     []string{host},
	}
	return selfSigned(tmpl, key)
}

// tlsConfigFor picks the TLS set-up of the hostile hosts that need their
// own: the broken certificate for bad-certificate, and HTTP/1.1 only for
// drops-connection, whose connections are taken over and closed. For every
// other name it returns nil, which keeps the lab's own configuration.
func (h *hostile) tlsConfigFor(hello *tls.ClientHelloInfo) (*tls.Config, error) {
	switch hostOf(hello.ServerName) {
	case hostBadCertificate:
		return &tls.Config{
			Certificates: []tls.Certificate{h.badCert.tls},
			MinVersion:   tls.VersionTLS12,
			NextProtos:   []string{"h2", "http/1.1"},
		}, nil
	case caseDropsConn + ".example":
		return &tls.Config{
			Certificates: []tls.Certificate{h.cert().tls},
			MinVersion:   tls.VersionTLS12,
			NextProtos:   []string{"http/1.1"},
		}, nil
	}
	return nil, nil
}
