package reports

import (
	"encoding/csv"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestNeutralise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"shop.example", "shop.example"},
		{"a=b", "a=b"},
		{"", ""},
		{"'quoted", "'quoted"},
	}
	for _, tt := range tests {
		if got := neutralise([]string{tt.in})[0]; got != tt.want {
			t.Errorf("neutralise(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSummaryCSVParses(t *testing.T) {
	dir := writeRun(t)
	records, err := csv.NewReader(strings.NewReader(
		readFile(t, filepath.Join(dir, "summary.csv")))).ReadAll()
	if err != nil {
		t.Fatalf("parsing summary.csv: %v", err)
	}
	if !reflect.DeepEqual(records[0], csvHeader) {
		t.Errorf("header = %q, want %q", records[0], csvHeader)
	}
	if len(records) != 1+len(fixtures()) {
		t.Fatalf("summary.csv has %d records, want %d", len(records), 1+len(fixtures()))
	}

	// The hostile site sorts third (by domain): its formula input and its
	// errors, with quotes, a comma and a newline, come back intact.
	evil := records[3]
	col := func(name string) string {
		for i, h := range csvHeader {
			if h == name {
				return evil[i]
			}
		}
		t.Fatalf("no column %q", name)
		return ""
	}
	if got, want := col("input"), `'=HYPERLINK("http://127.0.0.1/x","click")`; got != want {
		t.Errorf("input = %q, want %q", got, want)
	}
	wantErrors := "'-page \"/cart\" timed out, after 20s | line one\nline two"
	if got := col("errors"); got != wantErrors {
		t.Errorf("errors = %q, want %q", got, wantErrors)
	}
	if got, want := col("keystroke_exfiltration"), "true"; got != want {
		t.Errorf("keystroke_exfiltration = %q, want %q", got, want)
	}
	if got, want := col("counts.third_party_cookies"), "1"; got != want {
		t.Errorf("counts.third_party_cookies = %q, want %q", got, want)
	}
	for _, rec := range records {
		for _, cell := range rec {
			if cell != "" && strings.ContainsAny(cell[:1], "=+-@\t\r") {
				t.Errorf("cell %q starts like a formula", cell)
			}
		}
	}
}
