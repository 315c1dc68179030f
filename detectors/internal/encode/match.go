package encode

import (
	"cmp"
	"encoding/binary"
	"slices"
	"unicode/utf8"
)

// MinRunes is the length below which a value is looked for only as a
// digest: shorter text turns up by chance in any payload.
const MinRunes = 4

// Value is one typed value to look for.
type Value struct {
	Text string
	// MinPrefix is the fewest runes a match of a prefix must cover to
	// count; a value is always found whole. Zero, or a MinPrefix of at
	// least the value's length, turns prefix matches off.
	MinPrefix int
}

// Match is where one value was found in one text, in one form.
type Match struct {
	// Value is the index of the value in the list given to [NewMatcher].
	Value int
	// Form is how the value was encoded before it reached the text, such
	// as plain, url, base64, sha256 or sha256+base64.
	Form string
	// Runes is how many runes of the value the match covers; Whole is
	// true when that is all of them.
	Runes int
	Whole bool
	// Start and End bound the match in the text.
	Start, End int
}

// Matcher looks for a fixed set of values in many texts. Every form of
// every value is computed once, by [NewMatcher]; a search reads the text
// once for all of them, and once more for digests.
type Matcher struct {
	values  []Value
	runes   []int
	needles []needle
	// pairs flags the first two bytes of every needle, so that most
	// positions of a text are passed over at once; byKey lists the
	// needles by their first four bytes.
	pairs   [1 << 16 / 64]uint64
	byKey   map[uint32][]int32
	digests map[string][]digestRef
}

// NewMatcher prepares the search for values.
func NewMatcher(values []Value) *Matcher {
	m := &Matcher{
		values:  values,
		byKey:   map[uint32][]int32{},
		digests: map[string][]digestRef{},
	}
	for i, v := range values {
		n := utf8.RuneCountInString(v.Text)
		m.runes = append(m.runes, n)
		m.addDigests(i, v, n)
		if n < MinRunes {
			continue
		}
		for _, spelling := range variants(v.Text) {
			for _, nd := range formsOf(spelling) {
				nd.value = i
				nd.minLen = nd.ends[len(nd.ends)-1]
				if prefixOK(v, n) {
					nd.minLen = nd.ends[min(v.MinPrefix, len(nd.ends)-1)]
				}
				m.addNeedle(nd)
			}
		}
	}
	return m
}

// prefixOK reports whether prefixes of a value of n runes count.
func prefixOK(v Value, n int) bool {
	return v.MinPrefix > 0 && v.MinPrefix < n
}

func (m *Matcher) addNeedle(nd needle) {
	if len(nd.text) < 4 || nd.minLen < 4 {
		return
	}
	id := int32(len(m.needles))
	m.needles = append(m.needles, nd)
	pair := binary.BigEndian.Uint16(nd.text)
	m.pairs[pair/64] |= 1 << (pair % 64)
	key := binary.LittleEndian.Uint32(nd.text)
	m.byKey[key] = append(m.byKey[key], id)
}

// Find returns, for each value and form found in text, the match that
// covers the most runes (the first of equals), sorted by value, then
// form.
func (m *Matcher) Find(text []byte) []Match {
	best := map[[2]int]int{} // value, form index → index in out
	var out []Match
	forms := map[string]int{}
	keep := func(c Match) {
		fi, ok := forms[c.Form]
		if !ok {
			fi = len(forms)
			forms[c.Form] = fi
		}
		k := [2]int{c.Value, fi}
		if i, ok := best[k]; !ok {
			best[k] = len(out)
			out = append(out, c)
		} else if c.Runes > out[i].Runes {
			out[i] = c
		}
	}
	m.scanNeedles(text, keep)
	m.scanDigests(text, keep)
	slices.SortFunc(out, func(a, b Match) int {
		return cmp.Or(cmp.Compare(a.Value, b.Value), cmp.Compare(a.Form, b.Form))
	})
	return out
}

func (m *Matcher) scanNeedles(text []byte, keep func(Match)) {
	if len(m.needles) == 0 {
		return
	}
	for i := 0; i+4 <= len(text); i++ {
		pair := uint16(text[i])<<8 | uint16(text[i+1])
		if m.pairs[pair/64]&(1<<(pair%64)) == 0 {
			continue
		}
		for _, id := range m.byKey[binary.LittleEndian.Uint32(text[i:])] {
			nd := &m.needles[id]
			n := commonPrefix(text[i:], nd.text)
			if n < nd.minLen {
				continue
			}
			r := nd.runesFor(n)
			whole := r == len(nd.ends)-1
			if !whole && r < m.values[nd.value].MinPrefix {
				continue
			}
			keep(Match{Value: nd.value, Form: nd.formOf(r), Runes: m.wholeRunes(nd.value, r, whole),
				Whole: whole, Start: i, End: i + n})
		}
	}
}

// wholeRunes reports a whole match as the value's own length, which a
// lower-cased spelling may not share.
func (m *Matcher) wholeRunes(value, r int, whole bool) int {
	if whole {
		return m.runes[value]
	}
	return r
}

func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}
