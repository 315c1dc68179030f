package lab

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"
)

// startLab starts a lab on the repository's sites and closes it when the
// test ends.
func startLab(t *testing.T) *Lab {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	l, err := Start(ctx, Options{Root: "..", Logger: zap.NewNop()})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := l.Close(ctx); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return l
}

// get fetches url through the lab and returns the response and its body.
func get(t *testing.T, l *Lab, url string) (*http.Response, string) {
	t.Helper()
	return do(t, l, http.MethodGet, url, "", "")
}

func do(t *testing.T, l *Lab, method, url, ctype, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatalf("request %s %s: %v", method, url, err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := l.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading %s: %v", url, err)
	}
	return resp, string(b)
}

func TestSites(t *testing.T) {
	l := startLab(t)
	sites := l.Sites()
	kinds := map[string]int{}
	sectors := map[string]bool{}
	for i, s := range sites {
		if i > 0 && sites[i-1].Host >= s.Host {
			t.Errorf("sites not sorted by host: %q before %q", sites[i-1].Host, s.Host)
		}
		if !strings.HasSuffix(s.Host, ".example") {
			t.Errorf("host %q is not under .example", s.Host)
		}
		if want := "https://" + s.Host + "/"; s.URL != want {
			t.Errorf("%s: URL = %q, want %q", s.Host, s.URL, want)
		}
		if s.Title == "" {
			t.Errorf("%s: empty title", s.Host)
		}
		kinds[s.Kind]++
		sectors[s.Sector] = true
		if s.Kind == KindControl && len(s.Expected.ThirdParties) != 0 {
			t.Errorf("control %s expects third parties %v", s.Host, s.Expected.ThirdParties)
		}
		if s.Kind == KindShop && len(s.Expected.ThirdParties) == 0 {
			t.Errorf("shop %s expects no third party", s.Host)
		}
	}
	if kinds[KindShop] != 6 || kinds[KindControl] != 2 {
		t.Errorf("kinds = %v, want 6 shops and 2 controls", kinds)
	}
	sectorsWanted := []string{"fashion-luxury", "beauty", "electronics", "grocery", "marketplace",
		"home-garden"}
	for _, want := range sectorsWanted {
		if !sectors[want] {
			t.Errorf("no shop of sector %q", want)
		}
	}
}

func TestBrowserArgs(t *testing.T) {
	l := startLab(t)
	args := l.BrowserArgs()
	if len(args) != 2 {
		t.Fatalf("BrowserArgs = %q, want 2 flags", args)
	}
	wantRules := "--host-resolver-rules=MAP *:80 127.0.0.1:" + port(l.HTTPAddr()) +
		", MAP *:443 127.0.0.1:" + port(l.HTTPSAddr()) + ", MAP * 127.0.0.1"
	if args[0] != wantRules {
		t.Errorf("rules flag = %q, want %q", args[0], wantRules)
	}

	// The key list must name the key the HTTPS listener really presents.
	conn, err := tls.Dial("tcp", l.HTTPSAddr(), &tls.Config{
		ServerName: "glowhaus.example",
		RootCAs:    l.TLSConfig().RootCAs,
	})
	if err != nil {
		t.Fatalf("TLS handshake: %v", err)
	}
	defer conn.Close()
	peer := conn.ConnectionState().PeerCertificates[0]
	sum := sha256.Sum256(peer.RawSubjectPublicKeyInfo)
	want := "--ignore-certificate-errors-spki-list=" + base64.StdEncoding.EncodeToString(sum[:])
	if args[1] != want {
		t.Errorf("spki flag = %q, want %q", args[1], want)
	}
	if got := peer.PublicKeyAlgorithm.String(); got != "ECDSA" {
		t.Errorf("certificate key is %s, want ECDSA", got)
	}
}

func TestCertificateCoversEveryHost(t *testing.T) {
	l := startLab(t)
	hosts := []string{hostPostHogAssets, hostPostHogAPI, hostDatadogCDN, hostDatadogIntake,
		hostJSDelivr, hostOpenFPCDN, hostChat, hostReplayIngest,
		"com-glowhaus-prod1.collector.snplow.net"}
	for _, s := range l.Sites() {
		hosts = append(hosts, s.Host)
	}
	for _, h := range hosts {
		if err := l.cert.leaf.VerifyHostname(h); err != nil {
			t.Errorf("certificate does not cover %q: %v", h, err)
		}
	}
}

func TestPlainHTTPRedirectsToHTTPS(t *testing.T) {
	l := startLab(t)
	resp, _ := get(t, l, "http://quiet-tea.example/cart?x=1")
	if resp.StatusCode != http.StatusMovedPermanently {
		t.Fatalf("status = %d, want 301", resp.StatusCode)
	}
	if got, want := resp.Header.Get("Location"), "https://quiet-tea.example/cart?x=1"; got != want {
		t.Errorf("Location = %q, want %q", got, want)
	}
}

func TestUnknownHost(t *testing.T) {
	l := startLab(t)
	resp, _ := get(t, l, "https://127.0.0.1/")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status = %d, want 404", resp.StatusCode)
	}
}

func TestStartFailsWithoutSites(t *testing.T) {
	_, err := Start(context.Background(), Options{Root: t.TempDir()})
	if err == nil {
		t.Fatal("Start on an empty root succeeded")
	}
}
