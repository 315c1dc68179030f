package lab

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// postHogRemoteConfig is what PostHog's servers send a project whose
// session replay is on and whose other features are off. Without it
// posthog-js never starts recording.
func postHogRemoteConfig(token string) map[string]any {
	return map[string]any{
		"token":                 token,
		"supportedCompression":  []string{"gzip", "gzip-js"},
		"hasFeatureFlags":       true,
		"captureDeadClicks":     false,
		"capturePerformance":    false,
		"autocapture_opt_out":   false,
		"autocaptureExceptions": false,
		"analytics":             map[string]any{"endpoint": "/i/v0/e/"},
		"elementsChainAsString": true,
		"sessionRecording": map[string]any{
			"endpoint":                    "/s/",
			"consoleLogRecordingEnabled":  false,
			"recorderVersion":             "v2",
			"sampleRate":                  nil,
			"minimumDurationMilliseconds": nil,
			"linkedFlag":                  nil,
			"networkPayloadCapture":       nil,
			"urlTriggers":                 []any{},
			"urlBlocklist":                []any{},
			"eventTriggers":               []any{},
			"scriptConfig":                nil,
		},
		"heatmaps":              false,
		"surveys":               false,
		"productTours":          false,
		"defaultIdentifiedOnly": true,
		"siteApps":              []any{},
	}
}

// servePostHogConfig answers the assets host's /array/<token>/config.js
// (a script that stores the config for the library) and
// /array/<token>/config (the same config as JSON).
func servePostHogConfig(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/array/")
	token, form, ok := strings.Cut(rest, "/")
	if !ok || !strings.HasPrefix(token, "phc_") {
		http.NotFound(w, r)
		return
	}
	cfg := postHogRemoteConfig(token)
	switch form {
	case "config":
		writeJSON(w, http.StatusOK, cfg)
	case "config.js":
		js, err := json.Marshal(map[string]any{"config": cfg, "siteApps": []any{}})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/javascript; charset=utf-8")
		fmt.Fprintf(w, "(function(){var w=window;w._POSTHOG_REMOTE_CONFIG="+
			"w._POSTHOG_REMOTE_CONFIG||{};w._POSTHOG_REMOTE_CONFIG[%q]=%s;})();\n",
			token, js)
	default:
		http.NotFound(w, r)
	}
}

// servePostHogAPI answers the API host: feature flags, the legacy decide
// endpoint, surveys, and every capture endpoint.
func servePostHogAPI(w http.ResponseWriter, r *http.Request) {
	flags := map[string]any{
		"flags":                     map[string]any{},
		"featureFlags":              map[string]any{},
		"featureFlagPayloads":       map[string]any{},
		"errorsWhileComputingFlags": false,
		"quotaLimited":              []any{},
		"requestId":                 newID(),
	}
	switch {
	case strings.HasPrefix(r.URL.Path, "/flags"):
		writeJSON(w, http.StatusOK, flags)
	case strings.HasPrefix(r.URL.Path, "/decide"):
		cfg := postHogRemoteConfig("")
		delete(cfg, "token")
		for k, v := range flags {
			cfg[k] = v
		}
		writeJSON(w, http.StatusOK, cfg)
	case strings.HasPrefix(r.URL.Path, "/api/surveys"):
		writeJSON(w, http.StatusOK, map[string]any{"surveys": []any{}})
	default:
		writeJSON(w, http.StatusOK, map[string]any{"status": "Ok"})
	}
}

// writeJSON sends v as a JSON response with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}
