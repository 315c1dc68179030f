package reports

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"time"
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

// summaryCSV returns summary.csv: the header, then one row per site.
func summaryCSV(rows []siteRow) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(csvHeader); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if err := w.Write(neutralise(csvRecord(r))); err != nil {
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
		strconv.FormatBool(s.KeystrokeExfiltration), strconv.FormatBool(s.Fingerprinting),
		strconv.FormatBool(s.SessionRecording),
		strconv.Itoa(s.ThirdPartyDomains),
		strconv.Itoa(c.Scripts), strconv.Itoa(c.ThirdPartyScripts),
		strconv.Itoa(c.KeystrokeListeners),
		strconv.Itoa(c.Exfiltration), strconv.Itoa(c.ThirdPartyExfiltration),
		strconv.Itoa(c.Fingerprinting), strconv.Itoa(c.FingerprintingScripts),
		strconv.Itoa(c.SessionRecorders), strconv.Itoa(c.Cookies),
		strconv.Itoa(c.ThirdPartyCookies),
	}
}

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// neutralise prefixes a single quote to every cell that a spreadsheet would
// read as a formula: one starting with =, +, -, @, a tab or a carriage
// return. It changes cells in place and returns them.
func neutralise(cells []string) []string {
	for i, cell := range cells {
		if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
			cells[i] = "'" + cell
		}
	}
	return cells
}
