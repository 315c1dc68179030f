package reports

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// csvHeader names the columns of summary.csv. Count columns are named after
// their JSON path in the report.
var csvHeader = []string{
	"input", "domain", "url", "sector", "status", "started", "finished", "errors",
	"report", "score",
	"keystroke_exfiltration", "fingerprinting", "session_recording",
	"third_party_domains",
	"counts.scripts", "counts.third_party_scripts", "counts.keystroke_listeners",
	"counts.exfiltration", "counts.third_party_exfiltration",
	"counts.fingerprinting", "counts.fingerprinting_scripts",
	"counts.session_recorders", "counts.cookies", "counts.third_party_cookies",
}

// errorSeparator joins a site's errors into one cell.
const errorSeparator = " | "

// notChecked fills the verdict and count cells of a finding that no
// detector of this release looks for; see checkedSections.
const notChecked = "not_checked"

// summaryCSV returns summary.csv: the header, then one row per site.
func summaryCSV(rows []siteRow) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(csvHeader); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if err := w.Write(neutralise(clean(csvRecord(r)))); err != nil {
			return nil, err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func csvRecord(r siteRow) []string {
	s, c := r.Summary, r.Summary.Counts
	return []string{
		r.Site.Input, r.Site.Domain, r.Site.URL, r.Site.Sector, r.Scan.Status,
		csvTime(r.Scan.Started), csvTime(r.Scan.Finished),
		strings.Join(r.Scan.Errors, errorSeparator),
		r.Stem + ".json", strconv.Itoa(r.Score),
		csvVerdict(sectionExfiltration, s.KeystrokeExfiltration),
		csvVerdict(sectionFingerprinting, s.Fingerprinting),
		csvVerdict(sectionSessionRecorders, s.SessionRecording),
		strconv.Itoa(s.ThirdPartyDomains),
		strconv.Itoa(c.Scripts), strconv.Itoa(c.ThirdPartyScripts),
		strconv.Itoa(c.KeystrokeListeners),
		strconv.Itoa(c.Exfiltration), strconv.Itoa(c.ThirdPartyExfiltration),
		strconv.Itoa(c.Fingerprinting), strconv.Itoa(c.FingerprintingScripts),
		csvCount(sectionSessionRecorders, c.SessionRecorders), strconv.Itoa(c.Cookies),
		strconv.Itoa(c.ThirdPartyCookies),
	}
}

// csvVerdict is "true" or "false" for a finding of section, or
// [notChecked] when it was not found and no detector looks for it.
func csvVerdict(section string, found bool) string {
	if !found && !checked(section) {
		return notChecked
	}
	return strconv.FormatBool(found)
}

// csvCount is the size n of section, or [notChecked] when it is empty and no
// detector fills it.
func csvCount(section string, n int) string {
	if n == 0 && !checked(section) {
		return notChecked
	}
	return strconv.Itoa(n)
}

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// clean makes every cell one line of valid UTF-8 text: tabs, line breaks
// and other white-space control characters become spaces, other control
// characters (NUL, escape, DEL, the C1 range) and invalid UTF-8 bytes
// become U+FFFD. Hostile sites and input lists control several cells, and
// some spreadsheet and database importers choke on such bytes. It changes
// cells in place and returns them.
func clean(cells []string) []string {
	for i, cell := range cells {
		cells[i] = cleanCell(cell)
	}
	return cells
}

func cleanCell(cell string) string {
	var b strings.Builder
	for _, c := range cell {
		switch {
		case c == utf8.RuneError:
			// Either an invalid byte or U+FFFD itself: the same either way.
			b.WriteRune(utf8.RuneError)
		case c == '\u2028' || c == '\u2029' || unicode.IsControl(c) && unicode.IsSpace(c):
			b.WriteByte(' ')
		case unicode.IsControl(c):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// neutralise prefixes a single quote to every cell that a spreadsheet would
// read as a formula: one whose first character, or first after leading
// spaces, is =, +, -, @, a tab or a carriage return. It changes cells in
// place and returns them.
func neutralise(cells []string) []string {
	for i, cell := range cells {
		lead := strings.TrimLeft(cell, " ")
		if lead != "" && strings.ContainsRune("=+-@\t\r", rune(lead[0])) {
			cells[i] = "'" + cell
		}
	}
	return cells
}
