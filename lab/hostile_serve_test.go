package lab

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"
)

// readFor reads resp's body for d, or until it ends, and returns what came
// and whether the body ended.
func readFor(t *testing.T, body io.Reader, d time.Duration) (got []byte, ended bool) {
	t.Helper()
	type chunk struct {
		b   []byte
		err error
	}
	ch := make(chan chunk)
	go func() {
		for {
			buf := make([]byte, 32<<10)
			n, err := body.Read(buf)
			ch <- chunk{buf[:n], err}
			if err != nil {
				return
			}
		}
	}()
	deadline := time.After(d)
	for {
		select {
		case c := <-ch:
			got = append(got, c.b...)
			if c.err != nil {
				return got, true
			}
		case <-deadline:
			// The reader goroutine ends when the caller cancels the request.
			go func() {
				for c := range ch {
					if c.err != nil {
						return
					}
				}
			}()
			return got, false
		}
	}
}

func TestHostileNeverLoads(t *testing.T) {
	l := startLab(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://never-loads.example/", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := l.Client().Do(req)
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200", resp.StatusCode)
	}

	// Within 5 s the head and the links arrive, then blank lines, and
	// never the end of the page.
	got, ended := readFor(t, resp.Body, 5*time.Second)
	cancel()
	resp.Body.Close()
	page := string(got)
	if ended {
		t.Fatalf("the page ended within 5 s:\n%s", page)
	}
	for _, want := range []string{"openfpcdn.io/fingerprintjs", `href="/p/canvas-tote"`,
		"More offers are on their way"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page so far lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "All offers are here") || strings.Contains(page, "</html>") {
		t.Errorf("the rest of the page was sent:\n%s", page)
	}
	_, after, _ := strings.Cut(page, "More offers are on their way…</p>\n")
	if blank := strings.Count(after, "\n"); blank < 2 || strings.TrimSpace(after) != "" {
		t.Errorf("after the held part came %q, want 2 or more blank lines", after)
	}

	// Its other pages load in full.
	r2, body := get(t, l, "https://never-loads.example/c/sale")
	if r2.StatusCode != http.StatusOK || !strings.Contains(body, "All offers are here") ||
		strings.Contains(body, splitMark) {
		t.Errorf("other page: %d\n%s", r2.StatusCode, body)
	}
}

// TestHostileCloseEndsHeldAnswers checks that closing the lab ends the
// answers that would otherwise last minutes.
func TestHostileCloseEndsHeldAnswers(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	l, err := Start(ctx, Options{Root: "..", Logger: zap.NewNop()})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	resp, err := l.Client().Get("https://never-loads.example/")
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	defer resp.Body.Close()
	if _, ended := readFor(t, resp.Body, 300*time.Millisecond); ended {
		t.Fatal("the page ended before the lab closed")
	}

	start := time.Now()
	closeCtx, cancelClose := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancelClose()
	if err := l.Close(closeCtx); err != nil {
		t.Errorf("Close: %v", err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("Close took %s with a held answer open", took)
	}
}

func TestHostileRedirects(t *testing.T) {
	l := startLab(t)
	var shop Site
	for _, s := range l.Sites() {
		if s.Kind == KindShop {
			shop = s
			break
		}
	}
	cases := []struct {
		name  string
		start string
		hops  []string // each Location, in order
		codes []int
	}{
		{"loop", "https://redirect-loop.example/",
			[]string{"/loop/a", "/loop/b", "/", "/loop/a"}, []int{302, 302, 302, 302}},
		{"loop from any path", "https://redirect-loop.example/p/x",
			[]string{"/loop/a"}, []int{302}},
		{"moved away", "https://moved-away.example/",
			[]string{"https://www." + shop.Host + "/", shop.URL}, []int{301, 301}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u := tc.start
			for i, want := range tc.hops {
				resp, _ := get(t, l, u)
				loc := resp.Header.Get("Location")
				if resp.StatusCode != tc.codes[i] || loc != want {
					t.Fatalf("hop %d from %s: %d to %q, want %d to %q", i, u,
						resp.StatusCode, loc, tc.codes[i], want)
				}
				next, err := resp.Request.URL.Parse(loc)
				if err != nil {
					t.Fatal(err)
				}
				u = next.String()
			}
		})
	}
	if resp, _ := get(t, l, shop.URL); resp.StatusCode != http.StatusOK {
		t.Errorf("the moved-away target %s: status %d", shop.URL, resp.StatusCode)
	}
}

func TestHostileHugePage(t *testing.T) {
	l := startLab(t)
	resp, err := l.Client().Get("https://huge-page.example/")
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	defer resp.Body.Close()

	// Keep the start and the end; count the rest.
	var head, tail []byte
	var n int64
	buf := make([]byte, 1<<20)
	for {
		k, err := resp.Body.Read(buf)
		if len(head) < 4096 {
			head = append(head, buf[:min(k, 4096-len(head))]...)
		}
		tail = append(tail, buf[:k]...)
		if len(tail) > 4096 {
			tail = tail[len(tail)-4096:]
		}
		n += int64(k)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("reading after %d bytes: %v", n, err)
		}
	}
	if n < hugePadding {
		t.Errorf("page is %d bytes, want at least %d", n, hugePadding)
	}
	if cl := resp.Header.Get("Content-Length"); cl != strconv.FormatInt(n, 10) {
		t.Errorf("Content-Length = %q, read %d", cl, n)
	}
	for _, want := range []string{"openfpcdn.io/fingerprintjs", `href="/p/canvas-tote"`,
		`<script type="application/json" id="catalogue">[{"sku":"EV-000001"`} {
		if !bytes.Contains(head, []byte(want)) {
			t.Errorf("the first 4 KiB lack %q", want)
		}
	}
	if !bytes.Contains(tail, []byte(`{"sku":"EV-END"}]</script>`)) ||
		!bytes.HasSuffix(bytes.TrimSpace(tail), []byte("</html>")) {
		t.Errorf("the page does not end with the catalogue and </html>: %q", tail[len(tail)-200:])
	}

	// The catalogue is JSON: a chunk and the closing item make an array.
	chunk := catalogueChunk()
	arr := append(append([]byte("["), chunk...), `{"sku":"EV-END"}]`...)
	if !json.Valid(arr) {
		t.Error("the catalogue chunk is not valid JSON")
	}
}

func TestHostileFiles(t *testing.T) {
	l := startLab(t)
	cases := []struct {
		url, ctype, disposition string
	}{
		{"https://downloads.example/files/lookbook.zip", "application/zip",
			`attachment; filename="lookbook.zip"`},
		{"https://downloads.example/files/price-list.pdf", "application/pdf",
			`attachment; filename="price-list.pdf"`},
		{"https://download-only.example/", "application/zip",
			`attachment; filename="lookbook.zip"`},
		{"https://download-only.example/c/sale", "application/zip",
			`attachment; filename="lookbook.zip"`},
		{"https://not-html.example/", "application/pdf", `inline; filename="price-list.pdf"`},
	}
	for _, tc := range cases {
		resp, body := get(t, l, tc.url)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != tc.ctype ||
			resp.Header.Get("Content-Disposition") != tc.disposition {
			t.Errorf("%s: %d %q %q, want 200 %q %q", tc.url, resp.StatusCode,
				resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"),
				tc.ctype, tc.disposition)
		}
		switch tc.ctype {
		case "application/zip":
			checkZip(t, tc.url, body)
		case "application/pdf":
			checkPDF(t, tc.url, body)
		}
	}
	if resp, _ := get(t, l, "https://downloads.example/files/other.zip"); resp.StatusCode != 404 {
		t.Errorf("unknown file: status %d, want 404", resp.StatusCode)
	}
}

func checkZip(t *testing.T, name, body string) {
	t.Helper()
	zr, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
	if err != nil {
		t.Errorf("%s: not a zip: %v", name, err)
		return
	}
	if len(zr.File) != 1 || zr.File[0].Name != "lookbook.txt" {
		t.Errorf("%s: zip holds %v, want lookbook.txt", name, zr.File)
		return
	}
	f, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	text, err := io.ReadAll(f)
	if err != nil || !bytes.HasPrefix(text, []byte("Free Samples lookbook")) {
		t.Errorf("%s: lookbook.txt = %.40q, %v", name, text, err)
	}
}

// checkPDF checks the PDF's frame and that every cross-reference entry
// points at its object.
func checkPDF(t *testing.T, name, body string) {
	t.Helper()
	if !strings.HasPrefix(body, "%PDF-1.4\n") || !strings.HasSuffix(body, "%%EOF\n") {
		t.Errorf("%s: not framed as a PDF", name)
		return
	}
	entry := regexp.MustCompile(`(\d{10}) 00000 n `)
	offsets := entry.FindAllStringSubmatch(body, -1)
	if len(offsets) != 5 {
		t.Errorf("%s: %d cross-reference entries, want 5", name, len(offsets))
	}
	for i, m := range offsets {
		off, _ := strconv.Atoi(m[1])
		if want := fmt.Sprintf("%d 0 obj", i+1); !strings.HasPrefix(body[off:], want) {
			t.Errorf("%s: entry %d points at %.12q, want %q", name, i+1, body[off:], want)
		}
	}
	start := regexp.MustCompile(`startxref\n(\d+)\n`).FindStringSubmatch(body)
	if start == nil {
		t.Errorf("%s: no startxref", name)
		return
	}
	if off, _ := strconv.Atoi(start[1]); !strings.HasPrefix(body[off:], "xref\n") {
		t.Errorf("%s: startxref points at %.8q", name, body[off:])
	}
}

func TestHostileStatuses(t *testing.T) {
	l := startLab(t)
	cases := []struct {
		url    string
		status int
		empty  bool
	}{
		{"https://status-404.example/", 404, false},
		{"https://status-404.example/p/canvas-tote", 404, false},
		{"https://status-500.example/", 500, false},
		{"https://status-503-empty.example/", 503, true},
		{"https://status-503-empty.example/cart", 503, true},
	}
	for _, tc := range cases {
		resp, body := get(t, l, tc.url)
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.url, resp.StatusCode, tc.status)
		}
		if tc.empty && (body != "" || resp.Header.Get("Retry-After") != "120") {
			t.Errorf("%s: body %q, Retry-After %q, want empty and 120", tc.url, body,
				resp.Header.Get("Retry-After"))
		}
		if !tc.empty && !strings.Contains(body, "openfpcdn.io/fingerprintjs") {
			t.Errorf("%s: the error page does not load its tracker:\n%s", tc.url, body)
		}
	}
}
