package encode

import (
	"bytes"
	"hash/maphash"
	"unicode/utf8"
)

// Layer is a payload, or what undoing some of its encodings gave.
type Layer struct {
	// Steps are the decodings that led from the payload to Data, in the
	// order they were undone: gzip then base64 was undone as
	// ["base64", "gzip"]. The root layer, the payload itself, has none.
	Steps []string
	Data  []byte
}

// Thresholds of the decoders.
const (
	// minBase64Run is the shortest base64 run inside a text that is
	// decoded: shorter runs are ids and words far more often than data.
	minBase64Run = 16
	// maxRuns caps the base64 runs decoded per layer.
	maxRuns = 64
	// maxEmbedded caps the compressed streams looked for inside one
	// binary layer, past its start.
	maxEmbedded = 16
)

// Expand returns a payload and every layer that undoing up to lim.Depth
// chained encodings gives, in breadth-first order, root first: URL and
// JSON string escapes, base64 (the whole payload, or runs inside it),
// gzip, zlib and raw deflate, brotli, and lz-string's forms. Compressed
// streams are also looked for inside binary payloads (a zlib part of a
// multipart body, say). A zero lim means [DefaultLimits]. Layers that
// repeat an earlier one are dropped.
func Expand(payload []byte, lim Limits) []Layer {
	if lim == (Limits{}) {
		lim = DefaultLimits
	}
	x := expander{lim: lim, seen: map[uint64]bool{}}
	x.add(Layer{Data: payload})
	for i := 0; i < len(x.layers); i++ {
		if l := x.layers[i]; len(l.Steps) < lim.Depth {
			x.children(l)
		}
	}
	return x.layers
}

type expander struct {
	lim    Limits
	layers []Layer
	total  int
	seed   maphash.Seed
	seen   map[uint64]bool
}

// add keeps a layer unless it is empty, repeats one, or breaks a limit.
func (x *expander) add(l Layer) bool {
	if len(l.Data) == 0 || len(x.layers) >= x.lim.MaxLayers {
		return false
	}
	if x.total+len(l.Data) > x.lim.MaxTotal {
		return false
	}
	if len(x.layers) == 0 {
		x.seed = maphash.MakeSeed()
	}
	h := maphash.Bytes(x.seed, l.Data)
	if x.seen[h] {
		return false
	}
	x.seen[h] = true
	x.total += len(l.Data)
	x.layers = append(x.layers, l)
	return true
}

// child adds what a decoder made of a layer, one step deeper.
func (x *expander) child(parent Layer, step string, data []byte, ok bool) {
	if !ok {
		return
	}
	steps := append(parent.Steps[:len(parent.Steps):len(parent.Steps)], step)
	x.add(Layer{Steps: steps, Data: data})
}

func (x *expander) children(l Layer) {
	if isText(l.Data) {
		x.textChildren(l)
		return
	}
	x.binaryChildren(l)
}

// textChildren undoes the encodings a text may carry.
func (x *expander) textChildren(l Layer) {
	b := l.Data
	if hasPercentEscape(b) {
		out, ok := PercentDecode(b, false)
		x.child(l, URL, out, ok)
		if bytes.IndexByte(b, '+') >= 0 {
			out, ok := PercentDecode(b, true)
			x.child(l, URL, out, ok)
		}
	}
	if hasJSONEscape(b) {
		out, ok := JSONUnescape(b)
		x.child(l, JSON, out, ok)
	}

	// A run without "-", "$" and "/" reads the same in lz-string's base64
	// and URI-safe alphabets, so the URI form is tried only on runs that
	// need it.
	for _, r := range base64Runs(b, minBase64Run, maxRuns) {
		s := b[r.start:r.end]
		out, ok := DecodeBase64(s)
		x.child(l, Base64, out, ok)
		if !bytes.ContainsAny(s, "-_") {
			out, ok = LZStringBase64(s, x.lim.outputCap(len(s)))
			x.child(l, LZString, out, ok)
		}
	}
	for _, r := range lzURIRuns(b, minBase64Run, maxRuns) {
		if s := b[r.start:r.end]; bytes.ContainsAny(s, "-$") {
			out, ok := LZStringURI(s, x.lim.outputCap(len(s)))
			x.child(l, LZString, out, ok)
		}
	}

	if mostlyNonASCII(b) {
		cap := x.lim.outputCap(len(b))
		out, ok := LZStringUTF16(b, cap)
		x.child(l, LZString, out, ok)
		out, ok = LZStringRaw(b, cap)
		x.child(l, LZString, out, ok)
	}
}

// binaryChildren decompresses a binary layer: by its magic number when it
// has one, else by trying the formats without one; then looks for gzip and
// zlib streams that start further in.
func (x *expander) binaryChildren(l Layer) {
	b := l.Data
	cap := x.lim.outputCap(len(b))
	switch {
	case isGzip(b):
		out, ok := Gunzip(b, cap)
		x.child(l, Gzip, out, ok)
	case isZlib(b):
		out, ok := Unzlib(b, cap)
		x.child(l, Deflate, out, ok)
		if !ok && looksCompressed(b) {
			x.headless(l, cap)
		}
	case looksCompressed(b):
		x.headless(l, cap)
	}
	x.embedded(l)
}

// headless tries the formats that have no magic number. Each is accepted
// only when its output is text, since random bytes often inflate to a few
// random bytes.
func (x *expander) headless(l Layer, cap int) {
	b := l.Data
	if out, ok := Inflate(b, cap); ok && isText(out) {
		x.child(l, Deflate, out, true)
	}
	if out, ok := Unbrotli(b, cap); ok && isText(out) {
		x.child(l, Brotli, out, true)
	}
	if len(b)%2 == 0 {
		out, ok := LZStringBytes(b, cap)
		x.child(l, LZString, out, ok)
	}
}

// embedded looks for gzip and zlib streams that start inside a binary
// layer, as in a multipart body with a compressed part.
func (x *expander) embedded(l Layer) {
	b, found := l.Data, 0
	for i := 1; i < len(b)-2 && found < maxEmbedded; i++ {
		var out []byte
		var ok bool
		var step string
		switch {
		case b[i] == 0x1f && isGzip(b[i:]):
			out, ok = Gunzip(b[i:], x.lim.outputCap(len(b)-i))
			step = Gzip
		case b[i] == 0x78 && isZlib(b[i:]):
			out, ok = Unzlib(b[i:], x.lim.outputCap(len(b)-i))
			step = Deflate
		default:
			continue
		}
		if ok && len(out) >= 8 {
			found++
			x.child(l, step, out, true)
		}
	}
}

// isText reports whether b is UTF-8 without NUL bytes or other control
// characters than tab and line breaks.
func isText(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			return false
		}
	}
	return true
}

// mostlyNonASCII reports whether at least half of the runes of a text are
// outside ASCII, as lz-string's UTF-16 and raw forms are. It reads no more
// than the first 4 KiB.
func mostlyNonASCII(b []byte) bool {
	n, wide := 0, 0
	for i := 0; i < len(b) && i < 4096; {
		r, size := utf8.DecodeRune(b[i:])
		i += size
		n++
		if r >= 0x80 {
			wide++
		}
	}
	return n >= 4 && wide*2 >= n
}

// looksCompressed reports whether a binary layer starts as compressed
// data does, with few printable ASCII bytes, rather than with text (as a
// multipart body does, whose compressed parts are found inside it).
func looksCompressed(b []byte) bool {
	head := b[:min(len(b), 32)]
	printable := 0
	for _, c := range head {
		if c >= 0x20 && c < 0x7f {
			printable++
		}
	}
	return printable*4 < len(head)*3
}
