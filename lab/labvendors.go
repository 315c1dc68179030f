package lab

import (
	"encoding/json"
	"net/http"
	"path/filepath"
)

// Hosts of the lab-written vendors besides the chat widget: a
// form-abandonment service, an ad pixel with automatic advanced matching,
// and an e-mail marketing service whose sign-up form sends only on submit.
// No such vendor publishes its full script on npm, so these are the lab's
// own, under fictional .example names, and marked as lab-written in every
// file.
const (
	hostFormsCDN = "cdn.lab-forms.example"
	hostFormsAPI = "api.lab-forms.example"
	hostAdsCDN   = "connect.lab-ads.example"
	hostAdsPixel = "px.lab-ads.example"
	hostMailCDN  = "cdn.lab-mail.example"
	hostMailAPI  = "api.lab-mail.example"
)

// labVendorFiles maps host and path to a file under lab/vendors.
var labVendorFiles = map[string]map[string]string{
	hostFormsCDN: {"/v2/capture.js": "lab-forms/capture.js"},
	hostAdsCDN:   {"/px.js": "lab-ads/px.js", "/push-sw.js": "lab-ads/push-sw.js"},
	hostMailCDN:  {"/v1/signup.js": "lab-mail/signup.js"},
}

func init() {
	vendorHosts = append(vendorHosts,
		hostFormsCDN, hostFormsAPI, hostAdsCDN, hostAdsPixel, hostMailCDN, hostMailAPI)
}

// serveLabVendor answers a request to a lab-written vendor's host: its
// script, or its collector, which records what it receives. It returns
// false for other hosts.
func (l *Lab) serveLabVendor(w http.ResponseWriter, r *http.Request, host string) bool {
	if files, ok := labVendorFiles[host]; ok {
		name, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return true
		}
		h := w.Header()
		h.Set("Content-Type", contentTypes[".js"])
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Cache-Control", "public, max-age=3600")
		http.ServeFile(w, r, filepath.Join(l.root, "lab", "vendors", filepath.FromSlash(name)))
		return true
	}
	switch host {
	case hostFormsAPI, hostAdsPixel, hostMailAPI:
	default:
		return false
	}
	allowCORS(w, r)
	if r.Method == http.MethodOptions {
		w.WriteHeader(http.StatusNoContent)
		return true
	}
	l.record(r, host)
	switch {
	case host == hostAdsPixel && r.URL.Path == "/tr":
		w.Header().Set("Content-Type", "image/gif")
		w.Write(pixelGIF)
	case host == hostAdsPixel && r.URL.Path == "/sw" && r.Method == http.MethodPost:
		w.WriteHeader(http.StatusNoContent)
	case host == hostFormsAPI && r.URL.Path == "/v2/capture" && r.Method == http.MethodPost:
		w.WriteHeader(http.StatusNoContent)
	case host == hostMailAPI && r.URL.Path == "/v1/subscribe" && r.Method == http.MethodPost:
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]bool{"subscribed": true})
	default:
		http.NotFound(w, r)
	}
	return true
}
