package trackerdb

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// The tests in this file read the database that `npm ci` installs into the
// repository's node_modules. They fail, rather than skip, when it is
// missing: the tool cannot classify anything without it.

var installed struct {
	once sync.Once
	db   *DB
	err  error
}

func loadInstalled(t *testing.T) *DB {
	t.Helper()
	installed.once.Do(func() {
		installed.db, installed.err = Load(DefaultPath(filepath.Join("..", "..")))
	})
	if installed.err != nil {
		t.Fatalf("loading the installed tracker database (run npm ci): %v", installed.err)
	}
	return installed.db
}

func TestInstalledInfo(t *testing.T) {
	db := loadInstalled(t)
	data, err := os.ReadFile(filepath.Join("..", "..", "node_modules", "@ghostery",
		"trackerdb", "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct{ Version, License string }
	if err := json.Unmarshal(data, &pkg); err != nil {
		t.Fatal(err)
	}
	info := db.Info()
	if info.Name != "ghostery-trackerdb" || info.Version != pkg.Version ||
		info.License != "CC-BY-NC-SA-4.0" || pkg.License != info.License {
		t.Errorf("Info() = %+v; package.json says version %q licence %q",
			info, pkg.Version, pkg.License)
	}
	if info.Version == "" {
		t.Error("Info().Version is empty")
	}
	if n := db.Len(); n < 1000 {
		t.Errorf("Len() = %d, want thousands of domains", n)
	}
}

func TestInstalledLookup(t *testing.T) {
	db := loadInstalled(t)
	// Values read from trackerdb.json: domains -> patterns -> organizations.
	tests := []struct {
		host string
		want Match
		ok   bool
	}{
		{"posthog.com", Match{Domain: "posthog.com", Pattern: "posthog", Name: "PostHog",
			Category: "site_analytics", Organization: "PostHog", OrganizationID: "posthog"}, true},
		{"us.i.posthog.com", Match{Domain: "posthog.com", Pattern: "posthog", Name: "PostHog",
			Category: "site_analytics", Organization: "PostHog", OrganizationID: "posthog"}, true},
		// Datadog's RUM intake and agent CDN are listed; datadoghq.com is not.
		{"browser-intake-datadoghq.com", Match{Domain: "browser-intake-datadoghq.com",
			Pattern: "datadog", Name: "Datadog", Category: "utilities",
			Organization: "Datadog", OrganizationID: "datadog"}, true},
		{"www.datadoghq-browser-agent.com", Match{Domain: "datadoghq-browser-agent.com",
			Pattern: "datadog", Name: "Datadog", Category: "utilities",
			Organization: "Datadog", OrganizationID: "datadog"}, true},
		{"datadoghq.com", Match{}, false},
		{"www.google-analytics.com", Match{Domain: "google-analytics.com",
			Pattern: "google_analytics", Name: "Google Analytics", Category: "site_analytics",
			Organization: "Google", OrganizationID: "google"}, true},
		{"adservice.google.com", Match{Domain: "adservice.google.com", Pattern: "doubleclick",
			Name: "Google Marketing Platform", Category: "advertising",
			Organization: "Google", OrganizationID: "google"}, true},
		{"fonts.gstatic.com", Match{Domain: "gstatic.com", Pattern: "gstatic",
			Name: "Google Static", Category: "hosting",
			Organization: "Google", OrganizationID: "google"}, true},
		{"cdn.jsdelivr.net", Match{Domain: "jsdelivr.net", Pattern: "jsdelivr",
			Name: "jsDelivr", Category: "hosting"}, true},
		{"connect.facebook.net", Match{Domain: "facebook.net", Pattern: "facebook",
			Name: "Facebook", Category: "advertising",
			Organization: "Meta", OrganizationID: "facebook"}, true},
		{"luxe.example", Match{}, false},
	}
	for _, tc := range tests {
		got, ok := db.Lookup(tc.host)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Lookup(%q) = %+v, %v;\nwant %+v, %v", tc.host, got, ok, tc.want, tc.ok)
		}
	}
}

func TestInstalledEntity(t *testing.T) {
	db := loadInstalled(t)
	tests := map[string]string{
		"google.com":                   "Google",
		"gstatic.com":                  "Google",
		"youtube.com":                  "Google",
		"posthog.com":                  "PostHog",
		"browser-intake-datadoghq.com": "Datadog",
		"openfpcdn.io":                 "Fingerprint",
		"facebook.com":                 "Meta",
		"jsdelivr.net":                 "",
		"datadoghq.com":                "",
		"luxe.example":                 "",
	}
	for domain, want := range tests {
		if got := db.Entity(domain); got != want {
			t.Errorf("Entity(%q) = %q, want %q", domain, got, want)
		}
	}
}

func BenchmarkLoadInstalled(b *testing.B) {
	path := DefaultPath(filepath.Join("..", ".."))
	for b.Loop() {
		if _, err := Load(path); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	db, err := Load(DefaultPath(filepath.Join("..", "..")))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		db.Lookup("a.b.us.i.posthog.com")
	}
}
