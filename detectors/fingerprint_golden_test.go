package detectors

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestFingerprintsGoldenLab judges the calls recorded on the lab's
// Glowhaus shop (ThumbmarkJS beside Datadog, Snowplow and compressorjs
// resizing a product photo), reduced to the calls and the scripts they
// name, and compares the findings with the golden file.
func TestFingerprintsGoldenLab(t *testing.T) {
	name := "fingerprint-lab-glowhaus"
	got := Fingerprints(readTrace(t, name+".trace.json"))

	thumbmark := "https://cdn.jsdelivr.net/npm/@thumbmarkjs/thumbmarkjs@1.11.0/dist/thumbmark.umd.js"
	var techs []string
	for _, f := range got {
		if f.Script != thumbmark {
			t.Errorf("finding for %s: %s (%s)", f.Script, f.Technique, f.Evidence)
		}
		techs = append(techs, f.Technique)
	}
	want := []string{"audio", "canvas", "canvas_font", "navigator", "screen", "timezone", "webgl",
		"webrtc"}
	if !slices.Equal(techs, want) {
		t.Errorf("techniques = %q, want %q", techs, want)
	}

	out, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, '\n')
	path := filepath.Join("testdata", name+".golden.json")
	if *update {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	golden, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run go test -update): %v", err)
	}
	if !bytes.Equal(out, golden) {
		t.Errorf("findings differ from %s:\n%s", path, firstDiff(out, golden))
	}
	again, _ := json.MarshalIndent(Fingerprints(readTrace(t, name+".trace.json")), "", "  ")
	if !bytes.Equal(append(again, '\n'), out) {
		t.Error("two runs on the same trace differ")
	}
}
