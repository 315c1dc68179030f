package crawler

import (
	"context"
	"slices"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/lab"
)

// BenchmarkInstrumentationOverhead loads the lab's heaviest home page (the
// one slowest to reach its load event without instrumentation) with and
// without the injected script, alternating, each time in a fresh browser
// context, and reports the median time to the load event of both and
// their ratio.
func BenchmarkInstrumentationOverhead(b *testing.B) {
	ctx := context.Background()
	l, err := lab.Start(ctx, lab.Options{Root: "..", Logger: zap.NewNop()})
	if err != nil {
		b.Fatalf("starting lab: %v", err)
	}
	defer l.Close(ctx)
	opts := DefaultOptions()
	opts.ExtraArgs = l.BrowserArgs()
	br, err := Launch(ctx, opts, zap.NewNop())
	if err != nil {
		b.Fatalf("launching browser: %v", err)
	}
	defer br.Close()

	load := func(url string, bare bool) time.Duration {
		_, d, err := loadOnceWith(ctx, br, url, loadConfig{bare: bare})
		if err != nil {
			b.Fatalf("loading %s: %v", url, err)
		}
		return d
	}
	heaviest, slowest := "", time.Duration(0)
	for _, s := range l.Sites() {
		load(s.URL, true) // warms the lab's file cache
		if d := load(s.URL, true); d > slowest {
			heaviest, slowest = s.URL, d
		}
	}
	b.Logf("heaviest page: %s (%s without instrumentation)", heaviest, slowest)

	var bare, hooked []time.Duration
	b.ResetTimer()
	for range b.N {
		bare = append(bare, load(heaviest, true))
		hooked = append(hooked, load(heaviest, false))
	}
	b.StopTimer()
	mb, mh := median(bare), median(hooked)
	b.ReportMetric(float64(mb.Microseconds())/1000, "bare-ms")
	b.ReportMetric(float64(mh.Microseconds())/1000, "instrumented-ms")
	b.ReportMetric(float64(mh)/float64(mb), "ratio")
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
