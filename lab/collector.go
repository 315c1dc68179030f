package lab

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"time"

	"go.uber.org/zap"
)

// isCollectorHost reports whether host receives what trackers send.
func isCollectorHost(host string) bool {
	switch host {
	case hostPostHogAPI, hostDatadogIntake, hostReplayIngest, hostOpenFPMonitor:
		return true
	}
	return strings.HasSuffix(host, snowplowCollectors)
}

// serveCollector records a request to a vendor's API and answers it the
// way the vendor's own servers answer the library that sent it.
func (l *Lab) serveCollector(w http.ResponseWriter, r *http.Request, host string) {
	allowCORS(w, r)
	if r.Method == http.MethodOptions {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	l.record(r, host)

	switch {
	case host == hostPostHogAssets:
		servePostHogConfig(w, r)
	case host == hostPostHogAPI:
		servePostHogAPI(w, r)
	case host == hostDatadogIntake:
		writeJSON(w, http.StatusAccepted, map[string]any{})
	case strings.HasSuffix(host, snowplowCollectors):
		serveSnowplow(w, r)
	case host == hostReplayIngest:
		w.WriteHeader(http.StatusNoContent)
	default:
		w.WriteHeader(http.StatusOK)
	}
}

// record keeps the request and its body (up to the capture limit) as a
// [Capture], and logs it at debug level.
func (l *Lab) record(r *http.Request, host string) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxCaptureBody))
	if err != nil {
		l.log.Debug("reading request body", zap.String("host", host), zap.Error(err))
	}
	l.capture.add(Capture{
		Time:        time.Now(),
		Host:        host,
		Method:      r.Method,
		Path:        r.URL.Path,
		Query:       r.URL.RawQuery,
		ContentType: r.Header.Get("Content-Type"),
		Body:        body,
	})
	if ce := l.log.Check(zap.DebugLevel, "collected"); ce != nil {
		ce.Write(zap.String("host", host), zap.String("method", r.Method),
			zap.String("path", r.URL.Path), zap.Int("bytes", len(body)))
	}
}

// allowCORS answers cross-origin requests from any lab page, with
// credentials, as trackers' collectors do.
func allowCORS(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	origin := r.Header.Get("Origin")
	if origin == "" {
		h.Set("Access-Control-Allow-Origin", "*")
		return
	}
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Allow-Credentials", "true")
	h.Add("Vary", "Origin")
	if r.Method == http.MethodOptions {
		h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
		if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
			h.Set("Access-Control-Allow-Headers", req)
		}
		h.Set("Access-Control-Max-Age", "600")
	}
}

// serveSnowplow answers a Snowplow collector: POST tp2 batches and GET
// pixels, setting the collector's network user id cookie once.
func serveSnowplow(w http.ResponseWriter, r *http.Request) {
	if _, err := r.Cookie("sp"); err != nil {
		http.SetCookie(w, &http.Cookie{
			Name:     "sp",
			Value:    newID(),
			Path:     "/",
			MaxAge:   365 * 24 * 60 * 60,
			Secure:   true,
			HttpOnly: false,
			SameSite: http.SameSiteNoneMode,
		})
	}
	switch r.URL.Path {
	case "/com.snowplowanalytics.snowplow/tp2":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok")
	case "/i":
		w.Header().Set("Content-Type", "image/gif")
		w.Write(pixelGIF)
	default:
		http.NotFound(w, r)
	}
}

// pixelGIF is a transparent 1x1 GIF.
var pixelGIF = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff" +
	"!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

// newID returns a random identifier in UUID form.
func newID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
