package encode

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"

	"github.com/andybalholm/brotli"
)

// Limits bound the work of undoing one payload's encodings, so that a
// hostile or broken payload cannot exhaust memory or time.
type Limits struct {
	// MaxOutput caps what one decompression or decoding may produce, in
	// bytes; what goes beyond is dropped.
	MaxOutput int
	// Ratio caps one decompression's output at Ratio times its input
	// (plus 64 KiB), below MaxOutput: a compression bomb is cut short.
	Ratio int
	// MaxTotal caps the bytes of all layers of one payload together.
	MaxTotal int
	// MaxLayers caps the number of layers of one payload.
	MaxLayers int
	// Depth is how many decoding steps may be chained.
	Depth int
}

// DefaultLimits are the limits [Expand] uses when given none: 8 MiB per
// decompression and at most 256 times its input, 32 MiB and 256 layers per
// payload, two chained steps.
var DefaultLimits = Limits{
	MaxOutput: 8 << 20,
	Ratio:     256,
	MaxTotal:  32 << 20,
	MaxLayers: 256,
	Depth:     2,
}

// outputCap is the most one decompression of n input bytes may produce.
func (l Limits) outputCap(n int) int {
	c := 64<<10 + l.Ratio*n
	if c > l.MaxOutput || c < 0 {
		c = l.MaxOutput
	}
	return c
}

// readCapped reads up to max bytes from r and keeps what was read before
// an error: a stream cut short (a truncated body, a sync-flushed deflate
// segment without its final block) still yields its start.
func readCapped(r io.Reader, max int) []byte {
	out, _ := io.ReadAll(io.LimitReader(r, int64(max)))
	return out
}

// Gunzip decompresses a gzip stream, at most max bytes of it; ok is false
// when b does not start a gzip stream or nothing could be read.
func Gunzip(b []byte, max int) ([]byte, bool) {
	if !isGzip(b) {
		return nil, false
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, false
	}
	zr.Multistream(true)
	out := readCapped(zr, max)
	return out, len(out) > 0
}

// Unzlib decompresses a zlib-wrapped deflate stream.
func Unzlib(b []byte, max int) ([]byte, bool) {
	if !isZlib(b) {
		return nil, false
	}
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, false
	}
	out := readCapped(zr, max)
	return out, len(out) > 0
}

// Inflate decompresses a raw deflate stream.
func Inflate(b []byte, max int) ([]byte, bool) {
	out := readCapped(flate.NewReader(bytes.NewReader(b)), max)
	return out, len(out) > 0
}

// Unbrotli decompresses a brotli stream, which has no magic number: any
// input that decodes to something is accepted, which is why callers try it
// last and only on binary data.
func Unbrotli(b []byte, max int) ([]byte, bool) {
	out := readCapped(brotli.NewReader(bytes.NewReader(b)), max)
	return out, len(out) > 0
}

func isGzip(b []byte) bool {
	return len(b) >= 10 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8
}

// isZlib checks a zlib header: deflate with a window of at most 32 KiB, no
// preset dictionary, and the check bits that make the header a multiple of
// 31.
func isZlib(b []byte) bool {
	if len(b) < 3 || b[0]&0x0f != 8 || b[0]>>4 > 7 || b[1]&0x20 != 0 {
		return false
	}
	return (uint(b[0])<<8|uint(b[1]))%31 == 0
}
