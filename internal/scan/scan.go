// Package scan runs a sector scan: it visits each site in the browser,
// runs the detectors on the trace, and writes each site's report, trace
// and screenshot as soon as the site is done, then the run's index.
//
// It wires the crawler, detectors and reports together and holds no
// detection or report logic of its own.
package scan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/crawler"
	"github.com/exposure-audit/exposure/detectors"
	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/internal/sitelist"
	"github.com/exposure-audit/exposure/internal/store"
	"github.com/exposure-audit/exposure/internal/trackerdb"
	"github.com/exposure-audit/exposure/reports"
	"github.com/exposure-audit/exposure/trace"
)

// Config is what a scan needs besides its sites.
type Config struct {
	// Out is the folder reports are written to; it is created if missing.
	Out string
	// Workers is how many sites are visited at once. Zero means one.
	Workers int
	// Timeout is each site's hard deadline. Zero means 90s.
	Timeout time.Duration
	// Crawler configures the browser and the visits.
	Crawler crawler.Options
	// RecycleAfter replaces the browser after that many sites, to cap the
	// memory a long-running browser gathers. Zero means never.
	RecycleAfter int
	// DB classifies third parties; nil means no classification.
	DB          *trackerdb.DB
	ToolVersion string
	Log         *zap.Logger
	// Progress receives progress updates; nil means none.
	Progress func(Progress)
}

// Progress is the state of a running scan.
type Progress struct {
	Done, Total, Failed int
	Started             time.Time
}

// Outcome counts how the sites ended.
type Outcome struct {
	OK, Partial, Failed int
	Reports             []*reports.Report
}

// Run scans every entry and writes the reports. Each rejected entry of the
// site list gets a failed report that says why, so that every line a user
// gave is accounted for in the output. Run returns an error only when
// nothing can be scanned at all (the browser does not start, the output
// folder cannot be written); a site that fails gets a failed report.
func Run(ctx context.Context, cfg Config, entries []sitelist.Entry,
	rejected []*sitelist.LineError) (Outcome, error) {
	if cfg.Workers <= 0 {
		cfg.Workers = 1
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 90 * time.Second
	}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return Outcome{}, fmt.Errorf("creating output folder: %w", err)
	}
	log := cfg.Log.Named("scan")
	st, err := store.Open(ctx, filepath.Join(cfg.Out, store.FileName))
	if err != nil {
		return Outcome{}, err
	}
	defer func() {
		if err := st.Close(); err != nil {
			log.Warn("closing progress database failed", zap.Error(err))
		}
	}()

	r := &run{cfg: cfg, log: log, store: st, stems: make(map[string]bool),
		progress: Progress{Total: len(entries) + len(rejected), Started: time.Now()}}
	todo, err := r.resume(ctx, entries, rejected)
	if err != nil {
		return Outcome{}, err
	}
	log.Info("scan started", zap.Int("sites", len(entries)+len(rejected)),
		zap.Int("done_before", r.progress.Done), zap.Int("workers", cfg.Workers),
		zap.String("out", cfg.Out))

	r.browsers = newBrowsers(func(ctx context.Context) (*crawler.Browser, error) {
		return crawler.Launch(ctx, cfg.Crawler, cfg.Log.Named("crawler"))
	}, cfg.RecycleAfter, log)
	defer r.browsers.close()
	if len(todo.entries) > 0 {
		// Start the browser now, so that a browser that cannot start ends
		// the scan with one clear error rather than a failed report per site.
		b, err := r.browsers.get(ctx)
		if err != nil {
			return Outcome{}, err
		}
		r.browsers.put(b)
	}
	for _, le := range todo.rejected {
		r.reject(ctx, le)
	}
	r.all(ctx, todo.entries)

	out := r.outcome()
	if err := reports.WriteIndex(cfg.Out, out.Reports); err != nil {
		return out, fmt.Errorf("writing index: %w", err)
	}
	log.Info("scan finished", zap.Int("ok", out.OK), zap.Int("partial", out.Partial),
		zap.Int("failed", out.Failed), zap.Duration("elapsed", time.Since(r.progress.Started)))
	return out, nil
}

// run is the state shared by a scan's workers.
type run struct {
	cfg      Config
	log      *zap.Logger
	browsers *browsers
	store    *store.Store

	mu       sync.Mutex
	stems    map[string]bool
	reports  []*reports.Report
	progress Progress
}

// all feeds the entries to the workers and waits for them. Once ctx ends,
// no new site starts.
func (r *run) all(ctx context.Context, entries []sitelist.Entry) {
	jobs := make(chan sitelist.Entry)
	var wg sync.WaitGroup
	for range r.cfg.Workers {
		wg.Go(func() {
			for e := range jobs {
				r.one(ctx, e)
			}
		})
	}
	for _, e := range entries {
		select {
		case jobs <- e:
			continue
		case <-ctx.Done():
		}
		break
	}
	close(jobs)
	wg.Wait()
}

// one scans a site and writes its files.
func (r *run) one(ctx context.Context, e sitelist.Entry) {
	start := time.Now()
	if err := r.store.Start(ctx, e.Input); err != nil {
		r.log.Warn("recording progress failed", zap.String("site", e.Input), zap.Error(err))
	}
	res, visitErr := r.visit(ctx, e)

	set, info := detectors.Analyze(res.Trace, r.cfg.DB)
	rep := reports.New(
		reports.Site{Input: e.Input, URL: info.URL, Domain: info.Domain, Sector: e.Sector},
		r.scanInfo(res.Trace, visitErr),
		set,
	)
	if err := r.write(rep, res); err != nil {
		rep.Scan.Status = reports.StatusFailed
		r.log.Warn("writing site failed", zap.String("site", e.Input), zap.Error(err))
	} else {
		r.done(rep)
	}
	r.finish(rep, time.Since(start))
}

// visit visits a site. When the browser died under the visit, the site
// is visited once more in a new browser, and the report says so.
func (r *run) visit(ctx context.Context, e sitelist.Entry) (*crawler.Result, error) {
	site := crawler.Site{Input: e.Input, URL: e.URL, Fallback: e.Fallback, Sector: e.Sector}
	var (
		res   *crawler.Result
		err   error
		notes []string
	)
	for attempt := 1; attempt <= 2; attempt++ {
		b, lerr := r.browsers.get(ctx)
		if lerr != nil {
			return failedResult(e, lerr), lerr
		}
		res, err = b.Visit(ctx, site, r.cfg.Timeout)
		alive := b.Alive()
		r.browsers.put(b)
		if alive || ctx.Err() != nil {
			break
		}
		notes = append(notes, "the browser crashed during the visit")
		r.log.Warn("browser crashed", zap.String("site", e.Input), zap.Int("attempt", attempt))
		if attempt == 1 {
			notes[len(notes)-1] += "; visited again in a new browser"
		}
	}
	res.Trace.Errors = append(notes, res.Trace.Errors...)
	return res, err
}

// failedResult is the result of a visit that could not start.
func failedResult(e sitelist.Entry, err error) *crawler.Result {
	now := time.Now().UTC()
	return &crawler.Result{Trace: &trace.Trace{
		Schema: trace.Schema, Input: e.Input, Sector: e.Sector, Started: now, Finished: now,
		Errors: []string{fmt.Sprintf("starting browser: %v", err)},
	}}
}

// done records in the progress database that a site's report is on disk.
// It runs after the report's rename, so a crash in between leaves a
// report that resume finds and keeps.
func (r *run) done(rep *reports.Report) {
	// The scan's context may be cancelled (Ctrl-C) while the last sites
	// finish; their progress must still be recorded.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := r.store.Finish(ctx, rep.Site.Input, rep.Scan.Status, rep.Stem); err != nil {
		r.log.Warn("recording progress failed", zap.String("site", rep.Site.Input), zap.Error(err))
	}
}

// reject writes the failed report of an entry that could not be scanned.
func (r *run) reject(ctx context.Context, le *sitelist.LineError) {
	now := time.Now().UTC()
	rep := reports.New(reports.Site{Input: le.Text}, reports.Scan{
		Started:     now,
		Finished:    now,
		Status:      reports.StatusFailed,
		Errors:      []string{fmt.Sprintf("%s line %d: %v", le.Source, le.Line, le.Err)},
		ToolVersion: r.cfg.ToolVersion,
	}, findings.Empty())
	rep.Stem = r.stem(rep)
	if err := reports.WriteSite(r.cfg.Out, rep); err != nil {
		r.log.Warn("writing site failed", zap.String("site", le.Text), zap.Error(err))
	} else {
		r.done(rep)
	}
	r.finish(rep, 0)
}

// scanInfo describes how the visit went.
func (r *run) scanInfo(t *trace.Trace, visitErr error) reports.Scan {
	s := reports.Scan{
		Started:        t.Started,
		Finished:       t.Finished,
		Status:         reports.StatusOK,
		Errors:         append([]string{}, t.Errors...),
		ToolVersion:    r.cfg.ToolVersion,
		BrowserVersion: t.BrowserVersion,
	}
	if r.cfg.DB != nil {
		info := r.cfg.DB.Info()
		s.Lists = []reports.List{{Name: info.Name, Version: info.Version,
			License: info.License, Source: info.Source}}
	}
	for _, p := range t.Pages {
		if p.Superseded {
			continue
		}
		url := p.URL
		if url == "" {
			url = p.Requested
		}
		s.Pages = append(s.Pages, url)
		s.Visits = append(s.Visits, reports.Visit{URL: url, Status: p.Status, Title: p.Title,
			Error: p.Error, Partial: p.Partial})
		if p.Error != "" {
			s.Errors = append(s.Errors, fmt.Sprintf("%s: %s", p.Requested, p.Error))
		}
	}
	switch {
	case visitErr != nil:
		s.Status = reports.StatusFailed
		s.Errors = append(s.Errors, visitErr.Error())
	case len(s.Errors) > 0:
		s.Status = reports.StatusPartial
	}
	return s
}

// write stores the site's trace and screenshot, then its report: the
// report comes last, so a report on disk always has its evidence beside it.
func (r *run) write(rep *reports.Report, res *crawler.Result) error {
	stem := r.stem(rep)
	rep.Scan.Trace = stem + ".trace.json.gz"
	if err := trace.Write(filepath.Join(r.cfg.Out, rep.Scan.Trace), res.Trace); err != nil {
		return fmt.Errorf("writing trace: %w", err)
	}
	if len(res.Screenshot) > 0 {
		rep.Scan.Screenshot = stem + ".png"
		err := os.WriteFile(filepath.Join(r.cfg.Out, rep.Scan.Screenshot), res.Screenshot, 0o644)
		if err != nil {
			return fmt.Errorf("writing screenshot: %w", err)
		}
	}
	rep.Stem = stem
	if err := reports.WriteSite(r.cfg.Out, rep); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}

// stem returns a file name stem no other site of this run uses: two
// inputs on one domain (a shop's home and its sale page) both get files.
func (r *run) stem(rep *reports.Report) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	stem := reports.FileStem(rep)
	for n := 2; r.stems[stem]; n++ {
		stem = fmt.Sprintf("%s-%d", reports.FileStem(rep), n)
	}
	r.stems[stem] = true
	return stem
}

func (r *run) finish(rep *reports.Report, elapsed time.Duration) {
	r.mu.Lock()
	r.reports = append(r.reports, rep)
	r.progress.Done++
	if rep.Scan.Status == reports.StatusFailed {
		r.progress.Failed++
	}
	p := r.progress
	r.mu.Unlock()

	fields := []zap.Field{
		zap.String("site", rep.Site.Input), zap.String("status", rep.Scan.Status),
		zap.Duration("elapsed", elapsed), zap.Int("pages", len(rep.Scan.Pages)),
		zap.Int("third_party_domains", rep.Summary.ThirdPartyDomains),
	}
	if rep.Scan.Status == reports.StatusFailed {
		r.log.Warn("site failed", append(fields, zap.Strings("errors", rep.Scan.Errors))...)
	} else {
		r.log.Info("site scanned", fields...)
	}
	if r.cfg.Progress != nil {
		r.cfg.Progress(p)
	}
}

func (r *run) outcome() Outcome {
	r.mu.Lock()
	defer r.mu.Unlock()
	var o Outcome
	for _, rep := range r.reports {
		switch rep.Scan.Status {
		case reports.StatusOK:
			o.OK++
		case reports.StatusPartial:
			o.Partial++
		default:
			o.Failed++
		}
	}
	o.Reports = append(o.Reports, r.reports...)
	return o
}
