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
