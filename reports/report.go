package reports

import (
	"time"

	"github.com/exposure-audit/exposure/findings"
)

// Schema names the report contract. Within it, fields are only ever added,
// never renamed or removed.
const Schema = "exposure/v1"

// The values of [Scan.Status].
const (
	// StatusOK means every planned page was visited completely.
	StatusOK = "ok"
	// StatusPartial means the scan produced findings but some pages or
	// steps failed or timed out; absent findings are then less certain.
	StatusPartial = "partial"
	// StatusFailed means the scan produced no usable findings.
	StatusFailed = "failed"
)

// Report is the whole result for one site, as written to <stem>.json.
// The sections of the embedded [findings.Set] appear at the top level of the
// JSON document.
type Report struct {
	Schema string `json:"schema"`
	Site   Site   `json:"site"`
	Scan   Scan   `json:"scan"`
	findings.Set
	Summary Summary `json:"summary"`

	// Stem, when set, is the file name stem of the report's files instead
	// of the one [FileStem] derives from the domain. It is not part of the
	// document.
	Stem string `json:"-"`
}

// Site says which site was scanned.
type Site struct {
	// Input is the site exactly as given to the tool.
	Input string `json:"input"`
	// URL is the final URL of the home page, after redirects.
	URL string `json:"url"`
	// Domain is the registrable domain (eTLD+1) of URL.
	Domain string `json:"domain"`
	// Sector is the sector the input named, if any.
	Sector string `json:"sector,omitempty"`
}

// Scan describes how the site was scanned and how well that went.
type Scan struct {
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	// Status is one of [StatusOK], [StatusPartial] or [StatusFailed].
	Status string `json:"status"`
	// Errors are problems of the scan itself, in the order they happened.
	Errors []string `json:"errors"`
	// Pages are the URLs of the pages visited, home page first.
	Pages []string `json:"pages"`
	// Visits give the outcome of each page visit.
	Visits         []Visit `json:"visits"`
	ToolVersion    string  `json:"tool_version"`
	BrowserVersion string  `json:"browser_version"`
	// Lists are the tracker lists and databases the findings relied on.
	Lists []List `json:"lists"`
	// Trace is the file name of the stored trace, relative to the report.
	Trace string `json:"trace,omitempty"`
	// Screenshot is the file name of the home page screenshot, relative to
	// the report.
	Screenshot string `json:"screenshot,omitempty"`
}

// Visit is the outcome of one page visit.
type Visit struct {
	URL string `json:"url"`
	// Status is the HTTP status of the document, or 0 when none arrived.
	Status int `json:"status"`
	// Title is the document's title, when it had one.
	Title string `json:"title,omitempty"`
	// Error says why the page did not load completely, when it did not.
	Error string `json:"error,omitempty"`
	// Partial is true when the load did not finish in time and the visit
	// went on with what had arrived.
	Partial bool `json:"partial"`
}

// List identifies one tracker list or database used for classification.
type List struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	License string `json:"license"`
	// Source says where the data came from (a package name or URL).
	Source string `json:"source"`
}

// New returns the report for a site: it sets [Schema], replaces nil slices
// and maps with empty ones (so the JSON shows [] and {} rather than null),
// puts the scan's times in UTC and computes the [Summary] from set. It
// does not copy the slices of scan and set, and fills nil ones inside them
// in place; the caller must not change them afterwards.
func New(site Site, scan Scan, set findings.Set) *Report {
	r := &Report{Schema: Schema, Site: site, Scan: scan, Set: set}
	normalise(r)
	r.Summary = summarise(r.Set)
	return r
}

// normalise replaces every nil slice or map of r with an empty one and
// puts the scan's times in UTC.
func normalise(r *Report) {
	r.Scan.Started = r.Scan.Started.UTC()
	r.Scan.Finished = r.Scan.Finished.UTC()
	r.Scan.Errors = nonNil(r.Scan.Errors)
	r.Scan.Pages = nonNil(r.Scan.Pages)
	r.Scan.Visits = nonNil(r.Scan.Visits)
	r.Scan.Lists = nonNil(r.Scan.Lists)

	s := &r.Set
	s.ThirdParties = nonNil(s.ThirdParties)
	s.Scripts = nonNil(s.Scripts)
	s.KeystrokeListeners = nonNil(s.KeystrokeListeners)
	s.Exfiltration = nonNil(s.Exfiltration)
	s.Fingerprinting = nonNil(s.Fingerprinting)
	s.SessionRecorders = nonNil(s.SessionRecorders)
	s.Cookies = nonNil(s.Cookies)
	for i := range s.ThirdParties {
		s.ThirdParties[i].Categories = nonNil(s.ThirdParties[i].Categories)
		s.ThirdParties[i].Scripts = nonNil(s.ThirdParties[i].Scripts)
	}
	for i := range s.Fingerprinting {
		if s.Fingerprinting[i].APIs == nil {
			s.Fingerprinting[i].APIs = map[string]int{}
		}
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
