package reports

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// checkGolden compares got with testdata/<name>.golden, or rewrites the
// file when -update is set.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("updating golden file: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file: %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

// writeRun writes the fixed report set to a fresh directory as the scan
// pipeline does, and returns the directory.
func writeRun(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	rs := fixtures()
	for _, r := range rs {
		if err := WriteSite(dir, r); err != nil {
			t.Fatalf("WriteSite(%q): %v", r.Site.Input, err)
		}
	}
	if err := WriteIndex(dir, rs); err != nil {
		t.Fatalf("WriteIndex: %v", err)
	}
	return dir
}

func TestGoldenJSON(t *testing.T) {
	dir := writeRun(t)
	for _, r := range fixtures() {
		stem := FileStem(r)
		t.Run(stem, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(dir, stem+".json"))
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, stem+".json", got)
		})
	}
}

func TestGoldenCSV(t *testing.T) {
	dir := writeRun(t)
	got, err := os.ReadFile(filepath.Join(dir, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "summary.csv", got)
}
