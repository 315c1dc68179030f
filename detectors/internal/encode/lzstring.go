package encode

import (
	"unicode/utf16"
	"unicode/utf8"
)

// lz-string packs an LZW code stream into characters: its base64 and
// URI-safe forms carry 6 bits per character, the UTF-16 form 15 bits (each
// character offset by 32), and the raw and byte-array forms 16 bits. The
// stream starts with 2-bit codes and widens as the dictionary grows. Codes
// 0 and 1 introduce a literal of 8 or 16 bits, code 2 ends the stream, and
// higher codes name dictionary entries.

// Alphabets of lz-string's 6-bit forms.
const (
	lzBase64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
	lzURIAlphabet    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$"
)

var lzBase64Values, lzURIValues = lzTable(lzBase64Alphabet), lzTable(lzURIAlphabet)

// lzTable maps each byte of an alphabet to its value, and others to -1.
func lzTable(alphabet string) [256]int16 {
	var t [256]int16
	for i := range t {
		t[i] = -1
	}
	for i := range len(alphabet) {
		t[alphabet[i]] = int16(i)
	}
	return t
}

// lzBits reads the code stream most significant bit first from units of
// width bits each.
type lzBits struct {
	units []uint16
	width uint
	next  int    // index of the next unit to load
	cur   uint16 // the unit being read
	mask  uint16 // the bit of cur read next; 0 when cur is used up
	short bool   // true once the stream ran out of units
}

func (b *lzBits) read(n uint) int {
	v := 0
	for i := range n {
		if b.mask == 0 {
			if b.next >= len(b.units) {
				b.short = true
				return v
			}
			b.cur, b.mask = b.units[b.next], 1<<(b.width-1)
			b.next++
		}
		if b.cur&b.mask != 0 {
			v |= 1 << i
		}
		b.mask >>= 1
	}
	return v
}

// lzDecompress decodes a code stream into UTF-16 units, stopping at the end
// code, when the units run out, or at maxUnits. ok is false when the stream
// is not lz-string: an impossible code, a stream that ends before its first
// entry, or output that is mostly not text.
func lzDecompress(units []uint16, width uint, maxUnits int) (out []uint16, ok bool) {
	b := &lzBits{units: units, width: width}
	dict := make([][]uint16, 3, 64)
	literal := func(code int) []uint16 {
		switch code {
		case 0:
			return []uint16{uint16(b.read(8))}
		case 1:
			return []uint16{uint16(b.read(16))}
		}
		return nil
	}

	first := literal(b.read(2))
	if first == nil || b.short {
		return nil, false
	}
	dict = append(dict, first)
	out = append(out, first...)
	wStart, wLen := 0, 1
	enlargeIn, numBits := 4, uint(3)
	grow := func() {
		if enlargeIn--; enlargeIn == 0 {
			enlargeIn = 1 << numBits
			numBits++
		}
	}
	var check textCheck
	for len(out) < maxUnits {
		code := b.read(numBits)
		if b.short {
			return out, len(out) > 1 && check.plausible(out)
		}
		if code == 2 {
			return out, check.plausible(out)
		}
		if lit := literal(code); lit != nil {
			dict = append(dict, lit)
			code = len(dict) - 1
			grow()
		}
		start := len(out)
		switch {
		case code < len(dict) && code > 2:
			out = append(out, dict[code]...)
		case code == len(dict):
			out = append(out, out[wStart:wStart+wLen]...)
			out = append(out, out[wStart])
		default:
			return nil, false
		}
		// The new entry is the previous one plus the first unit of this
		// one, and the two lie next to each other in out.
		dict = append(dict, out[wStart:start+1:start+1])
		grow()
		wStart, wLen = start, len(out)-start
		if !check.plausible(out) {
			return nil, false
		}
	}
	return out[:maxUnits], true
}

// textCheck gives up on a decoding as soon as its output stops looking
// like text: decoding bytes that are not lz-string yields a stream of
// random units, many of them control characters or lone surrogates.
type textCheck struct {
	seen, bad int
}

func (c *textCheck) plausible(out []uint16) bool {
	for ; c.seen < len(out); c.seen++ {
		u := out[c.seen]
		if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0xfffe || u == 0xffff {
			c.bad++
		}
	}
	return c.seen < 64 || c.bad*16 <= c.seen
}

// lzUnits6 turns a 6-bit form into units, ignoring characters outside the
// alphabet as lz-string does; ok is false when fewer than 2 are in it.
func lzUnits6(s []byte, table *[256]int16) ([]uint16, bool) {
	units := make([]uint16, 0, len(s))
	for _, c := range s {
		if v := table[c]; v >= 0 {
			units = append(units, uint16(v))
		}
	}
	return units, len(units) >= 2
}

// LZStringBase64 decompresses lz-string's compressToBase64 output.
func LZStringBase64(s []byte, maxBytes int) ([]byte, bool) {
	units, ok := lzUnits6(s, &lzBase64Values)
	if !ok {
		return nil, false
	}
	return lzText(units, 6, maxBytes)
}

// LZStringURI decompresses lz-string's compressToEncodedURIComponent
// output, reading spaces as the plus signs they once were.
func LZStringURI(s []byte, maxBytes int) ([]byte, bool) {
	fixed := make([]byte, len(s))
	for i, c := range s {
		if c == ' ' {
			c = '+'
		}
		fixed[i] = c
	}
	units, ok := lzUnits6(fixed, &lzURIValues)
	if !ok {
		return nil, false
	}
	return lzText(units, 6, maxBytes)
}

// LZStringUTF16 decompresses lz-string's compressToUTF16 output, given as
// UTF-8 text.
func LZStringUTF16(s []byte, maxBytes int) ([]byte, bool) {
	units := utf16.Encode([]rune(string(s)))
	for i, u := range units {
		if u < 32 {
			return nil, false
		}
		units[i] = u - 32
	}
	return lzText(units, 15, maxBytes)
}

// LZStringRaw decompresses lz-string's compress output, given as UTF-8
// text (characters that were lone surrogates do not survive that).
func LZStringRaw(s []byte, maxBytes int) ([]byte, bool) {
	return lzText(utf16.Encode([]rune(string(s))), 16, maxBytes)
}

// LZStringBytes decompresses lz-string's compressToUint8Array output: the
// raw form's units, high byte first.
func LZStringBytes(b []byte, maxBytes int) ([]byte, bool) {
	if len(b) < 2 {
		return nil, false
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return lzText(units, 16, maxBytes)
}

// lzText decompresses and converts the UTF-16 result to UTF-8, keeping at
// most maxBytes of it.
func lzText(units []uint16, width uint, maxBytes int) ([]byte, bool) {
	// A unit becomes at most 3 bytes of UTF-8.
	out, ok := lzDecompress(units, width, maxBytes)
	if !ok || len(out) == 0 {
		return nil, false
	}
	text := make([]byte, 0, len(out))
	for _, r := range utf16.Decode(out) {
		if len(text)+utf8.RuneLen(r) > maxBytes {
			break
		}
		text = utf8.AppendRune(text, r)
	}
	return text, true
}
