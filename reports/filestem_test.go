package reports

import (
	"regexp"
	"strings"
	"testing"
)

// stemPattern is the shape of every stem: a lowercase letter or digit, then
// letters, digits, hyphens and single dots not at the end, optionally "_"
// and a 12-digit hash.
var stemPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]|\.[a-z0-9-])*(_[0-9a-f]{12})?$`)

func stemOf(domain, input string) string {
	return FileStem(&Report{Site: Site{Domain: domain, Input: input}})
}

func TestFileStem(t *testing.T) {
	tests := []struct {
		name, domain, input string
		want                string // exact stem, or its prefix before "_" when hashed
		hashed              bool
	}{
		{"domain", "shop.example", "https://www.shop.example/", "shop.example", false},
		{"punycode domain", "xn--bcher-kva.example", "", "xn--bcher-kva.example", false},
		{"input when no domain", "", "down.example", "down.example", false},
		{"url input", "", "https://down.example/a?b=1", "https-down.example-a-b-1", true},
		{"traversal", "../../etc/passwd", "", "etc-passwd", true},
		{"windows traversal", `..\..\windows\win.ini`, "", "windows-win.ini", true},
		{"absolute", "/etc/passwd", "", "etc-passwd", true},
		{"dots only", "..", "", "site", true},
		{"empty", "", "", "site", true},
		{"unicode", "bücher.example", "", "b-cher.example", true},
		{"upper case", "Shop.Example", "", "shop.example", true},
		{"trailing dot", "shop.example.", "", "shop.example", true},
		{"leading hyphen", "-rf", "", "rf", true},
		{"nul byte", "a\x00b.example", "", "a-b.example", true},
		{"invalid utf-8", "a\xffb.example", "", "a-b.example", true},
		{"underscore", "a_b.example", "", "a-b.example", true},
		{"index page", "index", "", "site-index", true},
		{"windows device", "con.example", "", "site-con.example", true},
		{"very long", strings.Repeat("a", 300) + ".example", "",
			strings.Repeat("a", maxSanitised), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := stemOf(tt.domain, tt.input)
			if !stemPattern.MatchString(got) {
				t.Errorf("FileStem = %q, not a safe stem", got)
			}
			prefix, hash, hashed := strings.Cut(got, "_")
			if prefix != tt.want || hashed != tt.hashed {
				t.Errorf("FileStem = %q, want %q (hashed: %v)", got, tt.want, tt.hashed)
			}
			if hashed && len(hash) != hashLen {
				t.Errorf("FileStem = %q, want a %d-digit hash", got, hashLen)
			}
			if len(got) > maxStem {
				t.Errorf("FileStem = %q is %d bytes, want at most %d", got, len(got), maxStem)
			}
		})
	}
}

func TestFileStemDistinct(t *testing.T) {
	// Names that sanitise to the same text, and a safe name that looks like
	// a sanitised one, must still get distinct stems.
	names := []string{
		"a.b", "A.b", "a.B", "a..b", "a/b", `a\b`, "a b", "a_b", "a-b", "a.b.",
		"a-b_000000000000", "", ".", "..", "/", "site", "index", "Index",
		strings.Repeat("x", 300), strings.Repeat("x", 301),
		strings.Repeat("x", 100), strings.Repeat("x", 101),
	}
	seen := map[string]string{}
	for _, name := range names {
		stem := stemOf(name, "")
		if other, ok := seen[stem]; ok {
			t.Errorf("FileStem(%q) = FileStem(%q) = %q", name, other, stem)
		}
		seen[stem] = name
	}
}

func FuzzFileStem(f *testing.F) {
	for _, seed := range []string{"shop.example", "../../etc/passwd", "", "ü", "a/b\\c"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := stemOf(name, "")
		if !stemPattern.MatchString(got) || len(got) > maxStem {
			t.Errorf("FileStem(%q) = %q, not a safe stem", name, got)
		}
		if !strings.Contains(got, "_") && got != name {
			t.Errorf("FileStem(%q) = %q changed the name without a hash", name, got)
		}
	})
}
