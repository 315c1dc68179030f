// Package encode finds typed values in what a page sent. On the value's
// side it computes, once, the forms a script may give a value before
// sending it (URL and JSON escaping, base64 at every alignment, hex, and
// MD5, SHA-1, SHA-256 and SHA-512 digests, also of the trimmed lower-case
// value); on the payload's side it undoes the encodings and compressions a
// payload may carry (URL and JSON escapes, base64, gzip, zlib and raw
// deflate, brotli, lz-string), recording each step, so that a match can
// say how the value was disguised.
//
// Every decoder is bounded by [Limits]: output per decompression, ratio of
// output to input, bytes and layers per payload, and chained steps. A
// payload that breaks a limit is searched as far as it was decoded.
//
// The package knows nothing of traces, requests, times or parties, and it
// does not decide whether a match is evidence: the detectors do.
//
// BUG: a value is looked for as a prefix only in forms that encode it
// character by character (plain, URL, JSON, hex, base64) and as digests of
// its prefixes; a value that a script reorders, truncates in the middle or
// encrypts is not found.
package encode

// Encoding names, as the report's encoding field spells them.
const (
	Plain    = "plain"
	URL      = "url"
	JSON     = "json"
	Base64   = "base64"
	Hex      = "hex"
	Gzip     = "gzip"
	Deflate  = "deflate"
	Brotli   = "brotli"
	LZString = "lz-string"
	MD5      = "md5"
	SHA1     = "sha1"
	SHA256   = "sha256"
	SHA512   = "sha512"
)
