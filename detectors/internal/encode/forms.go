package encode

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// needle is one form of one value, searched for byte by byte.
type needle struct {
	value int
	// form is the encoding's name, "+"-joined in the order applied.
	form string
	text []byte
	// ends[i] is how much of text the value's first i runes determine.
	ends []int
	// minLen is the shortest match of text that counts.
	minLen int
	// alias names a simpler form that encodes the value's first
	// aliasRunes runes the same way: a match that covers no more than
	// them is reported under the simpler name (a URL-encoded e-mail
	// address cut before its "@" is plain text).
	alias      string
	aliasRunes int
}

// formOf names the form of a match covering runes of the value.
func (n *needle) formOf(runes int) string {
	if n.alias != "" && runes <= n.aliasRunes {
		return n.alias
	}
	return n.form
}

// setAlias records how far n encodes the value as simpler does.
func (n *needle) setAlias(simpler *needle) {
	common := commonPrefix(n.text, simpler.text)
	same := 0
	for i := 1; i < len(n.ends) && i < len(simpler.ends); i++ {
		if n.ends[i] != simpler.ends[i] || n.ends[i] > common {
			break
		}
		same = i
	}
	if same > 0 {
		n.alias, n.aliasRunes = simpler.form, same
	}
}

// runesFor returns how many of the value's runes a match of the first n
// bytes of the needle covers.
func (n *needle) runesFor(matched int) int {
	i := len(n.ends) - 1
	for i > 0 && n.ends[i] > matched {
		i--
	}
	return i
}

// variants are the spellings of a value that are searched: as typed, and
// in lower case when that differs (many scripts lower-case e-mail
// addresses before sending them).
func variants(v string) []string {
	if low := strings.ToLower(v); low != v {
		return []string{v, low}
	}
	return []string{v}
}

// formsOf returns the needles of one spelling of a value: every form that
// encodes it character by character, without repeats. The first needle
// of a given text keeps its name, so plain wins over a URL form that
// changes nothing.
func formsOf(v string) []needle {
	var out []needle
	add := func(form string, text []byte, ends []int) {
		if len(text) < 4 || len(ends) == 0 {
			return
		}
		for _, n := range out {
			if bytes.Equal(n.text, text) {
				return
			}
		}
		out = append(out, needle{form: form, text: text, ends: ends})
	}
	charForms := []struct {
		form string
		enc  func([]byte, rune) []byte
	}{
		{Plain, appendRune}, {URL, appendComponent}, {URL, appendFormEncoded},
		{JSON, appendJSON}, {JSON, appendJSONASCII}, {Hex, appendHexLower}, {Hex, appendHexUpper},
	}
	for _, f := range charForms {
		text, ends := charwise(v, f.enc)
		add(f.form, text, ends)
	}
	component, cEnds := charwise(v, appendComponent)
	form, fEnds := charwise(v, appendFormEncoded)
	plain, pEnds := charwise(v, appendRune)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
		for k := range 3 {
			text, ends := base64Aligned(enc, plain, pEnds, k)
			add(Base64, text, ends)
		}
	}
	// A URL-encoded value is base64-encoded next in some query strings.
	if !bytes.Equal(component, plain) {
		text, ends := base64Aligned(base64.StdEncoding, component, cEnds, 0)
		add(URL+"+"+Base64, text, ends)
		text, ends = base64Aligned(base64.StdEncoding, form, fEnds, 0)
		add(URL+"+"+Base64, text, ends)
	}
	setAliases(out)
	return out
}

// setAliases lets each escaping form fall back to plain, and base64 of a
// URL-encoded value to base64 of the value, as far as they coincide.
func setAliases(needles []needle) {
	find := func(form string) *needle {
		for i := range needles {
			if needles[i].form == form {
				return &needles[i]
			}
		}
		return nil
	}
	plain, b64 := find(Plain), find(Base64)
	for i := range needles {
		n := &needles[i]
		switch {
		case (n.form == URL || n.form == JSON) && plain != nil:
			n.setAlias(plain)
		case n.form == URL+"+"+Base64 && b64 != nil:
			n.setAlias(b64)
		}
	}
}

// charwise encodes v rune by rune, recording where each rune's encoding
// ends.
func charwise(v string, enc func([]byte, rune) []byte) ([]byte, []int) {
	text := make([]byte, 0, len(v)*2)
	ends := []int{0}
	for _, r := range v {
		text = enc(text, r)
		ends = append(ends, len(text))
	}
	return text, ends
}

func appendRune(b []byte, r rune) []byte { return utf8.AppendRune(b, r) }

// appendComponent escapes as JavaScript's encodeURIComponent does.
func appendComponent(b []byte, r rune) []byte {
	return appendEscaped(b, r, "-_.!~*'()", "%20")
}

// appendFormEncoded escapes as form bodies and URLSearchParams do.
func appendFormEncoded(b []byte, r rune) []byte {
	return appendEscaped(b, r, "*-._", "+")
}

func appendEscaped(b []byte, r rune, keep, space string) []byte {
	switch {
	case r == ' ':
		return append(b, space...)
	case r < utf8.RuneSelf && (isAlnum(byte(r)) || strings.ContainsRune(keep, r)):
		return append(b, byte(r))
	}
	var buf [utf8.UTFMax]byte
	for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
		b = append(b, '%', "0123456789ABCDEF"[c>>4], "0123456789ABCDEF"[c&15])
	}
	return b
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// appendJSON escapes as JSON.stringify does inside a string.
func appendJSON(b []byte, r rune) []byte {
	switch r {
	case '"', '\\':
		return append(b, '\\', byte(r))
	case '\b':
		return append(b, `\b`...)
	case '\f':
		return append(b, `\f`...)
	case '\n':
		return append(b, `\n`...)
	case '\r':
		return append(b, `\r`...)
	case '\t':
		return append(b, `\t`...)
	}
	if r < 0x20 {
		return appendU(b, uint16(r))
	}
	return utf8.AppendRune(b, r)
}

// appendJSONASCII escapes as JSON encoders that keep to ASCII do.
func appendJSONASCII(b []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		return appendJSON(b, r)
	}
	for _, u := range utf16.Encode([]rune{r}) {
		b = appendU(b, u)
	}
	return b
}

func appendU(b []byte, u uint16) []byte {
	const digits = "0123456789abcdef"
	return append(b, '\\', 'u', digits[u>>12], digits[u>>8&15], digits[u>>4&15], digits[u&15])
}

func appendHexLower(b []byte, r rune) []byte {
	var buf [utf8.UTFMax]byte
	return hex.AppendEncode(b, buf[:utf8.EncodeRune(buf[:], r)])
}

func appendHexUpper(b []byte, r rune) []byte {
	n := len(b)
	b = appendHexLower(b, r)
	copy(b[n:], bytes.ToUpper(b[n:]))
	return b
}

// base64Aligned returns the base64 characters that data determines when
// it starts k bytes (mod 3) into what is encoded: the characters whose six
// bits all come from data. bounds[i] is where the value's i-th rune ends in
// data; the returned ends say how many characters each prefix determines.
func base64Aligned(enc *base64.Encoding, data []byte, bounds []int, k int) ([]byte, []int) {
	padded := make([]byte, k+len(data))
	copy(padded[k:], data)
	full := enc.EncodeToString(padded)
	first := (8*k + 5) / 6
	last := 8 * (k + len(data)) / 6 // characters before this one are determined
	if last <= first {
		return nil, nil
	}
	ends := make([]int, len(bounds))
	for i, b := range bounds {
		ends[i] = clamp(8*(k+b)/6-first, 0, last-first)
	}
	return []byte(full[first:last]), ends
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}
