package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/crawler"
	"github.com/exposure-audit/exposure/internal/scan"
	"github.com/exposure-audit/exposure/internal/sitelist"
	"github.com/exposure-audit/exposure/internal/trackerdb"
	"github.com/exposure-audit/exposure/lab"
)

// scanFlags are the options of "exposure scan".
type scanFlags struct {
	sites       string
	out         string
	workers     int
	recycle     int
	pages       int
	timeout     time.Duration
	pageTimeout time.Duration
	browser     string
	browserArgs multiFlag
	trackerDB   string
	root        string
	lab         bool
	debug       bool
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, " ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func parseScanFlags(args []string, stderr io.Writer) (*scanFlags, []string, error) {
	f := &scanFlags{}
	d := crawler.DefaultOptions()
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.sites, "sites", "", "file of sites: one URL or bare domain per line "+
		"(# comments allowed), or CSV with a url column and optionally sector")
	fs.StringVar(&f.out, "out", "exposure-out", "folder for reports, traces and screenshots")
	fs.IntVar(&f.workers, "workers", scan.DefaultWorkers(), "sites visited at once "+
		"(default: two per core, as far as memory allows)")
	fs.IntVar(&f.recycle, "recycle-after", 100, "start a fresh browser after this many sites, "+
		"to cap memory growth (0: never)")
	fs.IntVar(&f.pages, "pages", d.Pages, "pages per site: the home page plus up to N-1 "+
		"same-site pages (product, category and cart pages first)")
	fs.DurationVar(&f.timeout, "timeout", 90*time.Second, "hard deadline for each site")
	fs.DurationVar(&f.pageTimeout, "page-timeout", d.PageTimeout, "wait for one page to load")
	fs.StringVar(&f.browser, "browser", d.BrowserPath, "Chromium binary (default $CHROME_PATH "+
		"or Debian's chromium)")
	fs.Var(&f.browserArgs, "browser-arg", "extra Chromium flag, such as "+
		"--host-resolver-rules=...; repeatable")
	fs.StringVar(&f.trackerDB, "trackerdb", "", "tracker database file in Ghostery's "+
		"trackerdb.json format (default: the one installed under node_modules)")
	fs.StringVar(&f.root, "root", "", "project folder holding node_modules and lab/ "+
		"(default: found from the working folder or the binary)")
	fs.BoolVar(&f.lab, "lab", false, "start the retail lab in this process and scan all its sites")
	fs.BoolVar(&f.debug, "debug", false, "log every request and event")
	// Flags may come after sites too: parse, take the next site, go on.
	var sites []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, nil, fmt.Errorf("%w: %w", errUsage, err)
		}
		if fs.NArg() == 0 {
			break
		}
		sites = append(sites, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch {
	case f.workers < 1:
		return nil, nil, fmt.Errorf("%w: --workers must be at least 1", errUsage)
	case f.pages < 1:
		return nil, nil, fmt.Errorf("%w: --pages must be at least 1", errUsage)
	case f.timeout < 5*time.Second:
		return nil, nil, fmt.Errorf("%w: --timeout must be at least 5s", errUsage)
	case f.pageTimeout <= 0:
		return nil, nil, fmt.Errorf("%w: --page-timeout must be positive", errUsage)
	}
	return f, sites, nil
}

// runScan runs "exposure scan". It reports failed when some site got a
// failed report.
func runScan(ctx context.Context, args []string, stderr io.Writer) (failed bool, err error) {
	f, rest, err := parseScanFlags(args, stderr)
	if err != nil {
		return false, err
	}
	prog := newProgressLine(stderr)
	log, err := newLogger(prog, f.debug)
	if err != nil {
		return false, err
	}
	defer func() { _ = log.Sync() }()

	// Problems with the set-up end the run before anything is written;
	// they are usage errors, not failed sites.
	if err := crawler.CheckBrowser(f.browser); err != nil {
		return false, fmt.Errorf("%w: %w (install chromium, or pass --browser)", errUsage, err)
	}
	if st, err := os.Stat(f.out); err == nil && !st.IsDir() {
		return false, fmt.Errorf("%w: --out %q is not a folder", errUsage, f.out)
	}
	root := findRoot(f.root)
	dbPath := f.trackerDB
	if dbPath == "" {
		dbPath = trackerdb.DefaultPath(root)
	}
	db, err := trackerdb.Load(dbPath)
	if err != nil {
		return false, fmt.Errorf("%w: %w (run the set-up script, or pass --trackerdb)", errUsage, err)
	}

	opts := crawler.DefaultOptions()
	opts.BrowserPath = f.browser
	opts.Pages = f.pages
	opts.PageTimeout = f.pageTimeout
	opts.ExtraArgs = f.browserArgs

	entries, rejected, err := gatherSites(f, rest, log)
	if err != nil {
		return false, err
	}
	if f.lab {
		l, err := lab.Start(ctx, lab.Options{Root: root, Logger: log.Named("lab")})
		if err != nil {
			return false, fmt.Errorf("starting lab: %w", err)
		}
		defer closeLab(l, log)
		opts.ExtraArgs = append(opts.ExtraArgs, l.BrowserArgs()...)
		entries = append(entries, labEntries(l)...)
	}
	if len(entries) == 0 && len(rejected) == 0 {
		return false, fmt.Errorf("%w: no sites to scan: give sites as arguments, --sites FILE "+
			"or --lab", errUsage)
	}

	out, err := scan.Run(ctx, scan.Config{
		Out:          f.out,
		Workers:      f.workers,
		RecycleAfter: f.recycle,
		Timeout:      f.timeout,
		Crawler:      opts,
		DB:           db,
		ToolVersion:  toolVersion(),
		Log:          log,
		Progress:     prog.update,
	}, entries, rejected)
	prog.done()
	if err != nil {
		return false, err
	}
	fmt.Fprintf(stderr, "%s: %d ok, %d partial, %d failed; reports in %s\n",
		plural(len(out.Reports), "site"), out.OK, out.Partial, out.Failed, f.out)
	if ctx.Err() != nil {
		left := len(entries) + len(rejected) - len(out.Reports)
		fmt.Fprintf(stderr, "interrupted: %s not scanned; run the same command again to resume\n",
			plural(left, "site"))
		return true, nil
	}
	return out.Failed > 0, nil
}

// gatherSites reads the sites from the arguments and --sites. Bad entries
// are logged with their line and returned apart, to get failed reports.
func gatherSites(f *scanFlags, args []string, log *zap.Logger) (
	[]sitelist.Entry, []*sitelist.LineError, error) {
	var (
		list sitelist.List
		bad  []*sitelist.LineError
	)
	for i, a := range args {
		if err := list.Add(a, ""); err != nil {
			bad = append(bad, &sitelist.LineError{Source: "argument", Line: i + 1, Text: a, Err: err})
		}
	}
	if f.sites != "" {
		file, err := os.Open(f.sites)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: opening site list: %w", errUsage, err)
		}
		defer file.Close()
		entries, rejected, err := sitelist.Read(file, f.sites)
		if err != nil {
			return nil, nil, err
		}
		bad = append(bad, rejected...)
		for _, e := range entries {
			_ = list.Add(e.Input, e.Sector)
		}
	}
	for _, b := range bad {
		log.Warn("site skipped", zap.String("source", b.Source), zap.Int("line", b.Line),
			zap.String("input", b.Text), zap.Error(b.Err))
	}
	return list.Entries, bad, nil
}

// labEntries lists the lab's sites with their sectors.
func labEntries(l *lab.Lab) []sitelist.Entry {
	var out []sitelist.Entry
	for _, s := range l.Sites() {
		out = append(out, sitelist.Entry{Input: s.URL, URL: s.URL, Sector: s.Sector})
	}
	return out
}

func closeLab(l *lab.Lab, log *zap.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := l.Close(ctx); err != nil {
		log.Warn("closing lab failed", zap.Error(err))
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
