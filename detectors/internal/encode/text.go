package encode

import (
	"bytes"
	"encoding/base64"
	"unicode/utf16"
	"unicode/utf8"
)

// PercentDecode undoes URL percent-encoding leniently: a malformed escape
// is kept as it is. With plus set, "+" becomes a space, as in form bodies
// and query strings. ok is false when nothing changed.
func PercentDecode(b []byte, plus bool) ([]byte, bool) {
	out := make([]byte, 0, len(b))
	changed := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '%' && i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]):
			out = append(out, unhex(b[i+1])<<4|unhex(b[i+2]))
			i += 2
			changed = true
		case c == '+' && plus:
			out = append(out, ' ')
			changed = true
		default:
			out = append(out, c)
		}
	}
	return out, changed
}

// hasPercentEscape reports whether b holds at least one %XX escape.
func hasPercentEscape(b []byte) bool {
	for i := bytes.IndexByte(b, '%'); i >= 0 && i+2 < len(b); {
		if isHex(b[i+1]) && isHex(b[i+2]) {
			return true
		}
		j := bytes.IndexByte(b[i+1:], '%')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// JSONUnescape undoes the escapes of JSON strings wherever they appear in
// b, without requiring b to be JSON: \" \\ \/ \b \f \n \r \t and \uXXXX,
// with surrogate pairs joined. Malformed escapes are kept. ok is false
// when nothing changed.
func JSONUnescape(b []byte) ([]byte, bool) {
	out := make([]byte, 0, len(b))
	changed := false
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 >= len(b) {
			out = append(out, b[i])
			continue
		}
		if r, n := jsonEscape(b[i:]); n > 0 {
			out = utf8.AppendRune(out, r)
			i += n - 1
			changed = true
			continue
		}
		out = append(out, b[i])
	}
	return out, changed
}

// jsonEscape reads one escape at the start of b and returns the rune and
// the bytes it took, or n = 0 when b does not start one.
func jsonEscape(b []byte) (r rune, n int) {
	switch b[1] {
	case '"', '\\', '/':
		return rune(b[1]), 2
	case 'b':
		return '\b', 2
	case 'f':
		return '\f', 2
	case 'n':
		return '\n', 2
	case 'r':
		return '\r', 2
	case 't':
		return '\t', 2
	}
	u, ok := hex4(b)
	if !ok {
		return 0, 0
	}
	if utf16.IsSurrogate(rune(u)) {
		if low, ok := hex4(b[6:]); ok {
			if r := utf16.DecodeRune(rune(u), rune(low)); r != utf8.RuneError {
				return r, 12
			}
		}
		return utf8.RuneError, 6
	}
	return rune(u), 6
}

// hex4 reads \uXXXX at the start of b.
func hex4(b []byte) (uint16, bool) {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return 0, false
	}
	var v uint16
	for _, c := range b[2:6] {
		if !isHex(c) {
			return 0, false
		}
		v = v<<4 | uint16(unhex(c))
	}
	return v, true
}

// hasJSONEscape reports whether b holds a backslash escape JSON knows.
func hasJSONEscape(b []byte) bool {
	for i := bytes.IndexByte(b, '\\'); i >= 0 && i+1 < len(b); {
		switch b[i+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u':
			return true
		}
		j := bytes.IndexByte(b[i+1:], '\\')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// base64 alphabets: standard, and URL- and filename-safe.
const (
	alphaStd = 1 << iota
	alphaURL
)

// base64Class tells, per byte, which alphabets hold it; '=' is in neither
// and is handled as padding.
var base64Class = func() [256]uint8 {
	var t [256]uint8
	for c := byte('A'); c <= 'Z'; c++ {
		t[c] = alphaStd | alphaURL
		t[c+'a'-'A'] = alphaStd | alphaURL
	}
	for c := byte('0'); c <= '9'; c++ {
		t[c] = alphaStd | alphaURL
	}
	t['+'], t['/'] = alphaStd, alphaStd
	t['-'], t['_'] = alphaURL, alphaURL
	return t
}()

// span is a run of bytes within a payload.
type span struct{ start, end int }

// base64Runs finds maximal runs of at least min base64 characters in b,
// with their padding, each in one alphabet; at most max of them.
func base64Runs(b []byte, min, max int) []span {
	var out []span
	for i := 0; i < len(b) && len(out) < max; {
		if base64Class[b[i]] == 0 {
			i++
			continue
		}
		start, alpha := i, uint8(alphaStd|alphaURL)
		for i < len(b) && base64Class[b[i]]&alpha != 0 {
			alpha &= base64Class[b[i]]
			i++
		}
		end := i
		for pad := 0; pad < 2 && end < len(b) && b[end] == '='; pad++ {
			end++
		}
		if end-start >= min {
			out = append(out, span{start, end})
		}
		i = end
		if i == start {
			i++
		}
	}
	return out
}

// DecodeBase64 decodes standard or URL-safe base64, padded or not, and
// ignoring line breaks; ok is false when b is not base64.
func DecodeBase64(b []byte) ([]byte, bool) {
	s := bytes.TrimRight(b, "=")
	if bytes.ContainsAny(s, "\r\n") {
		s = bytes.Join(bytes.Fields(s), nil)
	}
	enc := base64.RawStdEncoding
	if bytes.ContainsAny(s, "-_") {
		enc = base64.RawURLEncoding
	}
	if len(s)%4 == 1 {
		return nil, false
	}
	out := make([]byte, enc.DecodedLen(len(s)))
	n, err := enc.Decode(out, s)
	if err != nil || n == 0 {
		return nil, false
	}
	return out[:n], true
}

// lzURIRuns finds maximal runs of at least min characters of lz-string's
// URI-safe alphabet in b; at most max of them.
func lzURIRuns(b []byte, min, max int) []span {
	var out []span
	for i := 0; i < len(b) && len(out) < max; i++ {
		if lzURIValues[b[i]] < 0 {
			continue
		}
		start := i
		for i < len(b) && lzURIValues[b[i]] >= 0 {
			i++
		}
		if i-start >= min {
			out = append(out, span{start, i})
		}
	}
	return out
}
