package reports

import (
	"encoding/csv"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/exposure-audit/exposure/findings"
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
		// Spaces before a formula do not hide it.
		{"  =1+1", "'  =1+1"},
		{" shop", " shop"},
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
	// errors, with quotes and a comma, come back intact, and the newline
	// inside an error is a space.
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
	wantErrors := "'-page \"/cart\" timed out, after 20s | line one line two"
	if got := col("errors"); got != wantErrors {
		t.Errorf("errors = %q, want %q", got, wantErrors)
	}
	if got, want := col("keystroke_exfiltration"), "true"; got != want {
		t.Errorf("keystroke_exfiltration = %q, want %q", got, want)
	}
	if got, want := col("fingerprinting"), "false"; got != want {
		t.Errorf("fingerprinting = %q, want %q", got, want)
	}
	if got, want := col("session_recording"), notChecked; got != want {
		t.Errorf("session_recording = %q, want %q", got, want)
	}
	if got, want := col("counts.session_recorders"), notChecked; got != want {
		t.Errorf("counts.session_recorders = %q, want %q", got, want)
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

func TestCleanCell(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "shop.example", "shop.example"},
		{"unicode kept", "Bücher & Söhne – 書店", "Bücher & Söhne – 書店"},
		{"tab and newlines", "a\tb\nc\r\nd", "a b c  d"},
		{"line separators", "a\u2028b\u2029c\u0085d", "a b c d"},
		{"nul", "a\x00b", "a\uFFFDb"},
		{"escape and del", "\x1b[31mred\x7f", "\uFFFD[31mred\uFFFD"},
		{"c1 control", "a\u009bb", "a\uFFFDb"},
		{"invalid utf-8", "caf\xe9 \xff\xfe", "caf\uFFFD \uFFFD\uFFFD"},
		{"truncated sequence", "\xe2\x82", "\uFFFD\uFFFD"},
		{"replacement char kept", "\uFFFD", "\uFFFD"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanCell(tt.in); got != tt.want {
				t.Errorf("cleanCell(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSummaryCSVHostileBytes(t *testing.T) {
	r := New(Site{
		Input:  "\t=cmd|' /C calc'!A0\x00",
		Domain: "bad\xffbytes.example",
		Sector: "\x00\x01grocery\n",
	}, Scan{Status: StatusPartial, Errors: []string{"nul\x00 here", "@bad\xc3(", "a\r\nb"}},
		findings.Empty())
	dir := t.TempDir()
	if err := WriteIndex(dir, []*Report{r}); err != nil {
		t.Fatal(err)
	}
	data := readFile(t, filepath.Join(dir, "summary.csv"))
	if !utf8.ValidString(data) {
		t.Errorf("summary.csv is not valid UTF-8: %q", data)
	}
	for i, c := range data {
		if unicode.IsControl(c) && c != '\n' {
			t.Errorf("summary.csv has control character %U at byte %d", c, i)
		}
	}
	if n := strings.Count(data, "\n"); n != 2 {
		t.Errorf("summary.csv has %d line breaks, want 2 (header and one row)", n)
	}

	records, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("parsing summary.csv: %v", err)
	}
	got := map[string]string{}
	for i, h := range csvHeader {
		got[h] = records[1][i]
	}
	want := map[string]string{
		"input":  "' =cmd|' /C calc'!A0\uFFFD",
		"domain": "bad\uFFFDbytes.example",
		"sector": "\uFFFD\uFFFDgrocery ",
		"errors": "nul\uFFFD here | @bad\uFFFD( | a  b",
	}
	for col, w := range want {
		if got[col] != w {
			t.Errorf("%s = %q, want %q", col, got[col], w)
		}
	}
}
