package crawler

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/chromedp/cdproto/target"
	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/crawler/internal/cdptap"
)

// The browser session sees targets that no tab's auto-attach reports.
// Service and shared workers belong to an origin, not to a tab: the
// browser attaches them, paused before their first statement, and hands
// each to the visit whose browser context started it, which prepares it
// like a dedicated worker. Pop-up windows are new tabs: the browser
// reports their creation, and a visit's pop-ups are closed at once, so
// that their trackers neither run on nor count for the site.
//
// Measured here: once the browser session auto-attaches anything, even
// workers only and without a pause on start, a page that opens a window
// freezes (typing and scripts in it time out) unless some session resumes
// the new tab's page, which the filter left out. A pop-up's first
// document is made in its opener's renderer, which is presumably why the
// opener waits with it. The browser session therefore attaches tabs too,
// and each tab's page, only to resume it and let it go.

// browserAttachFilter is what the browser session attaches: service and
// shared workers, and tabs (whose pages it reaches through the tab).
var browserAttachFilter = []map[string]any{
	{"type": "service_worker"},
	{"type": "shared_worker"},
	{"type": "tab"},
	{"exclude": true},
}

// watchTargets has the browser attach every service and shared worker and
// every tab, and handles them until the browser closes.
func (b *Browser) watchTargets(ctx context.Context) error {
	b.browserSink = cdptap.NewSink()
	b.tap.Own("", b.browserSink)
	go func() {
		for {
			ev, ok := b.browserSink.Next(b.ctx)
			if !ok {
				return
			}
			switch {
			case ev.Method == "Target.attachedToTarget":
				b.attached(ev)
			case ev.Method == "Target.targetCreated" && ev.Session == "":
				b.targetCreated(ev)
			}
		}
	}()
	err := b.tap.Call(ctx, "", "Target.setAutoAttach", map[string]any{
		"autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true,
		"filter": browserAttachFilter,
	}, nil)
	if err != nil {
		return fmt.Errorf("attaching workers: %w", err)
	}
	return nil
}

// attached handles a target that the browser session, or a tab it
// attached, has attached.
func (b *Browser) attached(ev cdptap.Event) {
	var e evAttached
	if err := json.Unmarshal(ev.Params, &e); err != nil || e.SessionID == "" {
		return
	}
	session := target.SessionID(e.SessionID)
	switch e.TargetInfo.Type {
	case "service_worker", "shared_worker":
		b.workerAttached(ev, e)
	case "tab":
		go b.openTab(session)
	case "page":
		// The browser session also reports the pages chromedp attaches
		// for the visits; those are chromedp's. A page attached through
		// a tab is ours: it only needed resuming.
		if ev.Session != "" {
			go b.release(target.SessionID(ev.Session), session)
		}
	}
}

// openTab attaches a tab's page through the tab, to resume it, and then
// resumes the tab.
func (b *Browser) openTab(tab target.SessionID) {
	b.tap.Own(tab, b.browserSink)
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	err := b.tap.Call(ctx, tab, "Target.setAutoAttach", map[string]any{
		"autoAttach": true, "waitForDebuggerOnStart": false, "flatten": true,
	}, nil)
	if err != nil {
		b.debug("attaching a tab's page failed", zap.Error(err))
	}
	b.resume(ctx, tab)
}

// workerAttached hands a worker to the visit of its browser context. The
// visit's recorder sees the attach as if the tab had made it, and prepares
// and resumes the worker. A worker of no visit, such as one that starts
// while its visit closes, is resumed and let go.
func (b *Browser) workerAttached(ev cdptap.Event, e evAttached) {
	session := target.SessionID(e.SessionID)
	b.visitsMu.Lock()
	v := b.visits[e.TargetInfo.BrowserContextID]
	if v != nil {
		b.tap.Own(session, v.sink)
		v.sink.Push(cdptap.Event{Session: string(v.session), Method: ev.Method,
			Params: ev.Params})
	}
	b.visitsMu.Unlock()
	if v == nil {
		b.debug("worker of no visit", zap.String("target_type", e.TargetInfo.Type),
			zap.String("url", e.TargetInfo.URL))
		go b.release(target.SessionID(ev.Session), session)
	}
}

// targetCreated closes a tab that a visit's page opened. The visit's own
// tab is created before the visit watches its browser context, so every
// page that appears in a watched context afterwards is a pop-up.
func (b *Browser) targetCreated(ev cdptap.Event) {
	var e evTargetCreated
	if err := json.Unmarshal(ev.Params, &e); err != nil || e.TargetInfo.Type != "page" {
		return
	}
	b.visitsMu.Lock()
	v := b.visits[e.TargetInfo.BrowserContextID]
	b.visitsMu.Unlock()
	if v == nil || e.TargetInfo.TargetID == v.frame {
		return
	}
	go v.closePopup(e.TargetInfo.TargetID, e.TargetInfo.URL)
}

// closePopup closes a window the page opened.
func (v *visit) closePopup(targetID, url string) {
	ctx, cancel := context.WithTimeout(v.hardCtx, 3*time.Second)
	defer cancel()
	err := v.b.tap.Call(ctx, "", "Target.closeTarget", map[string]any{"targetId": targetID}, nil)
	if err != nil {
		v.debug("closing pop-up failed", zap.String("url", url), zap.Error(err))
	}
}

// resume lets a target that waits for a debugger run.
func (b *Browser) resume(ctx context.Context, session target.SessionID) {
	err := b.tap.Call(ctx, session, "Runtime.runIfWaitingForDebugger", nil, nil)
	if err != nil {
		b.debug("resuming target failed", zap.Error(err))
	}
}

// release resumes a target that parent attached and detaches from it.
func (b *Browser) release(parent, session target.SessionID) {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	b.resume(ctx, session)
	err := b.tap.Call(ctx, parent, "Target.detachFromTarget",
		map[string]any{"sessionId": session}, nil)
	if err != nil {
		b.debug("detaching target failed", zap.Error(err))
	}
}

// watch makes v the owner of the workers and pop-ups its browser context
// starts, until the returned function is called.
func (b *Browser) watch(browserContext string, v *visit) (unwatch func()) {
	b.visitsMu.Lock()
	b.visits[browserContext] = v
	b.visitsMu.Unlock()
	return func() {
		b.visitsMu.Lock()
		delete(b.visits, browserContext)
		b.visitsMu.Unlock()
	}
}

func (b *Browser) debug(msg string, fields ...zap.Field) {
	if ce := b.log.Check(zap.DebugLevel, msg); ce != nil {
		ce.Write(fields...)
	}
}
