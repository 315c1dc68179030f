package detectors

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/exposure-audit/exposure/detectors/internal/encode"
	"github.com/exposure-audit/exposure/trace"
)

// exfilMinPrefix is the fewest runes a prefix of a typed value must
// cover to be reported as a partial send. A prefix must also be longer
// than half the value, than any prefix of it that the page's traffic held
// before typing started, and than what it shares with another typed value
// (so that "jane" typed in a name field is not a prefix of the e-mail
// address jane.doe@...).
const exfilMinPrefix = 4

// exfilSearch holds what the search for one trace's typed values needs.
type exfilSearch struct {
	typed []trace.Typed
	// values are the distinct typed values; valueOf maps each typed entry
	// to its value, or -1 when the entry is not searched.
	values  []string
	valueOf []int
	// until is, per typed entry, the time of the first submit on its page
	// after its typing started; zero when there was none.
	until   []time.Time
	matcher *encode.Matcher
}

func newExfilSearch(t *trace.Trace, payloads []exfilPayload) *exfilSearch {
	s := &exfilSearch{typed: t.Typed, valueOf: make([]int, len(t.Typed)),
		until: make([]time.Time, len(t.Typed))}
	baselines := exfilBaselines(t, payloads)
	index := map[string]int{}
	for i, ty := range t.Typed {
		s.valueOf[i] = -1
		s.until[i] = firstSubmitAfter(t.Submits, ty.Page, ty.Started)
		if ty.Value == "" || baselines[ty.Page].holds(ty.Value) {
			continue
		}
		v, ok := index[ty.Value]
		if !ok {
			v = len(s.values)
			index[ty.Value] = v
			s.values = append(s.values, ty.Value)
		}
		s.valueOf[i] = v
	}

	wanted := make([]encode.Value, len(s.values))
	for v, text := range s.values {
		wanted[v] = encode.Value{Text: text, MinPrefix: s.minPrefix(v, baselines)}
	}
	s.matcher = encode.NewMatcher(wanted)
	return s
}

// minPrefix applies the rule of [exfilMinPrefix] to one value.
func (s *exfilSearch) minPrefix(v int, baselines map[int]*exfilBaseline) int {
	text := s.values[v]
	n := utf8.RuneCountInString(text)
	least := max(exfilMinPrefix, (n+1)/2)
	for i, ty := range s.typed {
		if s.valueOf[i] == v {
			least = max(least, baselines[ty.Page].longestPrefix(text)+1)
		}
	}
	low := strings.ToLower(text)
	for w, other := range s.values {
		if w != v {
			least = max(least, commonRunes(low, strings.ToLower(other))+1)
		}
	}
	return least
}

// commonRunes counts the runes two strings start with in common.
func commonRunes(a, b string) int {
	n := 0
	for a != "" && b != "" {
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if ra != rb {
			break
		}
		a, b, n = a[sa:], b[sb:], n+1
	}
	return n
}

// typedDuring returns the typed entries whose search window holds a
// payload: same page, at or after the typing started, before the submit
// that ended the window.
func (s *exfilSearch) typedDuring(p exfilPayload) []int {
	var out []int
	for i, ty := range s.typed {
		if s.valueOf[i] < 0 || ty.Page != p.page || p.time.Before(ty.Started) {
			continue
		}
		if end := s.until[i]; !end.IsZero() && !p.time.Before(end) {
			continue
		}
		out = append(out, i)
	}
	return out
}

// firstSubmitAfter returns the time of the first submit on a page at or
// after from, or zero.
func firstSubmitAfter(submits []trace.Submit, page int, from time.Time) time.Time {
	var first time.Time
	for _, sb := range submits {
		if sb.Page != page || sb.Time.Before(from) {
			continue
		}
		if first.IsZero() || sb.Time.Before(first) {
			first = sb.Time
		}
	}
	return first
}

// exfilBaseline is what a page sent before typing started on it, in lower
// case: request URLs and bodies and sent WebSocket frames. Text found
// there is the page's own, not the shopper's.
type exfilBaseline struct {
	text []byte
}

// exfilBaselines builds the baseline of every page that has typing.
func exfilBaselines(t *trace.Trace, payloads []exfilPayload) map[int]*exfilBaseline {
	first := map[int]time.Time{}
	for _, ty := range t.Typed {
		if f, ok := first[ty.Page]; !ok || ty.Started.Before(f) {
			first[ty.Page] = ty.Started
		}
	}
	bufs := map[int]*bytes.Buffer{}
	for page := range first {
		bufs[page] = &bytes.Buffer{}
	}
	for _, p := range payloads {
		f, ok := first[p.page]
		if !ok || !p.time.Before(f) || p.part == partHeaders {
			continue
		}
		bufs[p.page].Write(bytes.ToLower(p.data))
		bufs[p.page].WriteByte('\n')
	}
	out := make(map[int]*exfilBaseline, len(bufs))
	for page, b := range bufs {
		out[page] = &exfilBaseline{text: b.Bytes()}
	}
	return out
}

// holds reports whether the baseline holds all of a value, ignoring case.
func (b *exfilBaseline) holds(value string) bool {
	return b != nil && bytes.Contains(b.text, []byte(strings.ToLower(value)))
}

// longestPrefix returns how many runes of value's longest prefix the
// baseline holds, ignoring case. A baseline that holds a prefix holds the
// shorter ones too, so a binary search finds it.
func (b *exfilBaseline) longestPrefix(value string) int {
	if b == nil {
		return 0
	}
	low := strings.ToLower(value)
	ends := []int{}
	for i := range low {
		if i > 0 {
			ends = append(ends, i)
		}
	}
	ends = append(ends, len(low))
	lo, hi := 0, len(ends) // runes: lo held, hi not known
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if bytes.Contains(b.text, []byte(low[:ends[mid-1]])) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}
