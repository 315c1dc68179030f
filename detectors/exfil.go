package detectors

import (
	"slices"

	"github.com/exposure-audit/exposure/detectors/internal/encode"
	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/internal/trackerdb"
	"github.com/exposure-audit/exposure/trace"
)

// Exfiltration returns one finding per typed field and way its value left
// the page before any submit, sorted by field, destination, channel,
// encoding and script. It never returns nil.
//
// What is searched: everything the page sent after the field's typing
// started and before the first submit on that page that followed it (to
// the end of the page's visit when none did): request URLs, request
// headers other than Cookie (cookies are searched where scripts wrote
// them), request bodies, sent WebSocket frames, and values scripts wrote to
// document.cookie. Each is searched as it is and after undoing up to two
// chained encodings (see [encode.Expand]), for the value's plain, escaped,
// base64, hex and hashed forms (see [encode.Matcher]).
//
// Which matches count: the whole value always; a prefix (a value sent
// keystroke by keystroke, or cut short) when it covers at least
// [exfilMinPrefix] runes, and is then reported as partial. A value that
// the page's own traffic already held before typing started on it, or that
// is shorter than [encode.MinRunes] (searched as digests only), cannot be
// told from the page's own content and is not searched on that page.
//
// How findings are grouped: one finding per field, field kind,
// destination (the URL without its query and fragment), channel, encoding
// and sending script. Keystroke-by-keystroke sends to one endpoint thus
// make one finding, partial only when no send carried the whole value. The
// evidence is taken from the send that carried the most of the value,
// the earliest of equals.
//
// The sending script is the first frame of the initiator's stack that is
// not the crawler's own, else the initiator's URL. A script that wraps
// fetch or XMLHttpRequest (Datadog RUM's resource tracking does) is
// therefore named for the sends it passes on, and a value that left only
// on a later page (stored, then sent after navigating) is not searched
// for there.
func Exfiltration(t *trace.Trace, site Site, db *trackerdb.DB) []findings.Exfiltration {
	out := []findings.Exfiltration{}
	if t == nil || len(t.Typed) == 0 {
		return out
	}
	payloads := exfilPayloads(t)
	s := newExfilSearch(t, payloads)
	if len(s.values) == 0 {
		return out
	}
	agg := newExfilGroups()
	for _, p := range payloads {
		typed := s.typedDuring(p)
		if len(typed) == 0 {
			continue
		}
		for _, hit := range s.search(p.data) {
			for _, ti := range typed {
				if s.valueOf[ti] == hit.value {
					agg.add(t.Typed[ti], p, hit)
				}
			}
		}
	}
	return agg.findings(newClassifier(site, db))
}

// exfilHit is the best way one value was found in one payload.
type exfilHit struct {
	value    int
	runes    int
	whole    bool
	encoding string
	// excerpt is the evidence around the match, in its decoded form.
	excerpt string
}

// search expands a payload and returns, per value found, the matches that
// cover the most of it, by the fewest decoding steps: when a payload
// holds the value plainly, the same text found again after undoing an
// escape elsewhere in it is not another finding.
func (s *exfilSearch) search(data []byte) []exfilHit {
	type cand struct {
		exfilHit
		steps int
	}
	best := map[int][]cand{}
	for _, layer := range encode.Expand(data, encode.Limits{}) {
		for _, m := range s.matcher.Find(layer.Data) {
			c := cand{exfilHit: exfilHit{value: m.Value, runes: m.Runes, whole: m.Whole,
				encoding: encodingChain(m.Form, layer.Steps)}, steps: len(layer.Steps)}
			prev := best[m.Value]
			switch {
			case len(prev) == 0 || c.runes > prev[0].runes ||
				c.runes == prev[0].runes && c.steps < prev[0].steps:
				c.excerpt = excerpt(layer.Data, m.Start, m.End)
				best[m.Value] = []cand{c}
			case c.runes == prev[0].runes && c.steps == prev[0].steps &&
				!slices.ContainsFunc(prev, func(p cand) bool { return p.encoding == c.encoding }):
				c.excerpt = excerpt(layer.Data, m.Start, m.End)
				best[m.Value] = append(prev, c)
			}
		}
	}
	var out []exfilHit
	for _, cs := range best {
		for _, c := range cs {
			out = append(out, c.exfilHit)
		}
	}
	return out
}

// encodingChain names how a value was encoded, in the order the encodings
// were applied: the value's own form (a digest, say) first, then the
// payload's layers from the innermost out. steps are in the order they
// were undone, outermost first.
func encodingChain(form string, steps []string) string {
	chain := ""
	if form != encode.Plain {
		chain = form
	}
	for i := len(steps) - 1; i >= 0; i-- {
		if chain != "" {
			chain += "+"
		}
		chain += steps[i]
	}
	if chain == "" {
		return encode.Plain
	}
	return chain
}
