// Package reports writes what the detectors concluded about each site: one
// JSON document per site in the exposure/v1 contract (<stem>.json, see
// [FileStem]), a plain-language HTML page beside it (<stem>.html), and for a
// whole run an index.html with a sector summary and a ranking by [Score],
// and a summary.csv for spreadsheets.
//
// It writes the findings it is given and only counts them: it never looks at
// a trace and never decides what is a tracker, a keystroke leak or a
// fingerprint. Those decisions belong to the detectors package. It does not
// log either: every problem is returned as an error to the caller.
//
// A finding section that no detector of this release fills (session
// recording, for now) is shown as "not checked" in the HTML and
// summary.csv, never as a reassuring "no"; the JSON keeps its empty section.
//
// Files are written atomically (a temporary file in the same directory,
// then a rename), so a reader never sees half a report.
//
// BUG: [FileStem] names files after the registrable domain, so two inputs of
// one run that share a domain (shop.example and shop.example/sale) share a
// stem and the later report replaces the earlier one. The pipeline should
// give each domain once per run.
package reports
