package crawler

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/crawler/internal/cdptap"
	"github.com/exposure-audit/exposure/trace"
)

// loaded is what the crawler read from a page after it settled.
type loaded struct {
	url   string
	title string
	html  string
	// busy is true when the page's scripts never yielded: nothing could
	// be read from it.
	busy bool
}

// load navigates the tab to rawURL, waits for the page to settle within
// the page timeout, scrolls it, and reads its document. A page that does
// not finish loading in time is kept as partial; an error means nothing
// could be loaded at all.
func (v *visit) load(ctx context.Context, rawURL string) (loaded, error) {
	v.sink.Push(cdptap.Event{Method: markPage, Params: []byte(rawURL)})
	pctx, cancel := context.WithTimeout(ctx, v.b.opts.PageTimeout)
	defer cancel()
	start := time.Now()

	var nav struct {
		ErrorText string `json:"errorText"`
	}
	err := v.b.tap.Call(pctx, v.session, "Page.navigate", map[string]any{"url": rawURL}, &nav)
	switch {
	case err != nil && pctx.Err() != nil:
		reason := v.stopReason(ctx, "no response from the server within "+v.b.opts.PageTimeout.String())
		v.failPage(reason, true)
		return loaded{}, fmt.Errorf("loading %q: %s", rawURL, reason)
	case err != nil:
		v.failPage(err.Error(), false)
		return loaded{}, fmt.Errorf("loading %q: %w", rawURL, err)
	case nav.ErrorText != "":
		reason := v.navigationFailure(nav.ErrorText)
		v.failPage(reason, false)
		return loaded{}, fmt.Errorf("loading %q: %s", rawURL, reason)
	}

	if !v.settle(pctx) {
		v.failPage(v.stopReason(ctx, "page did not finish loading within "+
			v.b.opts.PageTimeout.String()), true)
	}
	status := v.rec.documentStatus(v.frame)
	v.rec.setPage(func(p *trace.Page) { p.Status = status })
	if !v.responsive(ctx) {
		// A busy page may be on its way to crashing (a script allocating
		// without end); give it the page's time to show which it is.
		if v.waitCrash(ctx, 2*v.b.opts.PageTimeout) {
			return loaded{url: rawURL, busy: true}, nil
		}
		v.rec.addError("page unresponsive: its scripts kept it busy, so it was not " +
			"scrolled, typed into or read")
		v.rec.setPage(func(p *trace.Page) { p.Partial = true })
		return loaded{url: rawURL, busy: true}, nil
	}
	v.scroll(ctx)
	v.interact(ctx)
	page := v.read(ctx)
	v.rec.setPage(func(p *trace.Page) {
		p.Title = page.title
		if page.url != "" {
			p.URL = page.url
		}
	})
	if page.url == "" {
		page.url = rawURL
	}
	v.log.Debug("page loaded", zap.String("url", page.url), zap.Int("status", status),
		zap.Duration("elapsed", time.Since(start)))
	return page, nil
}

// navigationFailure explains a navigation the browser gave up on. When a
// response did arrive, it says what the response was: a file download,
// or an error status with nothing to show.
func (v *visit) navigationFailure(errorText string) string {
	status, headers := v.rec.documentResponse(v.frame)
	switch {
	case strings.Contains(strings.ToLower(headers["content-disposition"]), "attachment"):
		return fmt.Sprintf("the address is a file download, not a page (%s)", errorText)
	case status >= 400:
		v.rec.setPage(func(p *trace.Page) { p.Status = status })
		return fmt.Sprintf("HTTP %d with no page to show (%s)", status, errorText)
	}
	return errorText
}

// stopReason says why waiting on a page ended early: the scan was
// interrupted, the site's deadline came, or else the page's own timeout,
// described by pageReason.
func (v *visit) stopReason(ctx context.Context, pageReason string) string {
	switch {
	case v.scanCtx.Err() != nil:
		return "scan interrupted"
	case ctx.Err() != nil:
		return fmt.Sprintf("site deadline of %s reached", v.timeout)
	}
	return pageReason
}

func (v *visit) failPage(msg string, partial bool) {
	v.rec.setPage(func(p *trace.Page) {
		p.Error = msg
		p.Partial = partial
	})
}

// settle waits until the page fired its load event and the network has
// been quiet for Settle, or for at most MaxSettle after the load event. It
// reports false when the load event never came before ctx ended.
func (v *visit) settle(ctx context.Context) bool {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var loadedAt time.Time
	for {
		loaded, inflight, active := v.rec.loadState()
		now := time.Now()
		if loaded && loadedAt.IsZero() {
			loadedAt = now
		}
		if loaded && (inflight == 0 && now.Sub(active) >= v.b.opts.Settle ||
			now.Sub(loadedAt) >= v.b.opts.MaxSettle) {
			return true
		}
		select {
		case <-ctx.Done():
			return loaded
		case <-tick.C:
		}
	}
}

// scrollJS scrolls down in steps, as a shopper would, so that lazy
// content and scroll-triggered scripts load, then back to the top.
const scrollJS = `(async () => {
  const h = () => Math.max(document.body ? document.body.scrollHeight : 0, innerHeight);
  for (let i = 1; i <= 4; i++) {
    scrollTo(0, h() * i / 4);
    await new Promise(r => setTimeout(r, 150));
  }
  scrollTo(0, 0);
})()
//# sourceURL=exposure://scroll.js`

func (v *visit) scroll(ctx context.Context) {
	sctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	err := v.b.tap.Call(sctx, v.session, "Runtime.evaluate", map[string]any{
		"expression": scrollJS, "awaitPromise": true, "silent": true,
	}, nil)
	if err != nil {
		v.debug("scrolling failed", zap.Error(err))
		return
	}
	qctx, cancel := context.WithTimeout(ctx, v.b.opts.MaxSettle)
	defer cancel()
	v.quiet(qctx)
}

// quiet waits until no request is in flight and the network has been idle
// for Settle, or until ctx ends.
func (v *visit) quiet(ctx context.Context) {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		_, inflight, active := v.rec.loadState()
		if inflight == 0 && time.Since(active) >= v.b.opts.Settle {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// waitCrash waits up to d for the page's renderer to crash or to become
// responsive again, and reports whether it crashed.
func (v *visit) waitCrash(ctx context.Context, d time.Duration) bool {
	wctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		if v.rec.crashed() {
			v.rec.setPage(func(p *trace.Page) { p.Partial = true })
			return true
		}
		select {
		case <-wctx.Done():
			return false
		case <-tick.C:
		}
	}
}

// readJS returns the page's URL, title and its links as markup of anchors
// only: a page's whole markup can run to hundreds of megabytes, and only
// its links are needed to choose the next pages.
const readJS = `(function () {
  var esc = function (s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  };
  var out = [], as = document.querySelectorAll('a[href]');
  for (var i = 0; i < as.length && i < 3000; i++) {
    out[out.length] = '<a href="' + esc(as[i].getAttribute('href')) + '">' +
      esc((as[i].textContent || '').slice(0, 200)) + '</a>';
  }
  return {url: location.href, title: document.title, html: out.join('')};
})()
//# sourceURL=exposure://read.js`

// responsive reports whether the page runs a trivial script within a few
// seconds. A page stuck in an endless loop does not, and every later
// step would only wait out its own timeout.
func (v *visit) responsive(ctx context.Context) bool {
	rctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	err := v.b.tap.Call(rctx, v.session, "Runtime.evaluate", map[string]any{
		"expression": "1\n//# sourceURL=exposure://ping.js", "silent": true,
	}, nil)
	return err == nil || ctx.Err() != nil
}

// read returns the page's final URL, title and links.
func (v *visit) read(ctx context.Context) loaded {
	rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	var res struct {
		Result struct {
			Value struct {
				URL   string `json:"url"`
				Title string `json:"title"`
				HTML  string `json:"html"`
			} `json:"value"`
		} `json:"result"`
	}
	err := v.b.tap.Call(rctx, v.session, "Runtime.evaluate", map[string]any{
		"expression":    readJS,
		"returnByValue": true, "silent": true,
	}, &res)
	if err != nil {
		v.debug("reading page failed", zap.Error(err))
	}
	r := res.Result.Value
	return loaded{url: r.URL, title: r.Title, html: r.HTML}
}
