package cdptap

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto"
	"github.com/chromedp/cdproto/target"
)

func attachMsg(parent, child target.SessionID) *cdproto.Message {
	return &cdproto.Message{SessionID: parent, Method: "Target.attachedToTarget",
		Params: []byte(`{"sessionId":"` + string(child) + `","targetInfo":{"type":"iframe"}}`)}
}

// TestRouteInheritsOwnersExceptFromTheBrowser checks that a child session
// inherits the sink of a tab's session but not of the browser's, which
// attaches every tab.
func TestRouteInheritsOwnersExceptFromTheBrowser(t *testing.T) {
	tap := Wrap(nil)
	tab, browser := NewSink(), NewSink()
	tap.Own("TAB", tab)
	tap.Own("", browser)

	tap.route(attachMsg("TAB", "FRAME"))
	tap.route(attachMsg("", "OTHER_TAB"))
	tap.route(&cdproto.Message{SessionID: "FRAME", Method: "Runtime.enable"})
	tap.route(&cdproto.Message{SessionID: "OTHER_TAB", Method: "Page.loadEventFired"})

	if got := tap.owners["FRAME"]; got != tab {
		t.Errorf("FRAME is owned by %p, want the tab's sink %p", got, tab)
	}
	if got, ok := tap.owners["OTHER_TAB"]; ok {
		t.Errorf("OTHER_TAB is owned by %p, want no owner", got)
	}
	tab.Close()
	browser.Close()
	want := map[*Sink][]string{
		tab:     {"TAB Target.attachedToTarget", "FRAME Runtime.enable"},
		browser: {" Target.attachedToTarget"},
	}
	for sink, events := range want {
		var got []string
		for {
			ev, ok := sink.Next(context.Background())
			if !ok {
				break
			}
			got = append(got, ev.Session+" "+ev.Method)
		}
		if len(got) != len(events) {
			t.Errorf("sink got %q, want %q", got, events)
			continue
		}
		for i := range got {
			if got[i] != events[i] {
				t.Errorf("event %d = %q, want %q", i, got[i], events[i])
			}
		}
	}

	// The browser reports the detach of a child it attached on its own
	// session; the child is no longer routed after that.
	tap.Own("WORKER", tab)
	tap.route(&cdproto.Message{SessionID: "", Method: "Target.detachedFromTarget",
		Params: []byte(`{"sessionId":"WORKER"}`)})
	if _, ok := tap.owners["WORKER"]; ok {
		t.Error("WORKER is still routed after its detach")
	}
}
