package scan

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestScanLabExfiltration compares each lab site's typed values that left
// the page before submit with the site's expected list, exactly: field
// kind, destination domain, channel, encoding and party.
func TestScanLabExfiltration(t *testing.T) {
	ls := scanLab(t)
	for _, s := range ls.lab.Sites() {
		t.Run(s.Host, func(t *testing.T) {
			r := ls.byInput[s.URL]
			if r == nil {
				t.Fatal("no report")
			}
			var got, want []string
			for _, e := range r.Exfiltration {
				got = append(got, fmt.Sprintf("%s %s %s %s third=%v", e.FieldKind,
					e.DestinationDomain, e.Channel, e.Encoding, e.ThirdParty))
			}
			for _, e := range s.Expected.Exfiltration {
				// An expected channel may name alternatives ("fetch|beacon"):
				// take the one the scan saw, if it is among them.
				channel := e.Channel
				for _, alt := range strings.Split(e.Channel, "|") {
					seen := fmt.Sprintf("%s %s %s %s third=%v", e.FieldKind,
						e.DestinationDomain, alt, e.Encoding, e.ThirdParty)
					if slices.Contains(got, seen) {
						channel = alt
					}
				}
				want = append(want, fmt.Sprintf("%s %s %s %s third=%v", e.FieldKind,
					e.DestinationDomain, channel, e.Encoding, e.ThirdParty))
			}
			got, want = uniqueSorted(got), uniqueSorted(want)
			if !slices.Equal(got, want) {
				t.Errorf("exfiltration\n got %q\nwant %q", got, want)
			}
			if s.Kind == "control" && len(r.Exfiltration) > 0 {
				t.Errorf("control site leaks typed values: %+v", r.Exfiltration)
			}
			if r.Summary.KeystrokeExfiltration != (len(want) > 0) {
				t.Errorf("summary keystroke_exfiltration = %v with %d expected",
					r.Summary.KeystrokeExfiltration, len(want))
			}
		})
	}
}

func uniqueSorted(in []string) []string {
	slices.Sort(in)
	return slices.Compact(in)
}

// TestScanLabKeystrokeListeners compares the scripts each lab site's
// report names as listening to typing with the site's expected list.
func TestScanLabKeystrokeListeners(t *testing.T) {
	ls := scanLab(t)
	for _, s := range ls.lab.Sites() {
		t.Run(s.Host, func(t *testing.T) {
			r := ls.byInput[s.URL]
			if r == nil {
				t.Fatal("no report")
			}
			var got []string
			for _, l := range r.KeystrokeListeners {
				got = append(got, l.Script)
			}
			got = uniqueSorted(got)
			want := uniqueSorted(slices.Clone(s.Expected.KeystrokeListenerScripts))
			if !slices.Equal(got, want) {
				t.Errorf("keystroke listener scripts\n got %q\nwant %q", got, want)
			}
		})
	}
}
