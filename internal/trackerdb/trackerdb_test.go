package trackerdb

import (
	"errors"
	"io/fs"
	"path/filepath"
	"testing"
)

func loadSmall(t *testing.T) *DB {
	t.Helper()
	db, err := Load(filepath.Join("testdata", "small", "dist", "trackerdb.json"))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return db
}

func TestLoadSmallInfo(t *testing.T) {
	path := filepath.Join("testdata", "small", "dist", "trackerdb.json")
	db := loadSmall(t)
	want := List{
		Name: "ghostery-trackerdb",
		// The package.json one folder up belongs to another package, so the
		// version falls back to the file's digest (sha256sum, first 12 hex).
		Version: "sha256:75509699b0d1",
		License: "",
		Source:  path,
	}
	if got := db.Info(); got != want {
		t.Errorf("Info() = %+v, want %+v", got, want)
	}
	if got := db.Len(); got != 5 {
		t.Errorf("Len() = %d, want 5", got)
	}
}

func TestLoadPackageVersion(t *testing.T) {
	path := filepath.Join("testdata", "pkg", "dist", "trackerdb.json")
	db, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := List{Name: Name, Version: "0.0.1-test", License: "CC-BY-NC-SA-4.0", Source: path}
	if got := db.Info(); got != want {
		t.Errorf("Info() = %+v, want %+v", got, want)
	}
}

func TestLookupSmall(t *testing.T) {
	db := loadSmall(t)
	acme := Match{
		Domain: "acme-metrics.test", Pattern: "acme_pixel", Name: "Acme Pixel",
		Category: "site_analytics", Organization: "Acme Analytics Inc.", OrganizationID: "acme",
	}
	ads := Match{
		Domain: "ads.acme-metrics.test", Pattern: "acme_ads", Name: "Acme Ads",
		Category: "advertising", Organization: "Acme Analytics Inc.", OrganizationID: "acme",
	}
	pixel := acme
	pixel.Domain = "pixel.acme-cdn.test"
	orphan := Match{
		Domain: "orphan-cdn.test", Pattern: "orphan_cdn", Name: "Orphan CDN", Category: "hosting",
	}
	pages := Match{
		Domain: "pages.dev", Pattern: "hostco_pages", Name: "HostCo Pages",
		Category: "hosting", Organization: "HostCo", OrganizationID: "hostco",
	}
	tests := []struct {
		name string
		host string
		want Match
		ok   bool
	}{
		{"exact", "acme-metrics.test", acme, true},
		{"subdomain", "eu.collect.acme-metrics.test", acme, true},
		{"nearest parent wins", "x.ads.acme-metrics.test", ads, true},
		{"listed subdomain", "ads.acme-metrics.test", ads, true},
		{"listed host only", "pixel.acme-cdn.test", pixel, true},
		{"sibling of listed host", "static.acme-cdn.test", Match{}, false},
		{"parent of listed host", "acme-cdn.test", Match{}, false},
		{"case and trailing dot", "WWW.Acme-Metrics.TEST.", acme, true},
		{"listed key normalised", "orphan-cdn.test", orphan, true},
		{"tenant of listed suffix", "myshop.pages.dev", pages, true},
		{"suffix lookalike", "notacme-metrics.test", Match{}, false},
		{"unknown", "shop.example", Match{}, false},
		{"ip address", "127.0.0.1", Match{}, false},
		{"empty", "", Match{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := db.Lookup(tc.host)
			if got != tc.want || ok != tc.ok {
				t.Errorf("Lookup(%q) = %+v, %v; want %+v, %v", tc.host, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestOwnerStopsAtRegistrableDomain(t *testing.T) {
	db := loadSmall(t)
	tests := []struct {
		domain string
		entity string
	}{
		{"acme-metrics.test", "Acme Analytics Inc."},
		{"cdn.acme-metrics.test", "Acme Analytics Inc."},
		// pages.dev is a public suffix: its tenants are not HostCo's.
		{"myshop.pages.dev", ""},
		{"www.myshop.pages.dev", ""},
		{"pages.dev", "HostCo"},
		// A pattern without an organization has no owner.
		{"orphan-cdn.test", ""},
		{"shop.example", ""},
		{"10.1.2.3", ""},
	}
	for _, tc := range tests {
		if got := db.Entity(tc.domain); got != tc.entity {
			t.Errorf("Entity(%q) = %q, want %q", tc.domain, got, tc.entity)
		}
	}
}

func TestNilDB(t *testing.T) {
	var db *DB
	if m, ok := db.Lookup("posthog.com"); ok {
		t.Errorf("nil Lookup = %+v, true; want no match", m)
	}
	if got := db.Entity("posthog.com"); got != "" {
		t.Errorf("nil Entity = %q, want empty", got)
	}
	if got := db.Info(); got != (List{}) {
		t.Errorf("nil Info = %+v, want zero", got)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		file     string
		isFormat bool
		isNotFS  bool
	}{
		{"truncated.json", false, false},
		{"array.json", true, false},
		{"empty.json", true, false},
		{"dangling-pattern.json", true, false},
		{"dangling-org.json", true, false},
		{"missing.json", false, true},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "broken", tc.file)
			db, err := Load(path)
			if err == nil {
				t.Fatalf("Load(%q) = %v, nil; want an error", path, db.Info())
			}
			if got := errors.Is(err, ErrFormat); got != tc.isFormat {
				t.Errorf("errors.Is(%v, ErrFormat) = %v, want %v", err, got, tc.isFormat)
			}
			if got := errors.Is(err, fs.ErrNotExist); got != tc.isNotFS {
				t.Errorf("errors.Is(%v, fs.ErrNotExist) = %v, want %v", err, got, tc.isNotFS)
			}
			t.Logf("%v", err)
		})
	}
}

func TestDefaultPath(t *testing.T) {
	got := DefaultPath("/repo")
	want := filepath.Join("/repo", "node_modules", "@ghostery", "trackerdb", "dist",
		"trackerdb.json")
	if got != want {
		t.Errorf("DefaultPath = %q, want %q", got, want)
	}
}
