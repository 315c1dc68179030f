package reports

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// pages holds the site and index templates. html/template escapes every
// value for its context, so URLs, cookie names and titles a site controls
// cannot inject markup, and javascript: URLs in links are neutralised.
var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"yesno":  yesNo,
	"join":   func(s []string) string { return strings.Join(s, ", ") },
	"apis":   formatAPIs,
	"http":   formatHTTPStatus,
	"time":   formatTime,
	"status": statusText,
	"inc":    func(i int) int { return i + 1 },
	"answer": answerCell,
	"loaded": loadState,
	// Helpers for sections that may not be checked; see checkedSections.
	"tally":        tally,
	"none":         noneText,
	"checked":      checked,
	"anyUnchecked": anyUnchecked,
	"short":        shorten,
	"problems":     problems,
}).ParseFS(templateFS, "templates/*.tmpl"))

// siteView is what the site template shows.
type siteView struct {
	*Report
	Verdicts []verdict
	Duration time.Duration
	// ScriptRuns are the scripts that ran, one per URL.
	ScriptRuns []scriptRuns
}

// renderSite returns the HTML page of r: verdicts first, then evidence.
func renderSite(r *Report) ([]byte, error) {
	view := siteView{
		Report:     r,
		Verdicts:   verdicts(r),
		Duration:   r.Scan.Finished.Sub(r.Scan.Started).Round(time.Second),
		ScriptRuns: groupScripts(r.Scripts),
	}
	return execute("site.html.tmpl", view)
}

func execute(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, fmt.Errorf("executing template %q: %w", name, err)
	}
	return buf.Bytes(), nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// formatAPIs lists API call counts sorted by name, e.g.
// "CanvasRenderingContext2D.fillText ×14, HTMLCanvasElement.toDataURL ×2".
func formatAPIs(apis map[string]int) string {
	parts := make([]string, 0, len(apis))
	for _, name := range slices.Sorted(maps.Keys(apis)) {
		parts = append(parts, fmt.Sprintf("%s ×%d", name, apis[name]))
	}
	return strings.Join(parts, ", ")
}

func formatHTTPStatus(code int) string {
	if code == 0 {
		return "no response"
	}
	return fmt.Sprint(code)
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// loadState says in one word how far a page loaded.
func loadState(v Visit) string {
	switch {
	case v.Partial:
		return "partly"
	case v.Error != "":
		return "no"
	}
	return "yes"
}

// statusText explains a scan status in plain words.
func statusText(status string) string {
	switch status {
	case StatusOK:
		return "complete"
	case StatusPartial:
		return "incomplete"
	case StatusFailed:
		return "failed"
	}
	return "unknown status " + status
}

// cell is one yes-or-no answer in a table: its word and CSS class.
type cell struct{ Word, Level string }

// answerCell is the table cell of a yes-or-no finding of section.
func answerCell(section, status string, found bool) cell {
	word, level := answer(section, status, found)
	return cell{Word: word, Level: level}
}

// tally is the size of a section for its heading: the number of entries,
// or "not checked" when the section is empty and no detector fills it.
func tally(section string, n int) string {
	if n == 0 && !checked(section) {
		return "not checked"
	}
	return fmt.Sprint(n)
}

// noneText is what an empty section says in place of its table.
func noneText(section string) string {
	if !checked(section) {
		return "Not checked: this version of exposure does not look for these yet."
	}
	return "None found."
}

// maxShown is the number of characters of a long value, such as an input,
// that a table shows; the whole value goes in a title attribute.
const maxShown = 80

// shorten returns s cut to maxShown characters, the last of them an
// ellipsis when anything was cut.
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= maxShown {
		return s
	}
	n := 0
	for i := range s {
		if n == maxShown-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// problems counts the errors of a scan in words: "1 problem", "2 problems".
func problems(n int) string {
	if n == 1 {
		return "1 problem"
	}
	return fmt.Sprintf("%d problems", n)
}
