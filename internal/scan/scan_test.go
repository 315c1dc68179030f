package scan

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/crawler"
	"github.com/exposure-audit/exposure/internal/sitelist"
	"github.com/exposure-audit/exposure/internal/trackerdb"
	"github.com/exposure-audit/exposure/lab"
	"github.com/exposure-audit/exposure/reports"
	"github.com/exposure-audit/exposure/trace"
)

// root is the repository root, where node_modules and lab/ live.
const root = "../.."

// hangingServer answers with the start of a page and then never finishes
// it, until the client goes away.
func hangingServer() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><head><title>Never done</title></head><body><p>loading")
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
}

// labScan is one scan of the whole lab in real Chromium, together with a
// dead host, a malformed line and a page that never finishes loading. The
// tests of each finding share it, as a sector scan would produce it once.
type labScan struct {
	lab       *lab.Lab
	out       string
	byInput   map[string]*reports.Report
	deadInput string
	hangInput string
	err       error
}

var (
	labOnce   sync.Once
	sharedLab labScan
)

// scanLab runs the shared lab scan the first time it is called.
func scanLab(t *testing.T) *labScan {
	t.Helper()
	labOnce.Do(func() { sharedLab = runLabScan() })
	if sharedLab.err != nil {
		t.Fatalf("lab scan: %v", sharedLab.err)
	}
	return &sharedLab
}

func runLabScan() (s labScan) {
	ctx := context.Background()
	l, err := lab.Start(ctx, lab.Options{Root: root, Logger: zap.NewNop()})
	if err != nil {
		return labScan{err: fmt.Errorf("starting lab: %w", err)}
	}
	// The lab and the hanging server live until the test binary exits.
	s.lab = l
	db, err := trackerdb.Load(trackerdb.DefaultPath(root))
	if err != nil {
		return labScan{err: err}
	}

	var entries []sitelist.Entry
	for _, site := range l.Sites() {
		entries = append(entries, sitelist.Entry{Input: site.URL, URL: site.URL, Sector: site.Sector})
	}
	// A loopback port nobody listens on refuses connections: a dead host,
	// tried over https and then http as a bare domain is.
	s.deadInput = closedPort()
	dead, _, _ := sitelist.Parse(s.deadInput)
	s.hangInput = hangingServer().URL + "/hang"
	entries = append(entries, dead, sitelist.Entry{Input: s.hangInput, URL: s.hangInput})
	rejected := []*sitelist.LineError{{Source: "sites.txt", Line: 7, Text: "htps:/shop",
		Err: sitelist.ErrScheme}}

	opts := crawler.DefaultOptions()
	opts.ExtraArgs = l.BrowserArgs()
	opts.PageTimeout = 8 * time.Second
	s.out, err = os.MkdirTemp("", "exposure-labscan-")
	if err != nil {
		return labScan{err: err}
	}
	res, err := Run(ctx, Config{
		Out: s.out, Workers: 2, Timeout: 60 * time.Second, Crawler: opts, DB: db,
		ToolVersion: "test", Log: zap.NewNop(),
	}, entries, rejected)
	if err != nil {
		return labScan{err: fmt.Errorf("Run: %w", err)}
	}
	if got, want := len(res.Reports), len(entries)+1; got != want {
		return labScan{err: fmt.Errorf("reports = %d, want %d", got, want)}
	}
	s.byInput = map[string]*reports.Report{}
	for _, r := range res.Reports {
		s.byInput[r.Site.Input] = r
	}
	return s
}

// TestScanLab checks each lab site's third parties against what the site
// says it must show, and the failed and partial reports of the bad inputs.
func TestScanLab(t *testing.T) {
	ls := scanLab(t)
	out, l, byInput := ls.out, ls.lab, ls.byInput
	deadInput, hangInput := ls.deadInput, ls.hangInput
	for _, s := range l.Sites() {
		t.Run(s.Host, func(t *testing.T) { checkLabSite(t, out, s, byInput[s.URL]) })
	}

	t.Run("dead host", func(t *testing.T) {
		r := byInput[deadInput]
		if r.Scan.Status != reports.StatusFailed {
			t.Fatalf("status = %q, want failed", r.Scan.Status)
		}
		if !containsAll(r.Scan.Errors, "unreachable", "ERR_CONNECTION_REFUSED") {
			t.Errorf("errors = %q, want the refused connection named", r.Scan.Errors)
		}
		// Both the https form and the http fallback were tried.
		if len(r.Scan.Visits) != 2 || !strings.HasPrefix(r.Scan.Visits[1].URL, "http://") {
			t.Errorf("visits = %+v, want https then http", r.Scan.Visits)
		}
	})
	t.Run("hanging page", func(t *testing.T) {
		r := byInput[hangInput]
		if r.Scan.Status != reports.StatusPartial {
			t.Fatalf("status = %q (errors %q), want partial", r.Scan.Status, r.Scan.Errors)
		}
		if !containsAll(r.Scan.Errors, "did not finish loading") {
			t.Errorf("errors = %q, want the unfinished load named", r.Scan.Errors)
		}
		if r.Scan.Visits[0].Title != "Never done" {
			t.Errorf("title = %q: what arrived was not analysed", r.Scan.Visits[0].Title)
		}
	})
	t.Run("malformed line", func(t *testing.T) {
		r := byInput["htps:/shop"]
		if r.Scan.Status != reports.StatusFailed || !containsAll(r.Scan.Errors, "sites.txt line 7") {
			t.Fatalf("report = %+v, want failed naming the line", r.Scan)
		}
		if _, err := os.Stat(filepath.Join(out, reports.FileStem(r)+".json")); err != nil {
			t.Errorf("no report file for the malformed line: %v", err)
		}
	})
	for _, name := range []string{"index.html", "summary.csv"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s missing: %v", name, err)
		}
	}
}

// checkLabSite compares a lab site's report with its expected findings,
// and checks that the report's evidence files are there.
func checkLabSite(t *testing.T, out string, s lab.Site, r *reports.Report) {
	if r == nil {
		t.Fatal("no report")
	}
	if r.Scan.Status != reports.StatusOK {
		t.Errorf("status = %q, errors %q; want ok", r.Scan.Status, r.Scan.Errors)
	}
	if r.Site.Domain != s.Host || r.Site.Sector != s.Sector {
		t.Errorf("site = %+v, want domain %q sector %q", r.Site, s.Host, s.Sector)
	}
	if len(r.Scan.Pages) != 3 {
		t.Errorf("pages = %q, want 3", r.Scan.Pages)
	}

	var got, want []string
	for _, tp := range r.ThirdParties {
		got = append(got, tp.Domain+"|"+tp.Entity)
		if tp.Requests == 0 {
			t.Errorf("third party %s has no requests", tp.Domain)
		}
	}
	for _, tp := range s.Expected.ThirdParties {
		want = append(want, tp.Domain+"|"+tp.Entity)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("third parties (domain|entity)\n got %q\nwant %q", got, want)
	}
	if s.Kind == lab.KindControl && (len(r.ThirdParties) > 0 || r.Summary.ThirdPartyDomains != 0) {
		t.Errorf("control site shows third parties: %+v", r.ThirdParties)
	}
	for _, sc := range r.Scripts {
		if s.Kind == lab.KindControl && sc.Party != "first" {
			t.Errorf("control site runs a third-party script: %+v", sc)
		}
	}

	tr, err := trace.Read(filepath.Join(out, r.Scan.Trace))
	if err != nil {
		t.Fatalf("reading trace: %v", err)
	}
	if len(tr.Requests) == 0 || tr.Input != s.URL {
		t.Errorf("trace has %d requests for %q", len(tr.Requests), tr.Input)
	}
	_, err = os.Stat(filepath.Join(out, r.Scan.Screenshot))
	if err != nil || r.Scan.Screenshot == "" {
		t.Errorf("screenshot %q missing: %v", r.Scan.Screenshot, err)
	}
}

// closedPort returns a loopback address whose port was just freed.
func closedPort() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func containsAll(list []string, subs ...string) bool {
	all := strings.Join(list, "\n")
	for _, s := range subs {
		if !strings.Contains(all, s) {
			return false
		}
	}
	return true
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedLab.lab != nil {
		_ = sharedLab.lab.Close(context.Background())
	}
	if sharedLab.out != "" {
		os.RemoveAll(sharedLab.out)
	}
	os.Exit(code)
}
