package encode

import (
	"bytes"
	"cmp"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/andybalholm/brotli"
)

const events = `[{"type":3,"data":{"source":5,"text":"Ada.Lovelace+lab@Mailbox.example","id":42}}]`

func gzipped(t testing.TB, s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zlibbed(t testing.TB, s string) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func deflated(t testing.TB, s string) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func brotlied(t testing.TB, s string) []byte {
	var b bytes.Buffer
	w := brotli.NewWriter(&b)
	w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// stepsHolding returns the steps of every layer that holds want, joined by
// "+" in the order undone.
func stepsHolding(layers []Layer, want string) []string {
	var out []string
	for _, l := range layers {
		if bytes.Contains(l.Data, []byte(want)) {
			out = append(out, strings.Join(l.Steps, "+"))
		}
	}
	return out
}

func TestExpandChains(t *testing.T) {
	vs := readLZVectors(t)
	lzBytes, _ := base64.StdEncoding.DecodeString(vs[0].BytesBase64)
	multipart := append([]byte("--b\r\nContent-Disposition: form-data; name=\"segment\"\r\n"+
		"Content-Type: application/octet-stream\r\n\r\n"), zlibbed(t, events)...)
	multipart = append(multipart, "\r\n--b--\r\n"...)
	inner, _ := json.Marshal(map[string]string{"data": events})
	outer, _ := json.Marshal(map[string]string{"payload": string(inner)})
	needle := "Ada.Lovelace+lab@Mailbox.example"

	raw, rawText := "", ""
	for _, v := range vs {
		text := string(utf16.Decode(v.RawUnits))
		if len(v.Text) >= 10 && !strings.ContainsRune(text, '\uFFFD') {
			raw, rawText = text, v.Text[:10]
			break
		}
	}
	tests := []struct {
		name    string
		payload []byte
		want    string // the fewest steps that reveal the needle
		needle  string // when not the e-mail address
	}{
		{"plain", []byte(events), "", ""},
		{"gzip body", gzipped(t, events), "gzip", ""},
		{"gzip then base64 inside JSON",
			[]byte(`{"v":1,"b":"` + base64.StdEncoding.EncodeToString(gzipped(t, events)) + `"}`),
			"base64+gzip", ""},
		{"zlib part of a multipart body", multipart, "deflate", ""},
		{"raw deflate", deflated(t, events), "deflate", ""},
		{"brotli", brotlied(t, events), "brotli", ""},
		{"url-encoded " +
			"query", []byte("https://c.example/i?e=" + url.QueryEscape(events)), "url", ""},
		{"JSON inside JSON", outer, "", ""},
		{"quotes in JSON inside JSON", outer, "json+json", `"text":"Ada.Lovelace`},
		{"lz-string base64 in JSON", []byte(`{"p":"` + vs[0].Base64 + `"}`), "lz-string", ""},
		{"lz-string URI form in a " +
			"query", []byte("https://c.example/f?d=" + vs[0].URI), "lz-string", ""},
		{"lz-string UTF-16 body", []byte(vs[0].UTF16), "lz-string", ""},
		{"lz-string bytes", lzBytes, "lz-string", ""},
		{"lz-string raw as text", []byte(raw), "lz-string", rawText},
		{"base64url of gzip", []byte(base64.RawURLEncoding.EncodeToString(gzipped(t, events))),
			"base64+gzip", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := cmp.Or(tt.needle, needle)
			if strings.HasPrefix(tt.name, "lz-string") && tt.needle == "" {
				text = "Ada.Lovelace+lab@mailbox.example"
			}
			got := stepsHolding(Expand(tt.payload, Limits{}), text)
			if len(got) == 0 || got[0] != tt.want {
				t.Errorf("layers holding the value: %q, want first %q", got, tt.want)
			}
		})
	}
}

func TestExpandDepth(t *testing.T) {
	triple := []byte(url.QueryEscape(url.QueryEscape(url.QueryEscape(events))))
	if got := stepsHolding(Expand(triple, Limits{}), "lab@Mailbox"); len(got) != 0 {
		t.Errorf("three chained steps were undone: %q", got)
	}
	deep := DefaultLimits
	deep.Depth = 3
	got := stepsHolding(Expand(triple, deep), "lab@Mailbox")
	if len(got) == 0 || got[0] != "url+url+url" {
		t.Errorf("with depth 3: %q", got)
	}
}

func TestExpandBoundsBombs(t *testing.T) {
	bomb := gzipped(t, strings.Repeat("\x00", 32<<20))
	if len(bomb) > 64<<10 {
		t.Fatalf("bomb is %d bytes", len(bomb))
	}
	layers := Expand(bomb, Limits{})
	limit := DefaultLimits.outputCap(len(bomb))
	if limit >= 32<<20 {
		t.Fatalf("cap %d does not bound the bomb", limit)
	}
	for _, l := range layers[1:] {
		if len(l.Data) > limit {
			t.Errorf("layer %q has %d bytes, over the cap of %d", l.Steps, len(l.Data), limit)
		}
	}
	if len(layers) < 2 || len(layers[1].Data) != limit {
		t.Errorf("the bomb was not decompressed up to its cap")
	}

	small := Limits{MaxOutput: 1000, Ratio: 1, MaxTotal: 1 << 20, MaxLayers: 8, Depth: 2}
	for _, l := range Expand(gzipped(t, strings.Repeat("abc", 100000)), small)[1:] {
		if len(l.Data) > 1000 {
			t.Errorf("MaxOutput broken: %d bytes", len(l.Data))
		}
	}
}

func TestExpandBoundsLayers(t *testing.T) {
	var b strings.Builder
	for i := range 500 {
		word := strings.Repeat(string(rune('a'+i%26)), 20+i)
		b.WriteString(base64.StdEncoding.EncodeToString([]byte(word)))
		b.WriteByte(',')
	}
	lim := Limits{MaxOutput: 1 << 20, Ratio: 256, MaxTotal: 50000, MaxLayers: 40, Depth: 2}
	layers := Expand([]byte(b.String()), lim)
	total := 0
	for _, l := range layers {
		total += len(l.Data)
	}
	if len(layers) > 40 || total > 50000 {
		t.Errorf("%d layers, %d bytes; want at most 40 and 50000", len(layers), total)
	}
}

func TestExpandKeepsTruncatedStreams(t *testing.T) {
	var b strings.Builder
	for i := range 4000 {
		fmt.Fprintf(&b, `{"i":%d,"t":%d},`, i, i*i%7919)
	}
	long := events + b.String()
	for name, z := range map[string][]byte{
		"gzip": gzipped(t, long), "zlib": zlibbed(t, long), "deflate": deflated(t, long),
	} {
		cut := z[:len(z)*2/3]
		if got := stepsHolding(Expand(cut, Limits{}), "Mailbox"); len(got) == 0 {
			t.Errorf("%s cut short: nothing decoded", name)
		}
	}
}

func TestExpandMalformed(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	junk := make([]byte, 64<<10)
	for i := range junk {
		junk[i] = byte(rng.Uint32())
	}
	gz := gzipped(t, events)
	for name, p := range map[string][]byte{
		"random bytes":      junk,
		"gzip header only":  gz[:10],
		"corrupt gzip":      append(append([]byte{}, gz[:12]...), junk[:200]...),
		"broken base64":     []byte(`{"b":"H4sIAAAAAAAA%%%/` + strings.Repeat("A", 30) + `==="}`),
		"lone escapes":      []byte(`\u12 \x %zz %4 \`),
		"zlib magic in gif": append([]byte("GIF89a\x78\x9c"), junk[:100]...),
	} {
		layers := Expand(p, Limits{})
		if len(layers) == 0 || !bytes.Equal(layers[0].Data, p) {
			t.Errorf("%s: the payload itself is not the first layer", name)
		}
		for _, l := range layers[1:] {
			if len(l.Steps) == 0 || len(l.Steps) > 2 {
				t.Errorf("%s: layer with steps %q", name, l.Steps)
			}
		}
	}
}

func TestPercentAndJSONUnescape(t *testing.T) {
	got, ok := PercentDecode([]byte("a%20b+c%2Bd%zz%4"), true)
	if !ok || string(got) != "a b c+d%zz%4" {
		t.Errorf("PercentDecode = %q, %v", got, ok)
	}
	got, ok = JSONUnescape([]byte(`x \"q\" \u00e9\ud83d\uded2 \/ \n \q`))
	if !ok || string(got) != "x \"q\" é🛒 / \n \\q" {
		t.Errorf("JSONUnescape = %q, %v", got, ok)
	}
	if _, ok := JSONUnescape([]byte("no escapes")); ok {
		t.Error("JSONUnescape changed a text without escapes")
	}
}
