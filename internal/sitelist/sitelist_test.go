package sitelist

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in, url, fallback string
		err                     error
	}{
		{"bare domain", "Shop.Example", "https://shop.example/", "http://shop.example/", nil},
		{"bare with path", "shop.example/sale?x=1", "https://shop.example/sale?x=1",
			"http://shop.example/sale?x=1", nil},
		{"full https", "https://shop.example/a#frag", "https://shop.example/a", "", nil},
		{"http with port", "http://127.0.0.1:8080", "http://127.0.0.1:8080/", "", nil},
		{"ftp", "ftp://shop.example/", "", "", ErrScheme},
		{"javascript", "javascript:alert(1)", "", "", ErrScheme},
		{"mistyped scheme", "htp:/shop.example", "", "", ErrScheme},
		{"mailto", "mailto:shop@shop.example", "", "", ErrScheme},
		{"bare with port", "shop.example:8443", "https://shop.example:8443/",
			"http://shop.example:8443/", nil},
		{"spaces in host", "shop example.com", "", "", nil},
		{"empty host", "https:///path", "", "", ErrHost},
		{"bad label", "https://-shop.example/", "", "", ErrHost},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _, err := Parse(tt.in)
			if tt.url == "" {
				if err == nil {
					t.Fatalf("Parse(%q) = %+v, want an error", tt.in, e)
				}
				if tt.err != nil && !errors.Is(err, tt.err) {
					t.Fatalf("Parse(%q) error = %v, want %v", tt.in, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if e.URL != tt.url || e.Fallback != tt.fallback {
				t.Errorf("Parse(%q) = %q, %q; want %q, %q", tt.in, e.URL, e.Fallback, tt.url, tt.fallback)
			}
		})
	}
}

func TestReadLines(t *testing.T) {
	in := "# a sector\n\nshop.example\nhttps://shop.example/\n  ftp://x.example/ \nother.example\n" +
		"http://shop.example\n"
	got, bad, err := Read(strings.NewReader(in), "sites.txt")
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, e := range got {
		urls = append(urls, e.URL)
	}
	if want := "https://shop.example/ https://other.example/"; strings.Join(urls, " ") != want {
		t.Errorf("entries = %v, want %s", urls, want)
	}
	if len(bad) != 1 || bad[0].Line != 5 || !errors.Is(bad[0], ErrScheme) {
		t.Fatalf("bad = %v, want one scheme error on line 5", bad)
	}
	if !strings.Contains(bad[0].Error(), "sites.txt:5") {
		t.Errorf("error %q does not name the line", bad[0].Error())
	}
}

func TestReadCSV(t *testing.T) {
	in := "name,URL,sector\nLux,luxe.example,fashion\n" +
		"Bad,\"not a host!\",beauty\nGro,grocer.example,\n"
	got, bad, err := Read(strings.NewReader(in), "sites.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Sector != "fashion" || got[1].URL != "https://grocer.example/" {
		t.Fatalf("entries = %+v", got)
	}
	if len(bad) != 1 || bad[0].Line != 3 {
		t.Fatalf("bad = %v, want one error on line 3", bad)
	}
}

func TestReadCSVWithoutURLColumn(t *testing.T) {
	_, _, err := Read(strings.NewReader("site,sector\nhttp://a.example/,x\n"), "x.csv")
	if !errors.Is(err, ErrNoURL) {
		t.Fatalf("Read = %v, want %v", err, ErrNoURL)
	}
}

func TestReadTrailingComment(t *testing.T) {
	got, bad, err := Read(strings.NewReader(
		"shop.example   # the flagship\nhttps://b.example/#top\n"), "s")
	if err != nil || len(bad) != 0 || len(got) != 2 {
		t.Fatalf("Read = %+v, %v, %v", got, bad, err)
	}
	if got[0].URL != "https://shop.example/" || got[1].URL != "https://b.example/" {
		t.Errorf("urls = %q, %q", got[0].URL, got[1].URL)
	}
}

func TestReadLongLine(t *testing.T) {
	in := "ok.example\n" + strings.Repeat("a", maxLine+10) + "\n"
	got, _, err := Read(strings.NewReader(in), "big.txt")
	if err == nil {
		t.Fatal("want an error for a line over the limit")
	}
	if len(got) != 1 {
		t.Errorf("entries before the long line = %d, want 1", len(got))
	}
}
