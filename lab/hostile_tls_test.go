package lab

import (
	"bufio"
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"
)

// dialHostile makes a TLS connection to the lab's HTTPS listener for
// host, offering HTTP/2 and HTTP/1.1 as Chromium does. verify says whether
// the lab's trust settings apply.
func dialHostile(t *testing.T, l *Lab, host string, verify bool) (*tls.Conn, error) {
	t.Helper()
	cfg := l.TLSConfig()
	cfg.ServerName = host
	cfg.NextProtos = []string{"h2", "http/1.1"}
	cfg.InsecureSkipVerify = !verify
	return tls.Dial("tcp", l.HTTPSAddr(), cfg)
}

func TestHostileBadCertificate(t *testing.T) {
	l := startLab(t)

	// The lab's own client refuses the certificate.
	_, err := l.Client().Get("https://" + hostBadCertificate + "/")
	var verr *tls.CertificateVerificationError
	if !errors.As(err, &verr) {
		t.Fatalf("GET error = %v, want a certificate verification error", err)
	}

	// What the server presents: expired, self-signed, under another key.
	conn, err := dialHostile(t, l, hostBadCertificate, false)
	if err != nil {
		t.Fatalf("handshake without verification: %v", err)
	}
	defer conn.Close()
	certs := conn.ConnectionState().PeerCertificates
	if len(certs) != 1 {
		t.Fatalf("%d certificates presented, want 1", len(certs))
	}
	c := certs[0]
	if !c.NotAfter.Before(time.Now()) {
		t.Errorf("certificate valid until %s, want expired", c.NotAfter)
	}
	err = c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature)
	if err != nil || c.Issuer.String() != c.Subject.String() {
		t.Errorf("certificate is not self-signed: issuer %q, %v", c.Issuer, err)
	}
	sum := sha256.Sum256(c.RawSubjectPublicKeyInfo)
	if base64.StdEncoding.EncodeToString(sum[:]) == l.CertificateSPKI() {
		t.Error("the broken certificate uses the lab's key, which Chromium trusts")
	}
	if len(c.DNSNames) != 1 || c.DNSNames[0] != hostBadCertificate {
		t.Errorf("certificate names %v, want only %s", c.DNSNames, hostBadCertificate)
	}
}

// TestHostileTLSOthersUnchanged checks that the other hostile hosts and
// the shops keep the lab's certificate and HTTP/2.
func TestHostileTLSOthersUnchanged(t *testing.T) {
	l := startLab(t)
	for _, host := range []string{"dialogs.example", hostPopupAds, l.Sites()[0].Host} {
		conn, err := dialHostile(t, l, host, true)
		if err != nil {
			t.Errorf("%s: handshake: %v", host, err)
			continue
		}
		if p := conn.ConnectionState().NegotiatedProtocol; p != "h2" {
			t.Errorf("%s: protocol %q, want h2", host, p)
		}
		conn.Close()
	}
}

func TestHostileDropsConnection(t *testing.T) {
	l := startLab(t)
	host := caseDropsConn + ".example"
	if _, err := l.Client().Get("https://" + host + "/"); err == nil {
		t.Error("GET succeeded, want the connection dropped")
	}

	// On the wire: HTTP/1.1, and the connection ends with no answer.
	conn, err := dialHostile(t, l, host, true)
	if err != nil {
		t.Fatalf("handshake: %v", err)
	}
	defer conn.Close()
	if p := conn.ConnectionState().NegotiatedProtocol; p != "http/1.1" {
		t.Errorf("protocol %q, want http/1.1", p)
	}
	req, err := http.NewRequest(http.MethodGet, "https://"+host+"/", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := req.Write(conn); err != nil {
		t.Fatalf("writing request: %v", err)
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := io.Copy(io.Discard, bufio.NewReader(conn))
	if n != 0 {
		t.Errorf("got %d bytes of answer, want none", n)
	}
	// Without a close_notify, the TLS layer reports an unexpected EOF;
	// a timeout would mean the connection stayed open.
	var ne interface{ Timeout() bool }
	if errors.As(err, &ne) && ne.Timeout() {
		t.Errorf("connection stayed open: %v", err)
	}
}
