package scan

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/internal/sitelist"
	"github.com/exposure-audit/exposure/internal/store"
	"github.com/exposure-audit/exposure/reports"
)

// work is what is left to do.
type work struct {
	entries  []sitelist.Entry
	rejected []*sitelist.LineError
}

// resume loads what an earlier run of the same scan finished and returns
// the rest. A site counts as finished when the progress database says so
// and its report is on disk, or when its report is on disk although the
// database still says it was running: the process stopped between
// writing the report and recording it.
func (r *run) resume(ctx context.Context, entries []sitelist.Entry,
	rejected []*sitelist.LineError) (work, error) {
	progress, err := r.store.Sites(ctx)
	if err != nil {
		return work{}, err
	}
	r.removeTemporaries()
	var interrupted bool
	for _, p := range progress {
		if p.State == store.StateRunning {
			interrupted = true
		}
	}
	var onDisk map[string]*reports.Report
	if interrupted {
		onDisk = r.reportsOnDisk()
	}

	var w work
	for _, e := range entries {
		if !r.keep(ctx, e.Input, progress[e.Input], onDisk) {
			w.entries = append(w.entries, e)
		}
	}
	for _, le := range rejected {
		if !r.keep(ctx, le.Text, progress[le.Text], onDisk) {
			w.rejected = append(w.rejected, le)
		}
	}
	return w, nil
}

// keep adopts the report of a site an earlier run finished, and reports
// whether it did.
func (r *run) keep(ctx context.Context, input string, p store.Site,
	onDisk map[string]*reports.Report) bool {
	var rep *reports.Report
	switch p.State {
	case store.StateDone:
		var err error
		rep, err = reports.ReadSite(filepath.Join(r.cfg.Out, p.Stem+".json"))
		if err != nil {
			r.log.Warn("finished site's report unreadable, scanning again",
				zap.String("site", input), zap.Error(err))
			return false
		}
		rep.Stem = p.Stem
	case store.StateRunning:
		rep = onDisk[input]
		if rep == nil {
			return false
		}
		if err := r.store.Finish(ctx, input, rep.Scan.Status, rep.Stem); err != nil {
			r.log.Warn("recording progress failed", zap.String("site", input), zap.Error(err))
		}
	default:
		return false
	}
	r.stems[rep.Stem] = true
	r.reports = append(r.reports, rep)
	r.progress.Done++
	if rep.Scan.Status == reports.StatusFailed {
		r.progress.Failed++
	}
	return true
}

// reportsOnDisk reads every report in the output folder, by input.
func (r *run) reportsOnDisk() map[string]*reports.Report {
	out := make(map[string]*reports.Report)
	err := filepath.WalkDir(r.cfg.Out, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != r.cfg.Out {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".json") {
			return nil
		}
		rep, err := reports.ReadSite(path)
		if err != nil {
			return nil // not a report, or one cut short: the site is scanned again
		}
		rep.Stem = strings.TrimSuffix(filepath.Base(path), ".json")
		out[rep.Site.Input] = rep
		return nil
	})
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		r.log.Warn("reading earlier reports failed", zap.Error(err))
	}
	return out
}

// removeTemporaries deletes the half-written files a killed run left: every
// file is written under a hidden temporary name and renamed when complete.
func (r *run) removeTemporaries() {
	tmps, _ := filepath.Glob(filepath.Join(r.cfg.Out, ".*.tmp"))
	for _, t := range tmps {
		if err := os.Remove(t); err != nil {
			r.log.Warn("removing temporary file failed", zap.String("path", t), zap.Error(err))
		}
	}
}
