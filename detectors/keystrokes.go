package detectors

import (
	"cmp"
	"slices"
	"strings"

	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/internal/trackerdb"
	"github.com/exposure-audit/exposure/trace"
)

// keystrokeEvents are the listener types that observe typing: keys, field
// changes, pastes and focus moves. Submit listeners are not among them.
var keystrokeEvents = map[string]bool{
	"keydown": true, "keyup": true, "keypress": true, "input": true, "beforeinput": true,
	"change": true, "paste": true, "focus": true, "blur": true, "focusin": true,
	"focusout": true,
}

// KeystrokeListeners returns one entry per script, event and target that
// listens to typing, sorted by script, event and target. A listener seen
// both by the instrumentation (as it was added) and by DevTools (after
// the visit) counts once; listeners whose script is unknown, or is the
// crawler's own, are left out.
func KeystrokeListeners(t *trace.Trace, site Site, db *trackerdb.DB) []findings.KeystrokeListener {
	return newClassifier(site, db).keystrokeListeners(t)
}

func (c *classifier) keystrokeListeners(t *trace.Trace) []findings.KeystrokeListener {
	names := newScriptNames(t)
	seen := make(map[findings.KeystrokeListener]bool)
	out := []findings.KeystrokeListener{}
	for _, l := range t.Listeners {
		if !keystrokeEvents[l.Event] {
			continue
		}
		script := l.Script
		if script == "" {
			script = names.caller(l.Stack)
		}
		if script == "" || strings.HasPrefix(script, ownPrefix) {
			continue
		}
		owner := script
		if doc := documentOfInline(script); doc != "" {
			owner = doc
		}
		f := findings.KeystrokeListener{
			Script:    script,
			Event:     l.Event,
			Target:    l.Target,
			FieldKind: cmp.Or(l.FieldKind, "other"),
			Party:     c.url(owner).party,
		}
		if seen[f] {
			continue
		}
		seen[f] = true
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b findings.KeystrokeListener) int {
		return cmp.Or(strings.Compare(a.Script, b.Script), strings.Compare(a.Event, b.Event),
			strings.Compare(a.Target, b.Target), strings.Compare(a.FieldKind, b.FieldKind))
	})
	return out
}
