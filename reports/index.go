package reports

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"time"
)

// errNilReport reports a nil entry in the reports given to [WriteIndex].
var errNilReport = errors.New("nil report")

// topThirdParties is how many third parties the sector summary lists.
const topThirdParties = 25

// siteRow is one site of the run as index.html and summary.csv show it.
type siteRow struct {
	*Report
	Name  string // domain, or input when the domain is unknown
	Stem  string
	Score int
	// Known is false for failed scans, whose verdicts are unknown.
	Known bool
}

// indexView is what the index template shows.
type indexView struct {
	Sites   []siteRow
	Groups  []group
	Top     []thirdPartyShare
	Ranking []siteRow
	// From and To are the earliest start and the latest end of the scans.
	From, To time.Time
}

// WriteIndex writes index.html and summary.csv to dir for the reports of a
// whole run: one row per site, sorted by domain, then the sector summary.
// It does not write the sites' own files; see [WriteSite].
func WriteIndex(dir string, rs []*Report) error {
	rows, err := siteRows(rs)
	if err != nil {
		return err
	}

	page, err := execute("index.html.tmpl", newIndexView(rows))
	if err != nil {
		return fmt.Errorf("rendering index: %w", err)
	}
	table, err := summaryCSV(rows)
	if err != nil {
		return fmt.Errorf("encoding summary: %w", err)
	}

	if err := writeAtomic(filepath.Join(dir, "index.html"), page); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, "summary.csv"), table)
}

// siteRows checks the reports and orders them by name, then input, so that
// the same run always gives the same files.
func siteRows(rs []*Report) ([]siteRow, error) {
	rows := make([]siteRow, 0, len(rs))
	for i, r := range rs {
		if r == nil {
			return nil, fmt.Errorf("indexing report %d: %w", i, errNilReport)
		}
		if r.Schema != Schema {
			return nil, fmt.Errorf("indexing report %d with schema %q: %w", i, r.Schema,
				ErrSchema)
		}
		rows = append(rows, siteRow{
			Report: r,
			Name:   cmp.Or(r.Site.Domain, r.Site.Input),
			Stem:   FileStem(r),
			Score:  Score(r),
			Known:  r.Scan.Status != StatusFailed,
		})
	}
	slices.SortStableFunc(rows, func(a, b siteRow) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Site.Input, b.Site.Input))
	})
	return rows, nil
}

func newIndexView(rows []siteRow) indexView {
	v := indexView{
		Sites:   rows,
		Groups:  groups(rows),
		Top:     topShares(rows, topThirdParties),
		Ranking: ranking(rows),
	}
	for _, r := range rows {
		if s := r.Scan.Started; !s.IsZero() && (v.From.IsZero() || s.Before(v.From)) {
			v.From = s
		}
		if f := r.Scan.Finished; f.After(v.To) {
			v.To = f
		}
	}
	return v
}

// ranking returns the scanned sites by descending [Score], then by name.
// Failed scans are left out: they have no findings to rank.
func ranking(rows []siteRow) []siteRow {
	var ranked []siteRow
	for _, r := range rows {
		if r.Known {
			ranked = append(ranked, r)
		}
	}
	slices.SortStableFunc(ranked, func(a, b siteRow) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Name, b.Name))
	})
	return ranked
}
