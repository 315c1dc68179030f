package crawler

import (
	"context"
	"testing"

	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/crawler/internal/cdptap"
)

// TestWorkerStoppedWhileLeavingIsNoCrash feeds the recorder the events of
// a visit whose worker the browser reports as crashed: during the page,
// that is an error that makes the visit partial; once the visit leaves its
// last page, it is how the browser stops the page's workers.
func TestWorkerStoppedWhileLeavingIsNoCrash(t *testing.T) {
	attach := cdptap.Event{Session: "TAB", Method: "Target.attachedToTarget",
		Params: []byte(`{"sessionId":"W",` +
			`"targetInfo":{"type":"shared_worker","url":"http://a.example/w.js"}}`)}
	crash := cdptap.Event{Session: "W", Method: "Inspector.targetCrashed", Params: []byte(`{}`)}
	tests := []struct {
		name     string
		leave    bool
		errors   int
		consoles int
	}{
		{"during the page", false, 1, 0},
		{"while leaving", true, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRecorder(zap.NewNop(), "b", 1<<10)
			r.mainSess = "TAB"
			sink := cdptap.NewSink()
			sink.Push(cdptap.Event{Method: markPage, Params: []byte("http://a.example/")})
			sink.Push(attach)
			if tt.leave {
				sink.Push(cdptap.Event{Method: markLeave})
			}
			sink.Push(crash)
			sink.Close()
			r.run(context.Background(), sink)
			tr := r.finish()
			if len(tr.Errors) != tt.errors || r.crashed() != (tt.errors > 0) {
				t.Errorf("errors = %q, crashed %v; want %d errors", tr.Errors, r.crashed(), tt.errors)
			}
			crashes := 0
			for _, c := range tr.Console {
				if c.Level == "crash" {
					crashes++
				}
			}
			if crashes != tt.consoles {
				t.Errorf("console = %+v, want %d crash entries", tr.Console, tt.consoles)
			}
		})
	}
}
