package reports

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

const (
	// maxStem is the longest name kept as it is.
	maxStem = 100
	// maxSanitised is the longest sanitised part before the hash.
	maxSanitised = 64
	// hashLen is the number of hex digits of the hash of a changed name.
	hashLen = 12
)

// reservedStems are names that must not be used as they are: index would
// collide with the run's index.html, the others are device names on Windows,
// where the part before the first dot is what counts.
var reservedStems = map[string]bool{
	"index": true, "con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true,
	"com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true,
	"lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// FileStem returns the file name stem for r's files, without extension: the
// site's domain, or its input when the domain is unknown.
//
// A name made of lowercase ASCII letters, digits, dots and hyphens, that
// starts with a letter or digit, has no "..", does not end in a dot, is at
// most 100 bytes long and is not reserved, is used as it is
// ("shop.example"). Any other name is sanitised, shortened, and suffixed
// with "_" and a hash of the original ("https-shop.example_1a2b3c4d5e6f").
// Unchanged names never contain "_", so distinct names give distinct stems.
//
// A run that scans two inputs on one domain sets [Report.Stem] to tell
// their files apart; FileStem then returns it.
func FileStem(r *Report) string {
	if r.Stem != "" {
		return r.Stem
	}
	name := r.Site.Domain
	if name == "" {
		name = r.Site.Input
	}
	if isSafeStem(name) {
		return name
	}
	sum := sha256.Sum256([]byte(name))
	return sanitise(name) + "_" + hex.EncodeToString(sum[:])[:hashLen]
}

func isSafeStem(name string) bool {
	if name == "" || len(name) > maxStem || !isAlnum(name[0]) {
		return false
	}
	if strings.Contains(name, "..") || strings.HasSuffix(name, ".") {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !isAlnum(c) && c != '.' && c != '-' {
			return false
		}
	}
	first, _, _ := strings.Cut(name, ".")
	return !reservedStems[first]
}

// sanitise maps name to lowercase letters, digits, single dots and single
// hyphens, starting and ending with a letter or digit, at most maxSanitised
// bytes; "site" when nothing is left, and prefixed with "site-" when it
// would start with a reserved name.
func sanitise(name string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(name) {
		switch {
		case c < 0x80 && isAlnum(byte(c)):
			b.WriteRune(c)
		case c == '.' && !endsWithSep(&b):
			b.WriteByte('.')
		case !endsWithSep(&b):
			b.WriteByte('-')
		}
	}
	s := b.String()
	if len(s) > maxSanitised {
		s = s[:maxSanitised]
	}
	s = strings.Trim(s, ".-")
	if s == "" {
		return "site"
	}
	if first, _, _ := strings.Cut(s, "."); reservedStems[first] {
		return "site-" + s
	}
	return s
}

func endsWithSep(b *strings.Builder) bool {
	s := b.String()
	return s != "" && (s[len(s)-1] == '.' || s[len(s)-1] == '-')
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
}
