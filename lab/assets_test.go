package lab

import (
	"net/http"
	"path/filepath"
	"testing"
)

func TestLibraryPaths(t *testing.T) {
	l := startLab(t)
	tests := []struct {
		url    string
		status int
	}{
		{"https://us-assets.i.posthog.com/static/array.full.js", 200},
		{"https://us-assets.i.posthog.com/static/surveys.js", 200},
		{"https://us-assets.i.posthog.com/static/../package.json", 404},
		{"https://www.datadoghq-browser-agent.com/us1/v7/datadog-rum.js", 200},
		{"https://www.datadoghq-browser-agent.com/us1/v6/datadog-rum.js", 404},
		{"https://openfpcdn.io/fingerprintjs/v5/iife.min.js", 200},
		{"https://openfpcdn.io/fingerprintjs/v5", 200},
		{"https://openfpcdn.io/fingerprintjs/v4/iife.min.js", 404},
		{"https://cdn.jsdelivr.net/npm/rrweb@2.2.2/dist/rrweb.umd.min.cjs", 200},
		{"https://cdn.jsdelivr.net/npm/rrweb@2.2.1/dist/rrweb.umd.min.cjs", 404},
		{"https://cdn.jsdelivr.net/npm/clientjs@0.2.1/dist/client.min.js", 200},
		{"https://cdn.jsdelivr.net/npm/clientjs@0.2.1/../posthog-js/dist/array.js", 404},
		{"https://cdn.jsdelivr.net/npm/clientjs@0.2.1/dist/../../posthog-js/dist/array.js", 404},
		{"https://cdn.jsdelivr.net/npm/clientjs@0.2.1/logo.jpg", 404},
		{"https://cdn.jsdelivr.net/npm/@snowplow/browser-tracker@4.6.8/dist/index.umd.min.js", 200},
	}
	for _, tt := range tests {
		resp, _ := get(t, l, tt.url)
		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.url, resp.StatusCode, tt.status)
		}
		if tt.status == http.StatusOK && resp.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s: no Access-Control-Allow-Origin: *", tt.url)
		}
	}
}

func TestDatadogRecorderChunkBesideBundle(t *testing.T) {
	l := startLab(t)
	files, err := filepath.Glob(
		"../node_modules/@datadog/browser-rum/bundle/chunks/datadogRecorder-*-datadog-rum.js")
	if err != nil || len(files) != 1 {
		t.Fatalf("recorder chunk in node_modules: %v %v", files, err)
	}
	url := "https://www.datadoghq-browser-agent.com/us1/v7/chunks/" + filepath.Base(files[0])
	resp, body := get(t, l, url)
	if resp.StatusCode != http.StatusOK || len(body) < 1000 {
		t.Errorf("%s: status %d, %d bytes", url, resp.StatusCode, len(body))
	}
}
