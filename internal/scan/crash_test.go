package scan

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/crawler"
	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/internal/sitelist"
	"github.com/exposure-audit/exposure/reports"
)

// TestBrowserCrashIsRetried kills the browser process in the middle of a
// visit, as the kernel's OOM killer would, and checks that the site is
// visited again in a new browser and the next site is unaffected.
func TestBrowserCrashIsRetried(t *testing.T) {
	var slowHits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" && slowHits.Add(1) == 1 {
			// The first visit stalls here until the browser is killed.
			time.Sleep(3 * time.Second)
		}
		fmt.Fprint(w, "<html><head><title>shop</title></head><body>ok</body></html>")
	}))
	defer srv.Close()

	entries := []sitelist.Entry{
		{Input: srv.URL + "/slow", URL: srv.URL + "/slow"},
		{Input: srv.URL + "/next", URL: srv.URL + "/next"},
	}
	var killed atomic.Bool
	cfg := Config{
		Out: t.TempDir(), Workers: 1, Timeout: 40 * time.Second, Crawler: crawler.DefaultOptions(),
		ToolVersion: "test", Log: zap.NewNop(),
	}
	cfg.Crawler.Pages = 1
	launches := 0
	r := &run{cfg: cfg, log: zap.NewNop(), stems: map[string]bool{}}
	r.browsers = newBrowsers(func(ctx context.Context) (*crawler.Browser, error) {
		launches++
		b, err := crawler.Launch(ctx, cfg.Crawler, zap.NewNop())
		if err == nil && !killed.Load() {
			killed.Store(true)
			pid := b.PID()
			time.AfterFunc(time.Second, func() { _ = syscall.Kill(pid, syscall.SIGKILL) })
		}
		return b, err
	}, 0, zap.NewNop())
	defer r.browsers.close()

	var got []*reports.Report
	for _, e := range entries {
		res, err := r.visit(context.Background(), e)
		got = append(got, reports.New(reports.Site{Input: e.Input}, r.scanInfo(res.Trace, err),
			findings.Empty()))
	}
	if launches != 2 {
		t.Errorf("browser launches = %d, want 2 (the first killed)", launches)
	}
	first, next := got[0], got[1]
	if !strings.Contains(strings.Join(first.Scan.Errors, "\n"), "visited again in a new browser") {
		t.Errorf("first site errors = %q, want the crash and the retry named", first.Scan.Errors)
	}
	if len(first.Scan.Visits) != 1 || first.Scan.Visits[0].Status != 200 {
		t.Errorf("first site visits = %+v, want the retried page with 200", first.Scan.Visits)
	}
	if next.Scan.Status != reports.StatusOK {
		t.Errorf("next site status = %q (%q), want ok", next.Scan.Status, next.Scan.Errors)
	}
}
