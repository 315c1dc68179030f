package crawler

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/crawler/internal/cdptap"
	"github.com/exposure-audit/exposure/trace"
)

// Site is one site to visit.
type Site struct {
	// Input is the site as the user gave it.
	Input string
	// URL is where the visit starts.
	URL string
	// Fallback is tried when URL cannot be reached at all, such as the
	// http:// form of a bare domain first tried over https.
	Fallback string
	Sector   string
}

// Result is what a visit produced. Trace is never nil, even when the visit
// failed: it holds what was recorded and the errors.
type Result struct {
	Trace      *trace.Trace
	Screenshot []byte
}

// ErrUnreachable means the site's first page could not be loaded at all.
var ErrUnreachable = errors.New("site unreachable")

// visit is the state of one site's visit.
type visit struct {
	b       *Browser
	log     *zap.Logger
	site    Site
	rec     *recorder
	sink    *cdptap.Sink
	session target.SessionID
	frame   string // the tab's main frame id
	binding string
	script  string
	hardCtx context.Context
	// scanCtx is the scan's context: when it ends, the scan was
	// interrupted. timeout is the site's deadline.
	scanCtx context.Context
	timeout time.Duration
	// values are the fake values typed, by field kind.
	values map[string]string
	// typedFields are the fields already typed in this visit, by frame
	// origin and selector.
	typedFields map[string]bool
}

// Visit loads the site's home page and up to Pages-1 more same-site pages
// in a fresh browser context, and returns the trace. The visit stops
// starting new work at timeout minus a reserve, and is torn down at
// timeout, whatever the pages do. It returns an error only with a trace
// that says the same, so callers can always write a report.
func (b *Browser) Visit(ctx context.Context, site Site, timeout time.Duration) (*Result, error) {
	started := time.Now()
	hardCtx, cancelHard := context.WithTimeout(b.ctx, timeout)
	defer cancelHard()
	reserve := min(5*time.Second, timeout/4)
	workCtx, cancelWork := context.WithDeadline(ctx, started.Add(timeout-reserve))
	defer cancelWork()

	v := &visit{
		b:       b,
		log:     b.log.Named("visit").With(zap.String("site", site.Input)),
		site:    site,
		binding: bindingName(),
		hardCtx: hardCtx,
		scanCtx: ctx,
		timeout: timeout,
		values:  fakeValues(newToken()),

		typedFields: make(map[string]bool),
	}
	v.script = instrumentation(v.binding)
	v.rec = newRecorder(v.log, v.binding, b.opts.MaxBody)
	v.rec.t.Input = site.Input
	v.rec.t.Sector = site.Sector
	v.rec.t.Started = started.UTC()
	v.rec.t.BrowserVersion = b.version
	v.rec.t.UserAgent = b.userAgent()["userAgent"].(string)

	res, err := v.run(workCtx)
	res.Trace.Finished = time.Now().UTC()
	return res, err
}

func (v *visit) run(workCtx context.Context) (*Result, error) {
	tabCtx, cancelTab := chromedp.NewContext(v.hardCtx, chromedp.WithNewBrowserContext())
	defer cancelTab()
	if err := chromedp.Do(tabCtx); err != nil {
		err = fmt.Errorf("opening tab: %w", err)
		v.rec.addError(err.Error())
		return &Result{Trace: v.rec.finish()}, err
	}
	c := chromedp.FromContext(tabCtx)
	v.session = c.Target.SessionID
	v.frame = string(c.Target.TargetID)
	v.rec.mainSess = string(v.session)
	v.rec.mainFrame = v.frame
	v.rec.onAttach = v.prepareChild
	v.rec.onDialog = v.dismissDialog
	v.rec.fetchBody = v.fetchBody

	v.sink = cdptap.NewSink()
	v.b.tap.Own(v.session, v.sink)
	unwatch := v.b.watch(string(c.BrowserContextID), v)
	v.denyDownloads(c.BrowserContextID)
	done := make(chan struct{})
	go func() {
		defer close(done)
		v.rec.run(context.Background(), v.sink)
	}()

	res := &Result{}
	visitErr := v.pages(workCtx, res)
	v.leave()
	v.collectCookies(c.BrowserContextID)

	unwatch()
	v.b.tap.DisownSink(v.sink)
	v.sink.Close()
	<-done
	closeTab(tabCtx, v.log)
	res.Trace = v.rec.finish()
	return res, visitErr
}

// pages visits the home page, then the best same-site links it found.
func (v *visit) pages(ctx context.Context, res *Result) error {
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	err := v.preparePage(pctx)
	cancel()
	if err != nil {
		v.rec.addError(err.Error())
		return err
	}

	home, err := v.loadFirst(ctx)
	if err != nil {
		return err
	}
	if v.b.opts.Screenshot && !home.busy {
		res.Screenshot = v.screenshot(ctx)
	}
	queue := chooseLinks(home.html, home.url, v.b.opts.Pages-1)
	for _, link := range queue {
		if ctx.Err() != nil {
			v.rec.addError(fmt.Sprintf("%s before visiting %s",
				v.stopReason(ctx, "stopped"), link))
			break
		}
		v.hide(ctx)
		v.load(ctx, link)
	}
	return nil
}

// loadFirst loads the home page, trying the fallback URL when the first
// cannot be reached at all.
func (v *visit) loadFirst(ctx context.Context) (loaded, error) {
	page, err := v.loadRetrying(ctx, v.site.URL)
	if err != nil && v.site.Fallback != "" && ctx.Err() == nil {
		v.debug("trying fallback", zap.String("url", v.site.Fallback), zap.Error(err))
		page, err = v.loadRetrying(ctx, v.site.Fallback)
		if err == nil {
			v.rec.supersedeEarlier()
		}
	}
	if err != nil {
		return page, fmt.Errorf("%w: %w", ErrUnreachable, err)
	}
	return page, nil
}

// transientErrors are network errors that another try may not meet: a
// reset or timed-out connection, a failed name lookup, a network change.
// A refused connection or an empty answer is the server's answer, and is
// not retried.
var transientErrors = []string{
	"ERR_CONNECTION_RESET", "ERR_CONNECTION_CLOSED", "ERR_CONNECTION_TIMED_OUT",
	"ERR_TIMED_OUT", "ERR_NETWORK_CHANGED", "ERR_NAME_RESOLUTION_FAILED",
	"ERR_INTERNET_DISCONNECTED", "ERR_ADDRESS_UNREACHABLE", "ERR_NETWORK_IO_SUSPENDED",
}

// maxTries bounds the tries of a home page that fails transiently.
const maxTries = 3

// loadRetrying loads a home page, trying again after a transient network
// error with a growing pause (1s, then 2s). Failed tries stay in the trace,
// marked as superseded by the one that followed.
func (v *visit) loadRetrying(ctx context.Context, rawURL string) (loaded, error) {
	backoff := time.Second
	for try := 1; ; try++ {
		page, err := v.load(ctx, rawURL)
		if err == nil || try == maxTries || ctx.Err() != nil || !isTransient(err) {
			if err == nil && try > 1 {
				v.rec.supersedeEarlier()
			}
			return page, err
		}
		v.log.Info("retrying site", zap.String("url", rawURL), zap.Int("try", try+1),
			zap.Error(err))
		if !pause(ctx, backoff) {
			return page, err
		}
		backoff *= 2
	}
}

func isTransient(err error) bool {
	for _, code := range transientErrors {
		if strings.Contains(err.Error(), code) {
			return true
		}
	}
	return false
}

// leave ends the last page the way a shopper's leaving would, then
// navigates the tab away.
func (v *visit) leave() {
	ctx, cancel := context.WithTimeout(v.hardCtx, v.b.opts.Linger+3*time.Second)
	defer cancel()
	v.hide(ctx)
	v.sink.Push(cdptap.Event{Method: markLeave})
	blank := map[string]any{"url": "about:blank"}
	if err := v.b.tap.Call(ctx, v.session, "Page.navigate", blank, nil); err != nil {
		v.debug("leaving page failed", zap.Error(err))
	}
}

// pagehideJS plays the last event a page sees before it is left.
const pagehideJS = `dispatchEvent(new PageTransitionEvent("pagehide", {persisted: false}))
//# sourceURL=exposure://pagehide.js`

// hide makes the current page go through what leaving it does: it turns
// hidden and frozen, then gets its pagehide event, and the crawler keeps
// listening for up to Linger. Trackers send their last batch at these
// moments; once the tab has navigated away, DevTools no longer reports
// what the old document sends, so the page is made to send it while it is
// still attached. Failures only cost evidence, so they are not errors.
func (v *visit) hide(ctx context.Context) {
	for _, state := range []string{"frozen", "active"} {
		err := v.b.tap.Call(ctx, v.session, "Page.setWebLifecycleState",
			map[string]any{"state": state}, nil)
		if err != nil {
			v.debug("page lifecycle change failed", zap.String("state", state), zap.Error(err))
		}
	}
	err := v.b.tap.Call(ctx, v.session, "Runtime.evaluate", map[string]any{
		"expression": pagehideJS, "silent": true,
	}, nil)
	if err != nil {
		v.debug("pagehide failed", zap.Error(err))
	}
	// Trackers often flush a moment after the page turns hidden (a timer,
	// a compression worker): wait the whole Linger, then for quiet.
	pause(ctx, v.b.opts.Linger)
	lctx, cancel := context.WithTimeout(ctx, v.b.opts.MaxSettle)
	defer cancel()
	v.quiet(lctx)
}

// collectCookies records every cookie of the visit's browser context.
func (v *visit) collectCookies(bctx any) {
	ctx, cancel := context.WithTimeout(v.hardCtx, 10*time.Second)
	defer cancel()
	var res struct {
		Cookies []struct {
			Name     string  `json:"name"`
			Value    string  `json:"value"`
			Domain   string  `json:"domain"`
			Path     string  `json:"path"`
			Expires  float64 `json:"expires"`
			Secure   bool    `json:"secure"`
			HTTPOnly bool    `json:"httpOnly"`
			SameSite string  `json:"sameSite"`
			Session  bool    `json:"session"`
		} `json:"cookies"`
	}
	err := v.b.tap.Call(ctx, "", "Storage.getCookies", map[string]any{"browserContextId": bctx}, &res)
	if err != nil {
		v.rec.addError(fmt.Sprintf("reading cookies: %v", err))
		return
	}
	v.rec.mu.Lock()
	defer v.rec.mu.Unlock()
	hosts := v.rec.requestHosts()
	for _, c := range res.Cookies {
		// A pop-up window shares the browser context; cookies of hosts the
		// site never contacted came from such a window, not from the site.
		if !cookieSeen(c.Domain, hosts) {
			continue
		}
		exp := c.Expires
		if c.Session {
			exp = -1
		}
		v.rec.t.Cookies = append(v.rec.t.Cookies, trace.Cookie{
			Name: c.Name, Value: c.Value, Domain: c.Domain, Path: c.Path, Expires: exp,
			Secure: c.Secure, HTTPOnly: c.HTTPOnly, SameSite: c.SameSite,
		})
	}
}

// dismissDialog closes a JavaScript dialog: alerts and confirms are
// accepted, prompts answered empty, and beforeunload lets the page go.
func (v *visit) dismissDialog(session string, e evDialog) {
	ctx, cancel := context.WithTimeout(v.hardCtx, 3*time.Second)
	defer cancel()
	err := v.b.tap.Call(ctx, target.SessionID(session), "Page.handleJavaScriptDialog",
		map[string]any{"accept": true, "promptText": ""}, nil)
	if err != nil {
		v.debug("dismissing dialog failed", zap.String("dialog", e.Type), zap.Error(err))
	}
}

// denyDownloads keeps pages from saving files: a download is recorded and
// cancelled.
func (v *visit) denyDownloads(bctx any) {
	ctx, cancel := context.WithTimeout(v.hardCtx, 3*time.Second)
	defer cancel()
	err := v.b.tap.Call(ctx, "", "Browser.setDownloadBehavior", map[string]any{
		"behavior": "deny", "browserContextId": bctx, "eventsEnabled": true,
	}, nil)
	if err != nil {
		v.debug("denying downloads failed", zap.Error(err))
	}
}

// cookieSeen reports whether a cookie's domain is, or is a parent of, a
// host the visit sent requests to.
func cookieSeen(domain string, hosts map[string]bool) bool {
	domain = strings.TrimPrefix(strings.ToLower(domain), ".")
	for h := range hosts {
		if h == domain || strings.HasSuffix(h, "."+domain) {
			return true
		}
	}
	return false
}

// fetchBody asks the browser for a request body that its event left out.
func (v *visit) fetchBody(session, requestID string) (string, bool, error) {
	ctx, cancel := context.WithTimeout(v.hardCtx, 5*time.Second)
	defer cancel()
	var res struct {
		PostData      string `json:"postData"`
		Base64Encoded bool   `json:"base64Encoded"`
	}
	err := v.b.tap.Call(ctx, target.SessionID(session), "Network.getRequestPostData",
		map[string]any{"requestId": requestID}, &res)
	return res.PostData, res.Base64Encoded, err
}

// screenshot returns a PNG of the current page, or nil when the page did
// not let itself be drawn in time.
func (v *visit) screenshot(ctx context.Context) []byte {
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var res struct {
		Data string `json:"data"`
	}
	if err := v.b.tap.Call(sctx, v.session, "Page.captureScreenshot",
		map[string]any{"format": "png"}, &res); err != nil {
		v.rec.addError(fmt.Sprintf("taking screenshot: %v", err))
		return nil
	}
	png, err := base64.StdEncoding.DecodeString(res.Data)
	if err != nil {
		return nil
	}
	return png
}

// closeTab closes the tab and disposes of its browser context within a
// short deadline, so that a stuck renderer cannot hold the visit.
func closeTab(tabCtx context.Context, log *zap.Logger) {
	done := make(chan error, 1)
	go func() { done <- chromedp.Cancel(tabCtx) }()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, context.Canceled) {
			if ce := log.Check(zap.DebugLevel, "closing tab failed"); ce != nil {
				ce.Write(zap.Error(err))
			}
		}
	case <-time.After(5 * time.Second):
		log.Warn("tab did not close in time")
	}
}

// bindingName returns a fresh, unguessable name for the DevTools binding,
// so that a page cannot look for it or call it to forge records.
func bindingName() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "__" + hex.EncodeToString(b)
}
