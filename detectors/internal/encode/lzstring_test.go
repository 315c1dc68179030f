package encode

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf16"
)

// lzVector is one text and its five lz-string forms, as made by the
// lz-string package from npm (testdata/lzstring.json; the raw form is kept
// as UTF-16 units because it may hold lone surrogates).
type lzVector struct {
	Text        string   `json:"text"`
	Base64      string   `json:"base64"`
	URI         string   `json:"uri"`
	UTF16       string   `json:"utf16"`
	RawUnits    []uint16 `json:"raw_units"`
	BytesBase64 string   `json:"bytes_base64"`
}

func readLZVectors(t *testing.T) []lzVector {
	t.Helper()
	b, err := os.ReadFile("testdata/lzstring.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []lzVector
	if err := json.Unmarshal(b, &vs); err != nil {
		t.Fatal(err)
	}
	if len(vs) < 4 {
		t.Fatalf("only %d vectors", len(vs))
	}
	return vs
}

func TestLZStringForms(t *testing.T) {
	const max = 1 << 20
	for _, v := range readLZVectors(t) {
		name := v.Text[:min(len(v.Text), 12)]
		bytesForm, err := base64.StdEncoding.DecodeString(v.BytesBase64)
		if err != nil {
			t.Fatal(err)
		}
		forms := map[string]func() ([]byte, bool){
			"base64": func() ([]byte, bool) { return LZStringBase64([]byte(v.Base64), max) },
			"uri":    func() ([]byte, bool) { return LZStringURI([]byte(v.URI), max) },
			"utf16":  func() ([]byte, bool) { return LZStringUTF16([]byte(v.UTF16), max) },
			"bytes":  func() ([]byte, bool) { return LZStringBytes(bytesForm, max) },
			"raw": func() ([]byte, bool) {
				out, ok := lzDecompress(v.RawUnits, 16, max)
				return []byte(string(utf16.Decode(out))), ok
			},
		}
		for form, decode := range forms {
			got, ok := decode()
			if !ok || string(got) != v.Text {
				t.Errorf("%s %q: got %q, %v; want %q", form, name, got, ok, v.Text)
			}
		}
	}
}

func TestLZStringRawAsUTF8(t *testing.T) {
	// The raw form sent as text survives when it holds no lone surrogate;
	// at least one vector is such.
	tried := 0
	for _, v := range readLZVectors(t) {
		text := string(utf16.Decode(v.RawUnits))
		if strings.ContainsRune(text, '\uFFFD') {
			continue
		}
		tried++
		got, ok := LZStringRaw([]byte(text), 1<<20)
		if !ok || string(got) != v.Text {
			t.Errorf("LZStringRaw = %q, %v; want %q", got, ok, v.Text)
		}
	}
	if tried == 0 {
		t.Fatal("every vector's raw form holds a lone surrogate")
	}
}

func TestLZStringCapsOutput(t *testing.T) {
	v := readLZVectors(t)[3] // "abab..." compresses well
	got, ok := LZStringBase64([]byte(v.Base64), 10)
	if !ok || string(got) != v.Text[:10] {
		t.Errorf("capped output = %q, %v; want %q", got, ok, v.Text[:10])
	}
}

func TestLZStringRejectsOtherData(t *testing.T) {
	for name, in := range map[string]string{
		"plain words":   "Hello there, this is not compressed at all, just words",
		"base64 of gif": "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7AAAAAAAAAAAA",
		"hex id":        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
	} {
		if out, ok := LZStringBase64([]byte(in), 1<<20); ok && len(out) > 16 {
			t.Errorf("%s decoded as lz-string to %q", name, out)
		}
	}
}
