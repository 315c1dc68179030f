package crawler

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/exposure-audit/exposure/trace"
)

// record is what the injected script reports through the binding. Every
// record names its kind and the document or worker it came from; the
// other fields depend on the kind.
type record struct {
	Kind  string    `json:"kind"`
	Frame string    `json:"frame"`
	Value string    `json:"value"`
	Stack []jsFrame `json:"stack"`
	// Body is a storage write's value.
	Body string `json:"body"`
	// Target and FieldKind name a listener's or a submit's target.
	Target    string `json:"target"`
	FieldKind string `json:"field_kind"`
	// Calls is a batch of counted API calls (kind "calls").
	Calls []callRecord `json:"calls"`
	// Failed names the hooks that did not install (kind "hooks").
	Failed []string `json:"failed"`
}

// callRecord counts one API's calls from one place with one argument
// summary, as the injected script aggregates them between flushes.
type callRecord struct {
	API   string            `json:"api"`
	Args  string            `json:"args"`
	Count int               `json:"count"`
	Stack []jsFrame         `json:"stack"`
	Extra map[string]string `json:"extra"`
}

type jsFrame struct {
	URL      string `json:"url"`
	Function string `json:"function"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	// Hash is the content hash of the frame's script, which names code
	// without a URL of its own (inline, eval) as DevTools' scriptParsed
	// does.
	Hash string `json:"hash"`
}

// maxCallRecords bounds the call records kept per visit, so that a page
// calling instrumented APIs in an endless loop cannot exhaust memory.
const maxCallRecords = 20000

func (r *recorder) bindingCalled(s string, e evBindingCalled) {
	if e.Name != r.binding {
		return
	}
	var rec record
	if err := json.Unmarshal([]byte(e.Payload), &rec); err != nil {
		return
	}
	frame := rec.Frame
	if frame == "" {
		frame = r.frameURL(s, "")
	}
	switch rec.Kind {
	case "cookie":
		r.t.CookieWrites = append(r.t.CookieWrites, trace.CookieWrite{
			Session: s, FrameURL: frame, Value: rec.Value,
			Stack: jsStack(rec.Stack), Time: time.Now().UTC(),
		})
	case "calls":
		for _, c := range rec.Calls {
			if len(r.t.Calls) >= maxCallRecords {
				break
			}
			r.t.Calls = append(r.t.Calls, trace.APICall{
				Page: r.page, Session: s, FrameURL: frame, API: c.API, Args: c.Args,
				Count: c.Count, Stack: r.scriptStack(s, c.Stack), Extra: c.Extra,
			})
		}
	case "listener":
		r.t.Listeners = append(r.t.Listeners, trace.Listener{
			Page: r.page, Session: s, FrameURL: frame, Event: rec.Value, Target: rec.Target,
			FieldKind: rec.FieldKind, Stack: jsStack(rec.Stack), Source: "hook",
		})
	case "storage":
		if len(r.t.StorageWrites) < maxCallRecords {
			r.t.StorageWrites = append(r.t.StorageWrites, trace.StorageWrite{
				Page: r.page, Session: s, FrameURL: frame, Area: rec.Target, Key: rec.Value,
				Value: rec.Body, Stack: r.scriptStack(s, rec.Stack), Time: time.Now().UTC(),
			})
		}
	case "submit":
		r.t.Submits = append(r.t.Submits, trace.Submit{
			Page: r.page, Session: s, FrameURL: frame, Kind: rec.Value, Target: rec.Target,
			Stack: jsStack(rec.Stack), Time: time.Now().UTC(),
		})
	case "hooks":
		if len(rec.Failed) > 0 {
			r.t.Hooks = append(r.t.Hooks, trace.HookStatus{
				Session: s, FrameURL: frame, Failed: rec.Failed,
			})
		}
	}
}

func jsStack(in []jsFrame) []trace.CallFrame {
	out := make([]trace.CallFrame, 0, len(in))
	for _, f := range in {
		out = append(out, trace.CallFrame{URL: f.URL, Function: f.Function, Line: f.Line,
			Column: f.Column})
	}
	return out
}

// scriptStack is jsStack with the DevTools script id of frames whose
// script hash matches a script parsed in the same session, the latest
// first: it names inline and eval'd code that has no URL of its own.
func (r *recorder) scriptStack(session string, in []jsFrame) []trace.CallFrame {
	out := jsStack(in)
	for i, f := range in {
		if f.Hash == "" {
			continue
		}
		for j := len(r.t.Scripts) - 1; j >= 0; j-- {
			sc := r.t.Scripts[j]
			if sc.Session == session && strings.EqualFold(sc.Hash, f.Hash) {
				out[i].ScriptID = strings.TrimPrefix(sc.ID, session+"/")
				break
			}
		}
	}
	return out
}
