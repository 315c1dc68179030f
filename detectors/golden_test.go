package detectors

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/exposure-audit/exposure/findings"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// goldenTraces are the hand-written traces under testdata.
var goldenTraces = []string{
	"shop-posthog-datadog",
	"entity-first-party",
	"ip-site",
	"blob-scripts",
}

// analysis is what a golden file holds.
type analysis struct {
	Site     Site         `json:"site"`
	Findings findings.Set `json:"findings"`
}

func analyzeJSON(t *testing.T, name string) []byte {
	t.Helper()
	set, site := Analyze(readTrace(t, name+".trace.json"), loadDB(t))
	out, err := json.MarshalIndent(analysis{Site: site, Findings: set}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

func TestGolden(t *testing.T) {
	for _, name := range goldenTraces {
		t.Run(name, func(t *testing.T) {
			got := analyzeJSON(t, name)
			path := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("reading golden file (run go test -update): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Analyze(%s) differs from %s:\n%s", name, path, firstDiff(got, want))
			}
		})
	}
}

// TestDeterministic checks that Analyze gives byte-identical output when run
// again and when the trace lists its evidence in reverse order.
func TestDeterministic(t *testing.T) {
	for _, name := range goldenTraces {
		t.Run(name, func(t *testing.T) {
			db := loadDB(t)
			first := analyzeJSON(t, name)
			again := analyzeJSON(t, name)
			if !bytes.Equal(first, again) {
				t.Fatalf("second run differs:\n%s", firstDiff(again, first))
			}

			tr := readTrace(t, name+".trace.json")
			slices.Reverse(tr.Requests)
			slices.Reverse(tr.WebSockets)
			slices.Reverse(tr.Scripts)
			slices.Reverse(tr.Cookies)
			slices.Reverse(tr.CookieWrites)
			set, site := Analyze(tr, db)
			reversed, err := json.MarshalIndent(analysis{Site: site, Findings: set}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			reversed = append(reversed, '\n')
			if !bytes.Equal(reversed, first) {
				t.Errorf("reversed trace differs:\n%s", firstDiff(reversed, first))
			}
		})
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return "(no line differs)"
}
