package reports

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/exposure-audit/exposure/findings"
)

func TestNewNormalisesNil(t *testing.T) {
	set := findings.Set{
		ThirdParties:   []findings.ThirdPartyDomain{{Domain: "cdn.example"}},
		Fingerprinting: []findings.Fingerprint{{Script: "s.js", Technique: "audio"}},
	}
	r := New(Site{Input: "x.example"}, Scan{}, set)

	doc, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(doc), "null") {
		t.Errorf("JSON has a null: %s", doc)
	}
	if r.Schema != Schema {
		t.Errorf("Schema = %q, want %q", r.Schema, Schema)
	}
	if r.Scan.Started.Location().String() != "UTC" {
		t.Errorf("Started in %v, want UTC", r.Scan.Started.Location())
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		name string
		r    *Report
		want Summary
	}{
		{"clean", cleanShop(), Summary{}},
		{"failed", failedShop(), Summary{}},
		{"exposed", exposedShop(), Summary{
			KeystrokeExfiltration: true, Fingerprinting: true, SessionRecording: true,
			ThirdPartyDomains: 3,
			Counts: Counts{Scripts: 3, ThirdPartyScripts: 2, KeystrokeListeners: 2,
				Exfiltration: 1, ThirdPartyExfiltration: 1, Fingerprinting: 2,
				FingerprintingScripts: 1, SessionRecorders: 1, Cookies: 2,
				ThirdPartyCookies: 1},
		}},
		{"first-party exfiltration", hostileShop(), Summary{
			KeystrokeExfiltration: true, ThirdPartyDomains: 1,
			Counts: Counts{Exfiltration: 1, Cookies: 2, ThirdPartyCookies: 1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.Summary; got != tt.want {
				t.Errorf("Summary = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestScore(t *testing.T) {
	many := make([]findings.ThirdPartyDomain, 35)
	tests := []struct {
		name string
		set  findings.Set
		want int
	}{
		{"nothing", findings.Empty(), 0},
		{"third parties are capped", findings.Set{ThirdParties: many}, 20},
		{"first-party exfiltration", findings.Set{
			Exfiltration: []findings.Exfiltration{{ThirdParty: false}}}, 15},
		{"third-party exfiltration wins", findings.Set{
			Exfiltration: []findings.Exfiltration{{ThirdParty: false}, {ThirdParty: true}}}, 40},
		{"recording and fingerprinting", findings.Set{
			SessionRecorders: []findings.SessionRecorder{{Script: "r.js"}},
			Fingerprinting:   []findings.Fingerprint{{Script: "f.js"}}}, 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Score(New(Site{}, Scan{}, tt.set)); got != tt.want {
				t.Errorf("Score = %d, want %d", got, tt.want)
			}
		})
	}
	if got := Score(exposedShop()); got != 83 {
		t.Errorf("Score(exposedShop) = %d, want 83", got)
	}
}

func TestReadSiteRoundTrip(t *testing.T) {
	dir := t.TempDir()
	for _, want := range fixtures() {
		if err := WriteSite(dir, want); err != nil {
			t.Fatalf("WriteSite: %v", err)
		}
		got, err := ReadSite(filepath.Join(dir, FileStem(want)+".json"))
		if err != nil {
			t.Fatalf("ReadSite: %v", err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ReadSite(%s) = %+v, want %+v", FileStem(want), got, want)
		}
	}
}

func TestReadSiteErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tests := []struct {
		name    string
		path    string
		wantErr error
	}{
		{"missing", filepath.Join(dir, "nope.json"), os.ErrNotExist},
		{"other schema", write("v2.json", `{"schema":"exposure/v2"}`), ErrSchema},
		{"trace", write("trace.json", `{"schema":"exposure-trace/v1"}`), ErrSchema},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadSite(tt.path)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("ReadSite error = %v, want %v", err, tt.wantErr)
			}
		})
	}
	if _, err := ReadSite(write("bad.json", `{"schema":`)); err == nil {
		t.Error("ReadSite of truncated JSON: no error")
	}
}

func TestReadSiteIgnoresAddedFields(t *testing.T) {
	// A later v1 release may add fields; an older reader must still read it.
	path := filepath.Join(t.TempDir(), "later.json")
	doc := `{"schema":"exposure/v1","site":{"input":"a.example","added":1},"storage":[]}`
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := ReadSite(path)
	if err != nil {
		t.Fatalf("ReadSite: %v", err)
	}
	if r.Site.Input != "a.example" || r.Cookies == nil || r.Scan.Errors == nil {
		t.Errorf("ReadSite = %+v, want input a.example and empty, non-nil sections", r)
	}
}

func TestWriteSiteRejectsUnbuiltReport(t *testing.T) {
	err := WriteSite(t.TempDir(), &Report{Site: Site{Domain: "a.example"}})
	if !errors.Is(err, ErrSchema) {
		t.Errorf("WriteSite error = %v, want %v", err, ErrSchema)
	}
}

func TestWriteSiteReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	r := exposedShop()
	if err := WriteSite(dir, r); err != nil {
		t.Fatal(err)
	}
	r.Scan.Status = StatusPartial
	if err := WriteSite(dir, r); err != nil {
		t.Fatal(err)
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		if mode := info.Mode().Perm(); mode != 0o644 {
			t.Errorf("%s has mode %v, want 0644", e.Name(), mode)
		}
	}
	want := []string{"shop.example.html", "shop.example.json"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("files = %q, want %q (no temporary files left)", names, want)
	}
	got, err := ReadSite(filepath.Join(dir, "shop.example.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Scan.Status != StatusPartial {
		t.Errorf("status after rewrite = %q, want %q", got.Scan.Status, StatusPartial)
	}
}

func TestWriteSiteMissingDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "absent")
	if err := WriteSite(dir, cleanShop()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("WriteSite into a missing directory: error = %v, want %v", err,
			os.ErrNotExist)
	}
}
