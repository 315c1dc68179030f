package encode

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"strings"
	"unicode/utf8"
)

// digestRef is a digest of a value, or of a prefix of it.
type digestRef struct {
	value int
	algo  string
	runes int
	whole bool
}

// hashes are the digests advertisers and analytics apply to contact data.
var hashes = []struct {
	name string
	sum  func([]byte) []byte
}{
	{MD5, func(b []byte) []byte { s := md5.Sum(b); return s[:] }},
	{SHA1, func(b []byte) []byte { s := sha1.Sum(b); return s[:] }},
	{SHA256, func(b []byte) []byte { s := sha256.Sum256(b); return s[:] }},
	{SHA512, func(b []byte) []byte { s := sha512.Sum512(b); return s[:] }},
}

// digestLens are the lengths of the digests as hex and as base64 (padded
// and not).
var (
	hexDigestLen    = map[int]bool{32: true, 40: true, 64: true, 128: true}
	base64DigestLen = map[int]bool{22: true, 24: true, 27: true, 28: true,
		43: true, 44: true, 86: true, 88: true}
)

// addDigests records the digests of a value of n runes, as typed and
// trimmed in lower case (as ad pixels' "advanced matching" normalises
// e-mail addresses), and of its prefixes when they count.
func (m *Matcher) addDigests(i int, v Value, n int) {
	spellings := []string{v.Text}
	if norm := strings.ToLower(strings.TrimSpace(v.Text)); norm != v.Text {
		spellings = append(spellings, norm)
	}
	for _, s := range spellings {
		total := utf8.RuneCountInString(s)
		ends := runeEnds(s)
		from := total
		if prefixOK(v, n) {
			from = min(v.MinPrefix, total)
		}
		for r := max(from, 1); r <= total; r++ {
			whole := r == total
			for _, h := range hashes {
				key := string(h.sum([]byte(s[:ends[r]])))
				ref := digestRef{value: i, algo: h.name, runes: r, whole: whole}
				if whole {
					ref.runes = n
				}
				m.digests[key] = append(m.digests[key], ref)
			}
		}
	}
}

// runeEnds returns the byte offset after each count of runes of s.
func runeEnds(s string) []int {
	ends := []int{0}
	for i := range s {
		if i > 0 {
			ends = append(ends, i)
		}
	}
	return append(ends, len(s))
}

// scanDigests looks up every run of a digest's length: hex runs inside
// runs of base64 characters (which hold the hex digits), and the base64
// runs themselves with their padding.
func (m *Matcher) scanDigests(text []byte, keep func(Match)) {
	if len(m.digests) == 0 {
		return
	}
	for i := 0; i < len(text); {
		if base64Class[text[i]] == 0 {
			i++
			continue
		}
		start := i
		for i < len(text) && base64Class[text[i]] != 0 {
			i++
		}
		end := i
		for end < len(text) && end-i < 2 && text[end] == '=' {
			end++
		}
		if i-start >= 22 {
			m.digestRun(text, start, i, end, keep)
		}
		i = max(end, i+1)
	}
}

// digestRun looks up one run of base64 characters, text[start:stop], with
// its padding up to end.
func (m *Matcher) digestRun(text []byte, start, stop, end int, keep func(Match)) {
	if base64DigestLen[end-start] || base64DigestLen[stop-start] {
		if raw, ok := DecodeBase64(text[start:end]); ok {
			m.lookup(raw, "+"+Base64, start, end, keep)
		}
	}
	if stop-start < 32 {
		return
	}
	for i := start; i < stop; {
		if !isHex(text[i]) {
			i++
			continue
		}
		h := i
		for i < stop && isHex(text[i]) {
			i++
		}
		if hexDigestLen[i-h] {
			raw := make([]byte, (i-h)/2)
			if _, err := hex.Decode(raw, text[h:i]); err == nil {
				m.lookup(raw, "", h, i, keep)
			}
		}
	}
}

func (m *Matcher) lookup(raw []byte, suffix string, start, end int, keep func(Match)) {
	for _, d := range m.digests[string(raw)] {
		keep(Match{Value: d.value, Form: d.algo + suffix, Runes: d.runes, Whole: d.whole,
			Start: start, End: end})
	}
}
