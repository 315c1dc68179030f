package lab

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"fmt"
	"math/big"
	"net"
	"time"
)

// certValidity is how long the lab's certificate stays valid. The lab makes
// a new one at every start, so it only has to outlive one run.
const certValidity = 30 * 24 * time.Hour

// labCert is the lab's self-signed certificate and what browsers and
// clients need to trust it.
type labCert struct {
	tls  tls.Certificate
	leaf *x509.Certificate
	// spki is the base64 SHA-256 of the SubjectPublicKeyInfo, the form
	// Chromium's --ignore-certificate-errors-spki-list takes.
	spki string
}

// newCert makes an ECDSA P-256 certificate valid for every name in hosts
// and for 127.0.0.1.
func newCert(hosts []string) (*labCert, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generating certificate key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return nil, fmt.Errorf("generating certificate serial: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{Organization: []string{"exposure retail lab"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(certValidity),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              hosts,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	return selfSigned(tmpl, key)
}

// selfSigned signs tmpl with key and returns the certificate with the
// SPKI hash that --ignore-certificate-errors-spki-list takes.
func selfSigned(tmpl *x509.Certificate, key *ecdsa.PrivateKey) (*labCert, error) {
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("creating certificate %q: %w", tmpl.Subject.CommonName, err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("parsing certificate %q: %w", tmpl.Subject.CommonName, err)
	}
	sum := sha256.Sum256(leaf.RawSubjectPublicKeyInfo)
	return &labCert{
		tls:  tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf},
		leaf: leaf,
		spki: base64.StdEncoding.EncodeToString(sum[:]),
	}, nil
}
