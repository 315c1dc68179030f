package detectors

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/exposure-audit/exposure/internal/trackerdb"
	"github.com/exposure-audit/exposure/trace"
)

// The tests classify with the tracker database that `npm ci` installs; they
// fail, rather than skip, when it is missing.
var realDB struct {
	once sync.Once
	db   *trackerdb.DB
	err  error
}

func loadDB(tb testing.TB) *trackerdb.DB {
	tb.Helper()
	realDB.once.Do(func() {
		realDB.db, realDB.err = trackerdb.Load(trackerdb.DefaultPath(".."))
	})
	if realDB.err != nil {
		tb.Fatalf("loading the installed tracker database (run npm ci): %v", realDB.err)
	}
	return realDB.db
}

func readTrace(tb testing.TB, name string) *trace.Trace {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	var t trace.Trace
	if err := json.Unmarshal(data, &t); err != nil {
		tb.Fatalf("decoding %s: %v", name, err)
	}
	return &t
}

// at returns a time a number of milliseconds into a fixed visit.
func at(ms int) time.Time {
	return time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC).Add(time.Duration(ms) * time.Millisecond)
}

// siteOf builds the site of a trace whose first page is pageURL.
func siteOf(pageURL string, db *trackerdb.DB) Site {
	return NewSite(&trace.Trace{Pages: []trace.Page{{URL: pageURL}}}, db)
}
