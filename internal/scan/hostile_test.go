package scan

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/crawler"
	"github.com/exposure-audit/exposure/internal/sitelist"
	"github.com/exposure-audit/exposure/internal/trackerdb"
	"github.com/exposure-audit/exposure/lab"
	"github.com/exposure-audit/exposure/reports"
)

// TestScanHostileSites scans every hostile lab site together with two
// normal shops, in real Chromium, and checks that each hostile site gets
// the status, error, URL, HTTP status and third parties it must, and that
// the shops are unaffected.
func TestScanHostileSites(t *testing.T) {
	ctx := context.Background()
	l, err := lab.Start(ctx, lab.Options{Root: root, Logger: zap.NewNop()})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close(context.Background())
	db, err := trackerdb.Load(trackerdb.DefaultPath(root))
	if err != nil {
		t.Fatal(err)
	}

	hostile := l.Hostile()
	shops := l.Sites()[:2]
	var entries []sitelist.Entry
	for _, h := range hostile {
		entries = append(entries, sitelist.Entry{Input: h.URL, URL: h.URL})
	}
	for _, s := range shops {
		entries = append(entries, sitelist.Entry{Input: s.URL, URL: s.URL, Sector: s.Sector})
	}
	opts := crawler.DefaultOptions()
	opts.ExtraArgs = l.BrowserArgs()
	opts.PageTimeout = 8 * time.Second
	res, err := Run(ctx, Config{
		Out: t.TempDir(), Workers: 2, Timeout: 60 * time.Second, Crawler: opts, DB: db,
		ToolVersion: "test", Log: zap.NewNop(),
	}, entries, nil)
	if err != nil {
		t.Fatal(err)
	}
	byInput := map[string]*reports.Report{}
	for _, r := range res.Reports {
		byInput[r.Site.Input] = r
	}

	for _, h := range hostile {
		t.Run(h.Name, func(t *testing.T) {
			r := byInput[h.URL]
			if r == nil {
				t.Fatal("no report")
			}
			errs := strings.Join(r.Scan.Errors, "\n")
			if r.Scan.Status != h.WantStatus {
				t.Errorf("status = %q, want %q; errors:\n%s", r.Scan.Status, h.WantStatus, errs)
			}
			if h.WantError == "" && len(r.Scan.Errors) > 0 {
				t.Errorf("errors = %q, want none", r.Scan.Errors)
			}
			if h.WantError != "" && !strings.Contains(errs, h.WantError) {
				t.Errorf("errors = %q, want one containing %q", r.Scan.Errors, h.WantError)
			}
			if r.Site.URL != h.WantURL {
				t.Errorf("site.url = %q, want %q", r.Site.URL, h.WantURL)
			}
			if len(r.Scan.Visits) > 0 && r.Scan.Visits[0].Status != h.WantHTTPStatus {
				t.Errorf("home page status = %d, want %d", r.Scan.Visits[0].Status, h.WantHTTPStatus)
			}
			var got, want []string
			for _, tp := range r.ThirdParties {
				got = append(got, tp.Domain)
			}
			for _, tp := range h.WantThirdParties {
				want = append(want, tp.Domain)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("third parties = %q, want %q", got, want)
			}
		})
	}
	for _, s := range shops {
		if r := byInput[s.URL]; r == nil || r.Scan.Status != reports.StatusOK {
			t.Errorf("shop %s scanned beside the hostile sites: %+v", s.Host, r)
		}
	}
}
