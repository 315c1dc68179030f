package detectors

import (
	"strings"

	"github.com/exposure-audit/exposure/trace"
)

// scriptNames names the script a JavaScript stack frame belongs to: its
// URL, or, for a frame in an inline script (whose frames carry the
// document's URL), the inline name "inline:<document>#<n>" found from the
// frame's line.
type scriptNames struct {
	inline map[string][]trace.Script // document URL -> its inline scripts
}

func newScriptNames(t *trace.Trace) *scriptNames {
	n := &scriptNames{inline: make(map[string][]trace.Script)}
	for _, s := range t.Scripts {
		if s.Inline != "" && s.URL != "" {
			n.inline[s.URL] = append(n.inline[s.URL], s)
		}
	}
	return n
}

// frame returns the name of the script a frame ran in.
func (n *scriptNames) frame(f trace.CallFrame) string {
	for _, s := range n.inline[f.URL] {
		if f.Line >= s.StartLine && f.Line <= s.EndLine {
			return s.Inline
		}
	}
	return f.URL
}

// caller returns the name of the innermost script on a stack that is not
// the crawler's own, or "" when there is none.
func (n *scriptNames) caller(stack []trace.CallFrame) string {
	for _, f := range stack {
		if f.URL != "" && !strings.HasPrefix(f.URL, ownPrefix) {
			return n.frame(f)
		}
	}
	return ""
}

// networkWrappers finds the scripts that wrap the page's network functions,
// as monitoring agents patch fetch, XMLHttpRequest and sendBeacon to time
// every request. Such a script is the innermost frame of sends that other
// scripts make, so naming the innermost frame would blame it for them. A
// script counts as a wrapper when, as innermost frame, it sits on top of
// frames of at least two other scripts.
func networkWrappers(t *trace.Trace) map[string]bool {
	callers := make(map[string]map[string]bool)
	for _, r := range t.Requests {
		frames := pageFrames(r.Initiator.Stack)
		if len(frames) < 2 {
			continue
		}
		inner := frames[0].URL
		for _, f := range frames[1:] {
			if f.URL != inner {
				if callers[inner] == nil {
					callers[inner] = make(map[string]bool)
				}
				callers[inner][f.URL] = true
				break
			}
		}
	}
	wrappers := make(map[string]bool)
	for script, others := range callers {
		if len(others) >= 2 {
			wrappers[script] = true
		}
	}
	return wrappers
}

// sender returns the innermost frame's script of a stack that is not a
// network wrapper's, or "" when the stack holds nothing else.
func sender(stack []trace.CallFrame, wrappers map[string]bool) string {
	for _, f := range pageFrames(stack) {
		if !wrappers[f.URL] {
			return f.URL
		}
	}
	return ""
}

// pageFrames drops the crawler's own frames and frames with no URL.
func pageFrames(stack []trace.CallFrame) []trace.CallFrame {
	out := make([]trace.CallFrame, 0, len(stack))
	for _, f := range stack {
		if f.URL != "" && !strings.HasPrefix(f.URL, ownPrefix) {
			out = append(out, f)
		}
	}
	return out
}
