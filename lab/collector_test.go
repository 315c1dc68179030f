package lab

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestPostHogRemoteConfig(t *testing.T) {
	l := startLab(t)
	const token = "phc_lab_maisonvelour_x7Qm2Lk9Vt"

	resp, body := get(t, l, "https://"+hostPostHogAssets+"/array/"+token+"/config.js")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("config.js: status %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/javascript") {
		t.Errorf("config.js: Content-Type %q", ct)
	}
	if !strings.Contains(body, `_POSTHOG_REMOTE_CONFIG["`+token+`"]=`) {
		t.Errorf("config.js does not store the config under the token: %s", body)
	}

	resp, body = get(t, l, "https://"+hostPostHogAssets+"/array/"+token+"/config")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("config: status %d", resp.StatusCode)
	}
	var cfg struct {
		Token            string `json:"token"`
		SessionRecording struct {
			Endpoint string `json:"endpoint"`
		} `json:"sessionRecording"`
		SupportedCompression []string `json:"supportedCompression"`
	}
	if err := json.Unmarshal([]byte(body), &cfg); err != nil {
		t.Fatalf("config is not JSON: %v: %s", err, body)
	}
	if cfg.Token != token || cfg.SessionRecording.Endpoint != "/s/" ||
		len(cfg.SupportedCompression) == 0 {
		t.Errorf("config = %+v, want the token, replay at /s/ and compression", cfg)
	}

	resp, _ = get(t, l, "https://"+hostPostHogAssets+"/array/not-a-token/config.js")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("config.js for a bad token: status %d, want 404", resp.StatusCode)
	}
}

func TestPostHogFlags(t *testing.T) {
	l := startLab(t)
	for _, path := range []string{"/flags/?v=2&config=true", "/decide/?v=4"} {
		resp, body := do(t, l, http.MethodPost, "https://"+hostPostHogAPI+path,
			"application/json", `{"token":"phc_x","distinct_id":"d1"}`)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", path, resp.StatusCode)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("%s: not JSON: %v", path, err)
		}
		if _, ok := got["flags"].(map[string]any); !ok {
			t.Errorf("%s: no flags object in %s", path, body)
		}
		if got["errorsWhileComputingFlags"] != false {
			t.Errorf("%s: errorsWhileComputingFlags = %v", path, got["errorsWhileComputingFlags"])
		}
	}
	caps := l.Captures()
	if len(caps) != 2 || caps[0].Path != "/flags/" || caps[0].Query != "v=2&config=true" ||
		string(caps[0].Body) != `{"token":"phc_x","distinct_id":"d1"}` {
		t.Errorf("captures = %+v, want both requests with their bodies", caps)
	}
}

func TestCollectorAnswers(t *testing.T) {
	l := startLab(t)
	tests := []struct {
		name, method, url, ctype string
		status                   int
		body                     string
	}{
		{"posthog capture", "POST", "https://us.i.posthog.com/i/v0/e/?compression=gzip-js",
			"text/plain", 200, `{"status":"Ok"}`},
		{"posthog replay", "POST", "https://us.i.posthog.com/s/", "text/plain", 200, `{"status":"Ok"}`},
		{"datadog rum", "POST", "https://browser-intake-datadoghq.com/api/v2/rum?ddsource=browser",
			"text/plain", 202, `{}`},
		{"snowplow", "POST", "https://com-glowhaus-prod1.collector.snplow.net/" +
			"com.snowplowanalytics.snowplow/tp2", "application/json", 200, "ok"},
		{"replay ingest", "POST", "https://ingest.lab-replay.example/v1/batch", "text/plain", 204, ""},
		{"fingerprint monitoring", "GET", "https://m1.openfpcdn.io/fingerprintjs/v5/npm-monitoring",
			"", 200, ""},
	}
	for _, tt := range tests {
		resp, body := do(t, l, tt.method, tt.url, tt.ctype, "x")
		if resp.StatusCode != tt.status || body != tt.body {
			t.Errorf("%s: %d %q, want %d %q", tt.name, resp.StatusCode, body, tt.status, tt.body)
		}
	}
	if got := len(l.Captures()); got != len(tests) {
		t.Errorf("captured %d requests, want %d", got, len(tests))
	}
}

func TestSnowplowCookieAndCORS(t *testing.T) {
	l := startLab(t)
	url := "https://com-freshbasket-prod1.collector.snplow.net/com.snowplowanalytics.snowplow/tp2"
	req, err := http.NewRequest(http.MethodOptions, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", "https://freshbasket.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type")
	resp, err := l.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	h := resp.Header
	if resp.StatusCode != http.StatusNoContent ||
		h.Get("Access-Control-Allow-Origin") != "https://freshbasket.example" ||
		h.Get("Access-Control-Allow-Credentials") != "true" ||
		h.Get("Access-Control-Allow-Headers") != "content-type" {
		t.Errorf("preflight: %d %v", resp.StatusCode, h)
	}
	if len(l.Captures()) != 0 {
		t.Errorf("a preflight was captured")
	}

	resp, _ = do(t, l, http.MethodPost, url, "application/json", `{"data":[]}`)
	var sp *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "sp" {
			sp = c
		}
	}
	if sp == nil || len(sp.Value) != 36 || !sp.Secure || sp.SameSite != http.SameSiteNoneMode {
		t.Errorf("sp cookie = %+v, want a secure SameSite=None id", sp)
	}
}
