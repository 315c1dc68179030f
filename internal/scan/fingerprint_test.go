package scan

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/exposure-audit/exposure/lab"
	"github.com/exposure-audit/exposure/reports"
	"github.com/exposure-audit/exposure/trace"
)

// TestScanLabFingerprinting compares, site by site, the scripts and
// techniques the lab scan found fingerprinting with what each site says
// it must show: every expected pair found, and nothing else, so that the
// charts, image resizing, 3D viewer and time zone reads of the controls
// stay unreported.
func TestScanLabFingerprinting(t *testing.T) {
	ls := scanLab(t)
	for _, s := range ls.lab.Sites() {
		t.Run(s.Host, func(t *testing.T) {
			r := ls.byInput[s.URL]
			if r == nil {
				t.Fatal("no report")
			}
			checkFingerprinting(t, s, r)
		})
	}
	for _, c := range labControls {
		t.Run("control "+c.script, func(t *testing.T) {
			checkControl(t, ls, c.host, c.script, c.api)
		})
	}
}

// labControls are the lab's innocent uses of the fingerprinting surface:
// each script must be seen calling api, and must not be reported.
var labControls = []struct{ host, script, api string }{
	{"freshbasket.example", "https://cdn.jsdelivr.net/npm/chart.js@4.6.1/dist/chart.umd.min.js",
		"CanvasRenderingContext2D.fillText"},
	{"glowhaus.example", "https://cdn.jsdelivr.net/npm/compressorjs@1.3.0/dist/compressor.min.js",
		"HTMLCanvasElement.toBlob"},
	{"bazaarly.example", "https://cdn.jsdelivr.net/npm/three@0.187.0/build/three.module.js",
		"WebGL2RenderingContext.getParameter"},
	{"paper-lane.example", "https://paper-lane.example/static/monogram.js",
		"HTMLCanvasElement.toDataURL"},
	{"quiet-tea.example", "https://quiet-tea.example/static/delivery.js",
		"Intl.DateTimeFormat.resolvedOptions"},
}

// checkControl proves a control ran (its call is in the trace) and was
// judged innocent.
func checkControl(t *testing.T, ls *labScan, host, script, api string) {
	r := ls.byInput["https://"+host+"/"]
	if r == nil {
		t.Fatalf("no report for %s", host)
	}
	tr, err := trace.Read(filepath.Join(ls.out, r.Scan.Trace))
	if err != nil {
		t.Fatalf("reading trace: %v", err)
	}
	called := false
	for _, c := range tr.Calls {
		called = called || c.API == api && len(c.Stack) > 0 && c.Stack[0].URL == script
	}
	if !called {
		t.Errorf("no %s call from %s: the control did not run", api, script)
	}
	for _, f := range r.Fingerprinting {
		if f.Script == script {
			t.Errorf("control reported: %s %s (%s)", f.Script, f.Technique, f.Evidence)
		}
	}
}

func checkFingerprinting(t *testing.T, s lab.Site, r *reports.Report) {
	var got, want []string
	for _, f := range r.Fingerprinting {
		got = append(got, f.Script+" "+f.Technique)
		if f.Evidence == "" || len(f.APIs) == 0 {
			t.Errorf("%s %s: evidence %q, apis %v; want both", f.Script, f.Technique,
				f.Evidence, f.APIs)
		}
	}
	for _, f := range s.Expected.Fingerprinting {
		want = append(want, f.Script+" "+f.Technique)
	}
	slices.Sort(got)
	slices.Sort(want)
	for _, g := range got {
		if !slices.Contains(want, g) {
			t.Errorf("unexpected finding: %s (%s)", g, evidenceOf(r, g))
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing finding: %s", w)
		}
	}
	if s.Kind == lab.KindControl && len(r.Fingerprinting) > 0 {
		t.Errorf("control site shows fingerprinting: %+v", r.Fingerprinting)
	}
	if r.Summary.Fingerprinting != (len(want) > 0) {
		t.Errorf("summary fingerprinting = %v, want %v", r.Summary.Fingerprinting, len(want) > 0)
	}
}

func evidenceOf(r *reports.Report, scriptTechnique string) string {
	for _, f := range r.Fingerprinting {
		if f.Script+" "+f.Technique == scriptTechnique {
			return strings.TrimSpace(f.Evidence)
		}
	}
	return ""
}
