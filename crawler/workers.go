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

// Service and shared workers belong to an origin, not to a tab, so the
// tab's auto-attach never sees them. The browser session attaches them
// instead, paused before their first statement, and hands each to the
// visit whose browser context started it. That visit prepares it like a
// dedicated worker.

// browserAttachFilter has the browser attach service and shared workers
// only. Tabs are attached by chromedp, and a tab paused by the browser's
// auto-attach would never open.
var browserAttachFilter = []map[string]any{
	{"type": "service_worker"},
	{"type": "shared_worker"},
	{"exclude": true},
}

// watchWorkers has the browser attach every service and shared worker and
// routes them to their visits until the browser closes.
func (b *Browser) watchWorkers(ctx context.Context) error {
	sink := cdptap.NewSink()
	b.tap.Own("", sink)
	go func() {
		for {
			ev, ok := sink.Next(b.ctx)
			if !ok {
				return
			}
			if ev.Method == "Target.attachedToTarget" {
				b.workerAttached(ev)
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

// workerAttached hands a worker the browser attached to the visit of its
// browser context. The visit's recorder sees the attach as if the tab had
// made it, and prepares and resumes the worker. A worker of no visit, such
// as one that starts while its visit closes, is resumed and let go.
func (b *Browser) workerAttached(ev cdptap.Event) {
	var e evAttached
	if err := json.Unmarshal(ev.Params, &e); err != nil || e.SessionID == "" {
		return
	}
	// The browser session also sees chromedp attach every tab.
	if t := e.TargetInfo.Type; t != "service_worker" && t != "shared_worker" {
		return
	}
	session := target.SessionID(e.SessionID)
	b.visitsMu.Lock()
	v := b.visits[e.TargetInfo.BrowserContextID]
	if v != nil {
		b.tap.Own(session, v.sink)
		v.sink.Push(cdptap.Event{Session: string(v.session), Method: ev.Method,
			Params: ev.Params})
	}
	b.visitsMu.Unlock()
	if v != nil {
		return
	}
	if ce := b.log.Check(zap.DebugLevel, "worker of no visit"); ce != nil {
		ce.Write(zap.String("target_type", e.TargetInfo.Type), zap.String("url", e.TargetInfo.URL))
	}
	go b.releaseWorker(session, e.WaitingForDebugger)
}

// releaseWorker resumes a worker no visit watches and detaches from it.
func (b *Browser) releaseWorker(session target.SessionID, waiting bool) {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	if waiting {
		_ = b.tap.Call(ctx, session, "Runtime.runIfWaitingForDebugger", nil, nil)
	}
	_ = b.tap.Call(ctx, "", "Target.detachFromTarget",
		map[string]any{"sessionId": session}, nil)
}

// watch makes v the owner of the workers its browser context starts,
// until the returned function is called.
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
