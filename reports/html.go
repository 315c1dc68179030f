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
}).ParseFS(templateFS, "templates/*.tmpl"))

// siteView is what the site template shows.
type siteView struct {
	*Report
	Verdicts []verdict
	Duration time.Duration
}

// renderSite returns the HTML page of r: verdicts first, then evidence.
func renderSite(r *Report) ([]byte, error) {
	view := siteView{
		Report:   r,
		Verdicts: verdicts(r),
		Duration: r.Scan.Finished.Sub(r.Scan.Started).Round(time.Second),
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

func answerCell(status string, found bool) cell {
	word, level := answer(status, found)
	return cell{Word: word, Level: level}
}
