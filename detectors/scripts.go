package detectors

import (
	"cmp"
	"slices"
	"strings"

	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/trace"
)

func (c *classifier) scripts(t *trace.Trace) []findings.Script {
	seen := make(map[findings.Script]bool)
	out := make([]findings.Script, 0, len(t.Scripts))
	for _, s := range t.Scripts {
		f, ok := c.script(s)
		if !ok || seen[f] {
			continue
		}
		seen[f] = true
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b findings.Script) int {
		return cmp.Or(strings.Compare(a.URL, b.URL), strings.Compare(a.Frame, b.Frame))
	})
	return out
}

// script classifies one parsed script. A script with a URL belongs to the
// URL's domain. Code without one (inline, eval, new Function) belongs to
// the script that created it when DevTools recorded a creating stack, and
// otherwise to the document it ran in. ok is false for the crawler's own
// code.
func (c *classifier) script(s trace.Script) (f findings.Script, ok bool) {
	if strings.HasPrefix(s.URL, ownPrefix) {
		return findings.Script{}, false
	}
	f = findings.Script{URL: s.URL, Frame: s.FrameURL}
	owner := s.URL
	if s.URL == "" {
		f.URL = inlineName(s)
		creator, own := stackTop(s.Stack)
		if own {
			return findings.Script{}, false
		}
		owner = cmp.Or(creator, s.FrameURL, documentOfInline(s.Inline))
	}
	info := c.url(owner)
	f.Domain, f.Party = info.domain, info.party
	return f, true
}

// inlineName names code without a URL: the crawler's inline name, or, when
// it recorded none, one made the same way from the frame and the script id.
func inlineName(s trace.Script) string {
	if s.Inline != "" {
		return s.Inline
	}
	return "inline:" + s.FrameURL + "#id-" + s.ID
}

// documentOfInline returns the document URL inside an inline name
// ("inline:<document url>#<n>").
func documentOfInline(name string) string {
	doc, ok := strings.CutPrefix(name, "inline:")
	if !ok {
		return ""
	}
	if i := strings.LastIndexByte(doc, '#'); i >= 0 {
		doc = doc[:i]
	}
	return doc
}

// stackTop returns the URL of the first frame of a stack that is not the
// crawler's own and has a URL. own is true when every frame of a
// non-empty stack is the crawler's, that is when the crawler itself ran
// the code.
func stackTop(stack []trace.CallFrame) (url string, own bool) {
	mine := 0
	for _, f := range stack {
		if strings.HasPrefix(f.URL, ownPrefix) {
			mine++
			continue
		}
		if f.URL != "" {
			return f.URL, false
		}
	}
	return "", len(stack) > 0 && mine == len(stack)
}
