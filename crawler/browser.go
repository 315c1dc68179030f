// Package crawler drives headless Chromium through chromedp: it starts the
// browser, visits a site's pages in a fresh browser context, follows every
// frame and worker the pages create, and turns what DevTools reports into a
// [trace.Trace].
//
// It records and never judges: which request is a tracker, which script
// fingerprints, which value leaked is for the detectors to decide from the
// trace.
//
// BUG: service workers and shared workers are attached at the browser level
// and are not yet followed; their requests are missing from traces.
package crawler

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/remote"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/exposure-audit/exposure/crawler/internal/cdptap"
)

// DefaultBrowserPath is Debian's Chromium binary. The /usr/bin/chromium
// wrapper script adds flags of its own, so the binary is used directly.
const DefaultBrowserPath = "/usr/lib/chromium/chromium"

// Options configures the browser and the visits. Zero values mean the
// default given for each field; use [DefaultOptions] for a filled set.
type Options struct {
	// BrowserPath is the Chromium binary. Default: $CHROME_PATH, else
	// [DefaultBrowserPath].
	BrowserPath string
	// ExtraArgs are more Chromium flags, such as host-resolver rules, in
	// the form "--name=value" or "--name".
	ExtraArgs []string
	// Pages is how many pages to visit per site, home page included.
	// Default 3.
	Pages int
	// PageTimeout bounds the wait for one page to load. Default 20s.
	PageTimeout time.Duration
	// Settle is how long the network must stay quiet before a loaded page
	// counts as settled. Default 500ms.
	Settle time.Duration
	// MaxSettle bounds the wait for quiet after the load event. Default 4s.
	MaxSettle time.Duration
	// Linger is how long to keep listening after a page is navigated away,
	// for the beacons that trackers send from pagehide. Default 1s.
	Linger time.Duration
	// Dwell is how long the visit stays on a page after typing into it,
	// as a shopper would, before it moves on. Default 5s.
	Dwell time.Duration
	// InteractTimeout bounds the typing on one page. Default 25s.
	InteractTimeout time.Duration
	// MaxBody is the largest request body kept in the trace, in bytes.
	// Default 1 MiB.
	MaxBody int
	// Screenshot takes a screenshot of the home page. Default true through
	// DefaultOptions; the zero Options take none.
	Screenshot bool
}

// DefaultOptions returns the options used when a caller sets none.
func DefaultOptions() Options {
	return Options{
		BrowserPath:     defaultBrowserPath(),
		Pages:           3,
		PageTimeout:     20 * time.Second,
		Settle:          500 * time.Millisecond,
		MaxSettle:       4 * time.Second,
		Linger:          time.Second,
		InteractTimeout: 25 * time.Second,
		Dwell:           5 * time.Second,
		MaxBody:         1 << 20,
		Screenshot:      true,
	}
}

func defaultBrowserPath() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	return DefaultBrowserPath
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.BrowserPath == "" {
		o.BrowserPath = d.BrowserPath
	}
	if o.Pages <= 0 {
		o.Pages = d.Pages
	}
	if o.PageTimeout <= 0 {
		o.PageTimeout = d.PageTimeout
	}
	if o.Settle <= 0 {
		o.Settle = d.Settle
	}
	if o.MaxSettle <= 0 {
		o.MaxSettle = d.MaxSettle
	}
	if o.Linger <= 0 {
		o.Linger = d.Linger
	}
	if o.Dwell <= 0 {
		o.Dwell = d.Dwell
	}
	if o.InteractTimeout <= 0 {
		o.InteractTimeout = d.InteractTimeout
	}
	if o.MaxBody <= 0 {
		o.MaxBody = d.MaxBody
	}
	return o
}

// Browser is one running Chromium process. Visits on it run concurrently,
// each in its own browser context.
type Browser struct {
	opts     Options
	log      *zap.Logger
	tap      *cdptap.Tap
	ctx      context.Context // the chromedp browser context; parent of tabs
	cancel   context.CancelFunc
	version  string
	major    string
	userData string

	// browserSink gets the events of the browser session and of the tabs
	// it attaches; see targets.go.
	browserSink *cdptap.Sink
	// visits are the running visits by browser context id, which own the
	// service and shared workers and the pop-ups their context starts.
	visitsMu sync.Mutex
	visits   map[string]*visit
}

// flags are the Chromium switches every scan uses. They keep the browser
// from calling home (the network here is closed), from looking automated to
// the pages (navigator.webdriver stays false), and from throttling the
// background tabs that concurrent visits run in.
//
// TODO: Chromium still asks update.googleapis.com/service/update2/json for
// updates despite disable-component-update; only a host-resolver rule that
// maps every name (as lab scans use) keeps that request on the machine.
var flags = []string{
	"headless", "no-sandbox", "disable-gpu", "disable-quic", "no-first-run",
	"disable-background-networking", "disable-component-update", "disable-sync",
	"no-default-browser-check", "disable-default-apps", "disable-extensions",
	"disable-breakpad", "disable-domain-reliability",
	"disable-client-side-phishing-detection", "metrics-recording-only",
	"use-mock-keychain", "disable-background-timer-throttling",
	"disable-backgrounding-occluded-windows", "disable-renderer-backgrounding",
	"disable-hang-monitor", "mute-audio", "hide-scrollbars",
}

// Launch starts Chromium. Close it with [Browser.Close].
func Launch(ctx context.Context, opts Options, log *zap.Logger) (*Browser, error) {
	opts = opts.withDefaults()
	if err := CheckBrowser(opts.BrowserPath); err != nil {
		return nil, err
	}
	sweepProfiles(log)
	userData, err := newProfile()
	if err != nil {
		return nil, fmt.Errorf("creating browser profile: %w", err)
	}
	b := &Browser{opts: opts, log: log.Named("browser"), userData: userData,
		visits: make(map[string]*visit)}

	allocOpts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(opts.BrowserPath),
		chromedp.UserDataDir(userData),
		chromedp.WindowSize(1366, 900),
		// Headless Chromium reports an 800x600 screen, which no desktop
		// has; trackers record it.
		chromedp.Flag("screen-info", "{1920x1080}"),
		// Chromium aborts when its output pipe is closed under it, which
		// chromedp does unless the output goes somewhere.
		chromedp.CombinedOutput(browserOutput{b.log}),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter,"+
			"HttpsUpgrades,AutofillServerCommunication"),
		chromedp.Flag("disable-blink-features", "AutomationControlled"),
		chromedp.Flag("remote-debugging-port", "0"),
		chromedp.WithDialer(b.dial),
	}
	for _, f := range flags {
		allocOpts = append(allocOpts, chromedp.Flag(f, true))
	}
	for _, a := range opts.ExtraArgs {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if hasValue {
			allocOpts = append(allocOpts, chromedp.Flag(name, value))
		} else {
			allocOpts = append(allocOpts, chromedp.Flag(name, true))
		}
	}

	// The browser lives until Close, not until the caller's ctx ends, so
	// that a cancelled scan can still close its tabs cleanly.
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(ctx), allocOpts...)
	bctx, cancelBrowser := chromedp.NewContext(allocCtx,
		chromedp.WithBrowserOption(
			chromedp.WithBrowserLogf(b.logf(zap.DebugLevel)),
			chromedp.WithBrowserErrorf(b.logf(zap.DebugLevel)),
		))
	b.ctx = bctx
	b.cancel = func() { cancelBrowser(); cancelAlloc() }

	if err := b.start(ctx); err != nil {
		// A browser that never came up cannot be closed gracefully: end
		// it and its allocator at once.
		b.cancel()
		_ = removeProfile(userData)
		return nil, err
	}
	return b, nil
}

// CheckBrowser tells early that the browser path is not a program, as the
// allocator would otherwise wait on a browser that never starts.
func CheckBrowser(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("finding browser %q: %w", path, err)
	}
	if !st.Mode().IsRegular() || st.Mode().Perm()&0o111 == 0 {
		return fmt.Errorf("browser %q: %w", path, ErrNotExecutable)
	}
	return nil
}

// ErrNotExecutable means the browser path names a file that is not a
// program.
var ErrNotExecutable = errors.New("not an executable file")

// browserOutput logs what Chromium prints, at debug level.
type browserOutput struct{ log *zap.Logger }

func (o browserOutput) Write(p []byte) (int, error) {
	if ce := o.log.Check(zap.DebugLevel, "browser output"); ce != nil {
		ce.Write(zap.ByteString("output", p))
	}
	return len(p), nil
}

// dial connects to the browser's websocket and puts the tap in between.
func (b *Browser) dial(ctx context.Context, wsURL string) (chromedp.Transport, error) {
	dctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	conn, err := remote.DialContext(dctx, wsURL)
	if err != nil {
		return nil, fmt.Errorf("dialing browser %q: %w", wsURL, err)
	}
	b.tap = cdptap.Wrap(conn)
	return b.tap, nil
}

// start warms the browser before any deadline of a visit applies, and
// reads its version.
func (b *Browser) start(ctx context.Context) error {
	// The first Do allocates the browser; it must not carry a deadline, or
	// the browser would die with it. The allocator bounds its own start.
	if err := chromedp.Do(b.ctx); err != nil {
		return fmt.Errorf("starting browser %q: %w", b.opts.BrowserPath, err)
	}
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	v, err := cdptap.Do(sctx, b.tap, "", browser.GetVersion, cdp.Empty{})
	if err != nil {
		return fmt.Errorf("reading browser version: %w", err)
	}
	if err := b.watchTargets(sctx); err != nil {
		return err
	}
	b.version = strings.Replace(v.Product, "HeadlessChrome", "Chromium", 1)
	b.major = majorVersion(v.Product)
	b.log.Info("browser started", zap.String("browser_version", b.version))
	return nil
}

var majorRE = regexp.MustCompile(`/(\d+)\.`)

func majorVersion(product string) string {
	if m := majorRE.FindStringSubmatch(product); m != nil {
		return m[1]
	}
	return "130"
}

// Alive reports whether the browser still runs and answers.
func (b *Browser) Alive() bool {
	select {
	case <-b.ctx.Done():
		return false
	case <-b.tap.Closed():
		return false
	default:
		return true
	}
}

// PID returns the browser process's id, or 0 when it is unknown.
func (b *Browser) PID() int {
	c := chromedp.FromContext(b.ctx)
	if c == nil || c.Browser == nil || c.Browser.Process() == nil {
		return 0
	}
	return c.Browser.Process().Pid
}

// Version returns the browser's product and version, such as
// "Chromium/156.0.8078.114".
func (b *Browser) Version() string { return b.version }

// Close stops the browser within a short deadline, kills it if it does not
// stop, and removes its profile folder once the process has exited.
func (b *Browser) Close() error {
	done := make(chan error, 1)
	go func() { done <- chromedp.Cancel(b.ctx) }()
	var err error
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		err = errors.New("browser did not stop within 10s; killed")
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, chromedp.ErrInvalidContext) {
		err = nil
	}
	b.cancel()
	if rerr := removeProfile(b.userData); rerr != nil && err == nil {
		err = rerr
	}
	return err
}

// removeProfile removes a profile folder, trying again for a moment: the
// browser's helper processes may still write into it just after it exits.
func removeProfile(dir string) error {
	var err error
	for range 20 {
		if err = os.RemoveAll(dir); err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("removing browser profile: %w", err)
}

func (b *Browser) logf(level zapcore.Level) func(string, ...any) {
	return func(format string, args ...any) {
		if ce := b.log.Check(level, "chromedp"); ce != nil {
			ce.Write(zap.String("message", fmt.Sprintf(format, args...)))
		}
	}
}
