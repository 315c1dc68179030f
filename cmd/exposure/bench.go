package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/crawler"
	"github.com/exposure-audit/exposure/internal/bench"
	"github.com/exposure-audit/exposure/internal/scan"
	"github.com/exposure-audit/exposure/internal/sitelist"
	"github.com/exposure-audit/exposure/internal/trackerdb"
	"github.com/exposure-audit/exposure/lab"
)

// runBench runs "exposure bench": it scans the lab several times over at
// each worker count and prints throughput, per-site time percentiles and
// the peak memory of this process with its browsers.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	workerList := fs.String("workers", "1,2,4", "comma-separated worker counts to measure")
	repeat := fs.Int("repeat", 2, "how many times over each run scans the lab's sites")
	pages := fs.Int("pages", crawler.DefaultOptions().Pages, "pages per site")
	timeout := fs.Duration("timeout", 90*time.Second, "hard deadline for each site")
	browserPath := fs.String("browser", crawler.DefaultOptions().BrowserPath, "Chromium binary")
	root := fs.String("root", "", "project folder holding node_modules and lab/")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	counts, err := parseCounts(*workerList)
	if err != nil || *repeat < 1 {
		return fmt.Errorf("%w: --workers takes counts like 1,2,4 and --repeat at least 1", errUsage)
	}

	dir := findRoot(*root)
	db, err := trackerdb.Load(trackerdb.DefaultPath(dir))
	if err != nil {
		return err
	}
	log := zap.NewNop()
	l, err := lab.Start(ctx, lab.Options{Root: dir, Logger: log})
	if err != nil {
		return fmt.Errorf("starting lab: %w", err)
	}
	defer closeLab(l, log)
	tmp, err := os.MkdirTemp("", "exposure-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	opts := crawler.DefaultOptions()
	opts.BrowserPath, opts.Pages = *browserPath, *pages
	opts.ExtraArgs = l.BrowserArgs()

	fmt.Fprintf(stdout, rowFormat, "workers", "sites", "failed", "wall", "sites/min", "p50", "p90",
		"max", "peak MiB", "MiB/worker")
	for _, w := range counts {
		if ctx.Err() != nil {
			break
		}
		out := filepath.Join(tmp, "w"+strconv.Itoa(w))
		row, err := benchRun(ctx, l, db, opts, w, *repeat, *timeout, out)
		if err != nil {
			return err
		}
		fmt.Fprint(stdout, row)
	}
	return nil
}

// rowFormat lays out the table with fixed widths, so that each row can be
// printed as soon as its run ends.
const rowFormat = "%7s %6s %6s %9s %9s %7s %7s %7s %9s %10s\n"

// benchRun scans the lab repeat times over with w workers and returns the
// table row.
func benchRun(ctx context.Context, l *lab.Lab, db *trackerdb.DB, opts crawler.Options,
	w, repeat int, timeout time.Duration, out string) (string, error) {
	var entries []sitelist.Entry
	for k := range repeat {
		for _, s := range l.Sites() {
			// A fragment keeps the inputs apart without changing the page.
			input := fmt.Sprintf("%s#run-%d", s.URL, k+1)
			entries = append(entries, sitelist.Entry{Input: input, URL: s.URL, Sector: s.Sector})
		}
	}
	sampler := bench.StartPeak(os.Getpid(), 250*time.Millisecond)
	start := time.Now()
	res, err := scan.Run(ctx, scan.Config{
		Out: out, Workers: w, Timeout: timeout, Crawler: opts, DB: db,
		ToolVersion: toolVersion(), Log: zap.NewNop(),
	}, entries, nil)
	wall := time.Since(start)
	peak := sampler.Stop()
	if err != nil {
		return "", err
	}
	var times []time.Duration
	for _, r := range res.Reports {
		times = append(times, r.Scan.Finished.Sub(r.Scan.Started))
	}
	mib := float64(peak) / (1 << 20)
	round := func(d time.Duration) string { return d.Round(100 * time.Millisecond).String() }
	return fmt.Sprintf(rowFormat, strconv.Itoa(w), strconv.Itoa(len(res.Reports)),
		strconv.Itoa(res.Failed), round(wall),
		fmt.Sprintf("%.1f", float64(len(res.Reports))/wall.Minutes()),
		round(bench.Percentile(times, 50)), round(bench.Percentile(times, 90)),
		round(bench.Percentile(times, 100)), fmt.Sprintf("%.0f", mib),
		fmt.Sprintf("%.0f", mib/float64(w))), nil
}

func parseCounts(s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bad worker count %q", part)
		}
		out = append(out, n)
	}
	return out, nil
}
