package reports

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// checkSection adds section to checkedSections for the rest of the test, as
// a release with its detector would.
func checkSection(t *testing.T, section string) {
	t.Helper()
	saved := checkedSections
	checkedSections = append(slices.Clone(saved), section)
	t.Cleanup(func() { checkedSections = saved })
}

func TestSessionRecordingNotChecked(t *testing.T) {
	if checked(sectionSessionRecorders) {
		t.Fatal("session recording is checked, but no detector looks for it")
	}
	for _, s := range []string{sectionThirdParties, sectionScripts, sectionKeystrokeListeners,
		sectionExfiltration, sectionFingerprinting, sectionCookies} {
		if !checked(s) {
			t.Errorf("section %q is not checked, but its detector exists", s)
		}
	}
	if !anyUnchecked() {
		t.Error("anyUnchecked() = false with session recording unchecked")
	}
}

// TestCheckedSectionsSwitch turns session recording on, as one line in
// checkedSections will, and expects a plain "no" everywhere for a clean
// site.
func TestCheckedSectionsSwitch(t *testing.T) {
	checkSection(t, sectionSessionRecorders)
	if anyUnchecked() {
		t.Error("anyUnchecked() = true with every section checked")
	}

	page := render(t, cleanShop())
	for _, want := range []string{
		`<div class="verdict good">` + "\n<p class=\"claim\">Your visit is recorded as a " +
			"whole (session recording): <strong>no</strong>",
		`<h2 id="session-recorders">Session recorders (0)</h2>` +
			"\n<p class=\"none\">None found.</p>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("site page lacks %q", want)
		}
	}
	if strings.Contains(page, "not checked") || strings.Contains(page, "Not checked") {
		t.Error("site page says not checked with every section checked")
	}

	dir := writeRun(t)
	index := readFile(t, filepath.Join(dir, "index.html"))
	for _, want := range []string{
		`<td class="good">no</td><td class="good">no</td><td class="good">no</td>`,
		"<td>1 of 3 (33%)</td><td class=\"n\">1</td>",
		"20 for session\nrecording,\n20 for fingerprinting",
	} {
		if !strings.Contains(index, want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	if strings.Contains(index, "not checked") || strings.Contains(index, "Not checked") {
		t.Error("index.html says not checked with every section checked")
	}

	table := readFile(t, filepath.Join(dir, "summary.csv"))
	if strings.Contains(table, notChecked) {
		t.Errorf("summary.csv says %s with every section checked", notChecked)
	}
	want := "clean.example.json,0,false,false,false,0,0,0,0,0,0,0,0,0,0,0\n"
	if !strings.Contains(table, want) {
		t.Errorf("summary.csv lacks %q", want)
	}
}

func TestUncheckedSectionShowsFindings(t *testing.T) {
	// A report with recorders (from a release that detects them) shows them
	// as found even where the section is not checked.
	page := render(t, exposedShop())
	for _, want := range []string{
		"(session recording): <strong>yes</strong>",
		`<h2 id="session-recorders">Session recorders (1)</h2>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}
