package detectors

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/trace"
)

// exfilKey groups the sends of one field's value by where, how and by
// whom they left.
type exfilKey struct {
	field, kind, dest, channel, encoding, script string
}

// exfilBest is the send of a group that carried the most of the value.
type exfilBest struct {
	hit  exfilHit
	p    exfilPayload
	full string // the payload's full destination URL
}

type exfilGroups struct {
	best map[exfilKey]exfilBest
}

func newExfilGroups() *exfilGroups {
	return &exfilGroups{best: map[exfilKey]exfilBest{}}
}

// add records a hit of a typed entry's value in a payload. Payloads come
// in trace order and equal hits keep the first, so the result does not
// depend on map order.
func (g *exfilGroups) add(ty trace.Typed, p exfilPayload, hit exfilHit) {
	k := exfilKey{field: ty.Field, kind: cmp.Or(ty.Kind, "other"), dest: destination(p.dest),
		channel: p.channel, encoding: hit.encoding, script: p.script}
	old, ok := g.best[k]
	if ok && !betterHit(hit, p, old) {
		return
	}
	g.best[k] = exfilBest{hit: hit, p: p, full: p.dest}
}

// betterHit prefers the whole value, then more of it, then the earlier
// send.
func betterHit(h exfilHit, p exfilPayload, old exfilBest) bool {
	if h.runes != old.hit.runes {
		return h.runes > old.hit.runes
	}
	return p.time.Before(old.p.time)
}

// findings turns the groups into sorted findings.
func (g *exfilGroups) findings(c *classifier) []findings.Exfiltration {
	out := make([]findings.Exfiltration, 0, len(g.best))
	for k, b := range g.best {
		info := c.url(b.full)
		out = append(out, findings.Exfiltration{
			Field:             k.field,
			FieldKind:         k.kind,
			Destination:       k.dest,
			DestinationDomain: info.domain,
			Channel:           k.channel,
			Encoding:          k.encoding,
			Partial:           !b.hit.whole,
			Script:            k.script,
			ThirdParty:        info.party == findings.ThirdParty,
			Evidence:          b.p.part + ": " + b.hit.excerpt,
		})
	}
	slices.SortFunc(out, func(a, b findings.Exfiltration) int {
		return cmp.Or(strings.Compare(a.Field, b.Field), strings.Compare(a.Destination, b.Destination),
			strings.Compare(a.Channel, b.Channel), strings.Compare(a.Encoding, b.Encoding),
			strings.Compare(a.Script, b.Script), strings.Compare(a.FieldKind, b.FieldKind))
	})
	return out
}

// destination is a URL without its query and fragment: sends that differ
// only in their parameters go to the same place.
func destination(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		if i := strings.IndexAny(raw, "?#"); i >= 0 {
			return raw[:i]
		}
		return raw
	}
	u.RawQuery, u.ForceQuery, u.Fragment, u.RawFragment = "", false, "", ""
	return u.String()
}

// Excerpt sizes: how much of the payload before the match is shown, and
// the whole excerpt's length, in bytes.
const (
	excerptBefore = 24
	excerptLen    = 80
)

// excerpt returns about excerptLen bytes of data around a match, cut at
// rune boundaries, with control and invalid bytes shown as dots and
// ellipses where text was cut.
func excerpt(data []byte, start, end int) string {
	from := max(0, start-excerptBefore)
	to := min(len(data), max(end, from+excerptLen))
	to = min(to, from+excerptLen+excerptBefore)
	for from > 0 && !utf8.RuneStart(data[from]) {
		from--
	}
	for to < len(data) && !utf8.RuneStart(data[to]) {
		to++
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	for i := from; i < to; {
		r, size := utf8.DecodeRune(data[i:to])
		if r == utf8.RuneError && size <= 1 || !unicode.IsPrint(r) && r != ' ' {
			r = '.'
		}
		b.WriteRune(r)
		i += max(size, 1)
	}
	if to < len(data) {
		b.WriteString("…")
	}
	return b.String()
}
