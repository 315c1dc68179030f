package encode

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

const (
	email = "Ada.Lovelace+lab@Mailbox.example"
	chat  = `Hello, is the "Oak" table 120 cm wide? Größe?`
)

func sha256Hex(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }

// findOne runs a matcher for one value over text and returns its matches
// as "form runes whole" strings.
func findOne(v Value, text string) []string {
	var out []string
	for _, m := range NewMatcher([]Value{v}).Find([]byte(text)) {
		out = append(out, fmt.Sprintf("%s %d %v", m.Form, m.Runes, m.Whole))
	}
	return out
}

func TestMatcherForms(t *testing.T) {
	low := strings.ToLower(strings.TrimSpace(email))
	md5Sum, sha1Sum := md5.Sum([]byte(low)), sha1.Sum([]byte(email))
	sha512Sum := sha512.Sum512([]byte(low))
	sha256Raw := sha256.Sum256([]byte(low))
	n := len(email) // ASCII: runes == bytes
	tests := []struct {
		name, text string
		want       []string
	}{
		{"plain", `{"email":"` + email + `"}`, []string{fmt.Sprintf("plain %d true", n)}},
		{"lower-cased", "em=" + strings.ToLower(email), []string{fmt.Sprintf("plain %d true", n)}},
		{"encodeURIComponent", "?e=" + strings.NewReplacer("+", "%2B", "@", "%40").Replace(email),
			[]string{fmt.Sprintf("url %d true", n)}},
		{"query escape", "?e=" + url.QueryEscape(email), []string{fmt.Sprintf("url %d true", n)}},
		{"base64 whole", "d=" + base64.StdEncoding.EncodeToString([]byte(email)),
			[]string{fmt.Sprintf("base64 %d true", n)}},
		{"base64 mid-string, offset 1", base64.StdEncoding.EncodeToString([]byte("x" + email + "!")),
			[]string{fmt.Sprintf("base64 %d true", n)}},
		{"base64 mid-string, offset 2", base64.StdEncoding.EncodeToString([]byte("xy" + email + "!")),
			[]string{fmt.Sprintf("base64 %d true", n)}},
		{"base64url mid-string", base64.RawURLEncoding.EncodeToString([]byte(`{"e":"` + email + `"}`)),
			[]string{fmt.Sprintf("base64 %d true", n)}},
		{"hex", "h=" + hex.EncodeToString([]byte(email)), []string{fmt.Sprintf("hex %d true", n)}},
		{"HEX", "h=" + strings.ToUpper(hex.EncodeToString([]byte(email))),
			[]string{fmt.Sprintf("hex %d true", n)}},
		{"sha256 of normalised", "ud[em]=" + sha256Hex(low) + "&ev=PageView",
			[]string{fmt.Sprintf("sha256 %d true", n)}},
		{"sha256 as base64", "h=" + base64.StdEncoding.EncodeToString(sha256Raw[:]),
			[]string{fmt.Sprintf("sha256+base64 %d true", n)}},
		{"md5", "m=" + hex.EncodeToString(md5Sum[:]), []string{fmt.Sprintf("md5 %d true", n)}},
		{"sha1 of value as typed", "s=" + hex.EncodeToString(sha1Sum[:]),
			[]string{fmt.Sprintf("sha1 %d true", n)}},
		{"SHA512 upper-case hex", "s=" + strings.ToUpper(hex.EncodeToString(sha512Sum[:])),
			[]string{fmt.Sprintf("sha512 %d true", n)}},
		{"url then base64", "q=" + base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(email))),
			[]string{fmt.Sprintf("url+base64 %d true", n)}},
		{"absent", "nothing to see here: ada lovelace", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := findOne(Value{Text: email}, tt.text)
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("matches = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMatcherJSONEscapes(t *testing.T) {
	n := len([]rune(chat))
	for name, text := range map[string]string{
		"JSON.stringify": `{"draft":"Hello, is the \"Oak\" table 120 cm wide? Größe?"}`,
		"ASCII JSON":     `{"draft":"Hello, is the \"Oak\" table 120 cm wide? Gr\u00f6\u00dfe?"}`,
	} {
		got := findOne(Value{Text: chat}, text)
		if want := fmt.Sprintf("json %d true", n); len(got) != 1 || got[0] != want {
			t.Errorf("%s: matches = %q, want [%s]", name, got, want)
		}
	}
}

func TestMatcherPrefixes(t *testing.T) {
	v := Value{Text: "velvet armchair", MinPrefix: 8}
	tests := []struct {
		name, text string
		want       []string
	}{
		{"long prefix", `{"draft":"velvet armc"}`, []string{"plain 11 false"}},
		{"prefix too short", `{"draft":"velvet "}`, nil},
		{"prefix at the minimum", `{"draft":"velvet a"}`, []string{"plain 8 false"}},
		{"url-encoded prefix", `q=velvet%20arm`, []string{"url 10 false"}},
		{"base64 of a prefix", "d=" + base64.StdEncoding.EncodeToString([]byte("velvet armch")),
			[]string{"base64 12 false"}},
		{"whole beats prefix", `a=velvet+ar&b=velvet+armchair`, []string{"url 15 true"}},
		{"sha256 of a prefix", "h=" + sha256Hex("velvet armcha"), []string{"sha256 13 false"}},
		{"sha256 of a short prefix", "h=" + sha256Hex("velvet"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := findOne(v, tt.text)
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("matches = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMatcherShortValuesOnlyAsDigests(t *testing.T) {
	v := Value{Text: "Ab1"}
	if got := findOne(v, "x=Ab1&y=QWIx"); got != nil {
		t.Errorf("a 3-rune value matched as text: %q", got)
	}
	if got := findOne(v, "h="+sha256Hex("ab1")); len(got) != 1 || got[0] != "sha256 3 true" {
		t.Errorf("digest of a short value: %q", got)
	}
}

func TestMatcherSeveralValues(t *testing.T) {
	m := NewMatcher([]Value{{Text: "jane.doe@shop.example"}, {Text: "Jane Doe"}})
	got := m.Find([]byte(`{"e":"jane.doe@shop.example","n":"Jane%20Doe"}`))
	if len(got) != 2 || got[0].Value != 0 || got[0].Form != Plain ||
		got[1].Value != 1 || got[1].Form != URL {
		t.Fatalf("matches = %+v", got)
	}
	if s := `{"e":"jane.doe@shop.example"`; got[0].Start != 6 || got[0].End != len(s)-1 {
		t.Errorf("e-mail match at [%d,%d)", got[0].Start, got[0].End)
	}
}

func TestMatcherPrefixBeforeEscapesIsPlain(t *testing.T) {
	// The URL and JSON forms of the address agree with the plain one up
	// to the "@": a prefix that stops before it is plain text.
	v := Value{Text: "jane.doe@shop.example", MinPrefix: 6}
	if got := findOne(v, "u=jane.doe&x=1"); len(got) != 1 || got[0] != "plain 8 false" {
		t.Errorf("matches = %q, want [plain 8 false]", got)
	}
	// Find reports the best match per form; callers pick among them.
	got := findOne(v, "u=jane.doe%40sh")
	if strings.Join(got, ",") != "plain 8 false,url 11 false" {
		t.Errorf("matches = %q, want [plain 8 false, url 11 false]", got)
	}
}
