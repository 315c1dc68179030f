package reports

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/exposure-audit/exposure/findings"
)

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestIndexHTML(t *testing.T) {
	dir := writeRun(t)
	page := readFile(t, filepath.Join(dir, "index.html"))

	// Each fragment must appear, in this order.
	ordered := []string{
		"Scanned from 2025-03-04 09:00:00 UTC to 2025-03-04 09:01:00 UTC.",
		"“Not checked”\nmeans this version of exposure does not look for that finding yet.",
		// Sites by name, each with its input when that differs from the
		// domain, its verdicts and a link to its report. Session recording
		// is not checked, unless a report holds recorders.
		`<td class="site">clean.example</td>`,
		`<td class="good">no</td><td class="good">no</td><td class="unchecked">not checked</td>`,
		`<a href="clean.example.html">`,
		`<td class="site"><span class="input">down.example</span></td>`,
		`<td class="bad">failed</td>`, `<td class="unknown">not known</td>`,
		`<td class="unknown">not known</td><td class="unknown">not known</td>` +
			`<td class="unchecked">not checked</td>`,
		`<a href="down.example.html">`,
		`<td class="site">evil.example<br>`,
		`<span class="input">=HYPERLINK(&#34;http://127.0.0.1/x&#34;,&#34;click&#34;)</span>`,
		`<td class="bad">incomplete</td>`,
		`<td class="bad">yes</td><td class="unknown">not seen</td>` +
			`<td class="unchecked">not checked</td>`,
		`<a href="evil.example.html">`,
		`<td class="site">shop.example<br>`, `<span class="input">https://www.shop.example/</span>`,
		`<td class="n">3</td>`,
		`<td class="bad">yes</td><td class="bad">yes</td><td class="bad">yes</td>`,
		`<a href="shop.example.html">`,
		// The sector summary: all sites, then each sector.
		`<td>All sites</td><td class="n">4</td>`, "<td>2 of 3 (67%)</td>",
		`<td class="unchecked">1 of 3 seen, the rest not checked</td>`,
		"<td>fashion</td>", "<td>1 of 2 (50%)</td>", `<td class="n">1.5</td>`,
		"<td>grocery</td>", "<td>1 of 1 (100%)</td>", `<td class="unchecked">not checked</td>`,
		// Third parties on most sites, with their company.
		"<td>fullstory.com</td><td>FullStory</td>", "<td>2 of 3 (67%)</td>",
		"<td>fpjs.io</td><td>unknown</td>",
		"<td>google-analytics.com</td><td>Google</td>",
		// The ranking, without the failed scan, with inputs as in the table.
		"20 for session\nrecording (not checked by this version)",
		`<a href="shop.example.html">shop.example<br>`,
		"<span class=\"input\">https://www.shop.example/</span></a></td>\n<td class=\"n\">83</td>",
		`<a href="evil.example.html">evil.example<br>`, `<td class="n">16</td>`,
		"<a href=\"clean.example.html\">clean.example</a></td>\n<td class=\"n\">0</td>",
	}
	last := 0
	for _, want := range ordered {
		i := strings.Index(page[last:], want)
		if i < 0 {
			t.Fatalf("index.html lacks %q after offset %d", want, last)
		}
		last += i + len(want)
	}
	if strings.Contains(page[strings.Index(page, `id="ranking"`):], "down.example") {
		t.Error("the failed scan is ranked")
	}
}

func TestIndexLinksResolve(t *testing.T) {
	dir := writeRun(t)
	page := readFile(t, filepath.Join(dir, "index.html"))
	links := regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(page, -1)
	// One per site in the table, one per ranked (not failed) site.
	if want := len(fixtures()) + 3; len(links) != want {
		t.Errorf("index.html has %d links, want %d", len(links), want)
	}
	for _, l := range links {
		if _, err := os.Stat(filepath.Join(dir, l[1])); err != nil {
			t.Errorf("link %q: %v", l[1], err)
		}
	}
}

func TestIndexEscapesInput(t *testing.T) {
	r := New(Site{Input: `<b onclick="x()">shop</b>`}, Scan{Status: StatusOK},
		findings.Empty())
	dir := t.TempDir()
	if err := WriteIndex(dir, []*Report{r}); err != nil {
		t.Fatal(err)
	}
	page := readFile(t, filepath.Join(dir, "index.html"))
	if strings.Contains(page, "<b ") || strings.Contains(page, `onclick="`) {
		t.Error("index.html contains the input's markup")
	}
	want := `<td class="site"><span class="input">` +
		"&lt;b onclick=&#34;x()&#34;&gt;shop&lt;/b&gt;</span></td>"
	if !strings.Contains(page, want) {
		t.Errorf("index.html lacks %q", want)
	}
	if want := `href="` + FileStem(r) + `.html"`; !strings.Contains(page, want) {
		t.Errorf("index.html lacks %q", want)
	}
}

func TestIndexEmptyRun(t *testing.T) {
	dir := t.TempDir()
	if err := WriteIndex(dir, nil); err != nil {
		t.Fatal(err)
	}
	if page := readFile(t, filepath.Join(dir, "index.html")); !strings.Contains(page,
		"No sites in this run.") {
		t.Error("index.html of an empty run does not say so")
	}
	want := strings.Join(csvHeader, ",") + "\n"
	if got := readFile(t, filepath.Join(dir, "summary.csv")); got != want {
		t.Errorf("summary.csv = %q, want only the header %q", got, want)
	}
}

func TestIndexRejectsBadReports(t *testing.T) {
	tests := []struct {
		name string
		rs   []*Report
		want error
	}{
		{"nil", []*Report{cleanShop(), nil}, errNilReport},
		{"not built", []*Report{{Site: Site{Domain: "a.example"}}}, ErrSchema},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := WriteIndex(dir, tt.rs); !errors.Is(err, tt.want) {
				t.Errorf("WriteIndex error = %v, want %v", err, tt.want)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("WriteIndex left %d files after an error", len(entries))
			}
		})
	}
}

func TestShareString(t *testing.T) {
	tests := []struct {
		s    share
		want string
	}{
		{share{N: 0, Of: 0}, "–"},
		{share{N: 0, Of: 5}, "0 of 5 (0%)"},
		{share{N: 1, Of: 3}, "1 of 3 (33%)"},
		{share{N: 2, Of: 3}, "2 of 3 (67%)"},
		{share{N: 7, Of: 7}, "7 of 7 (100%)"},
		{share{N: 0, Of: 5, Unchecked: true}, "not checked"},
		{share{N: 0, Of: 0, Unchecked: true}, "not checked"},
		{share{N: 2, Of: 5, Unchecked: true}, "2 of 5 seen, the rest not checked"},
	}
	for _, tt := range tests {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("share%v = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestTopSharesLimitAndOrder(t *testing.T) {
	var rows []siteRow
	for _, domains := range [][]string{{"b.example", "a.example"}, {"a.example"}, {"c.example"}} {
		set := findings.Empty()
		for _, d := range domains {
			set.ThirdParties = append(set.ThirdParties, findings.ThirdPartyDomain{Domain: d})
		}
		rows = append(rows, siteRow{Report: New(Site{}, Scan{Status: StatusOK}, set),
			Known: true})
	}
	got := topShares(rows, 2)
	if len(got) != 2 || got[0].Domain != "a.example" || got[0].Sites != (share{N: 2, Of: 3}) ||
		got[1].Domain != "b.example" || got[1].Sites != (share{N: 1, Of: 3}) {
		t.Errorf("topShares = %+v, want a.example on 2 of 3, then b.example on 1 of 3", got)
	}
}

func TestIndexShowsInputs(t *testing.T) {
	long := "http://127.0.0.1:8080/" + strings.Repeat("x", 120)
	var rs []*Report
	for _, input := range []string{"127.0.0.1:8080/b", "127.0.0.1:8080/a", long} {
		r := New(Site{Input: input, Domain: "127.0.0.1"}, Scan{Status: StatusOK},
			findings.Empty())
		r.Stem = FileStem(&Report{Site: Site{Input: input}})
		rs = append(rs, r)
	}
	dir := t.TempDir()
	if err := WriteIndex(dir, rs); err != nil {
		t.Fatal(err)
	}
	page := readFile(t, filepath.Join(dir, "index.html"))
	sites := page[strings.Index(page, `id="sites"`):strings.Index(page, `id="summary"`)]

	// Inputs sort after the shared domain; the long one is cut to 80
	// characters, whole in its title.
	shown := long[:maxShown-1] + "…"
	ordered := []string{
		`<td class="site">127.0.0.1<br>` + "\n" + `<span class="input">127.0.0.1:8080/a</span>`,
		`<td class="site">127.0.0.1<br>` + "\n" + `<span class="input">127.0.0.1:8080/b</span>`,
		`<td class="site">127.0.0.1<br>` + "\n" + `<span class="input" title="` + long + `">` +
			shown + "</span>",
	}
	last := 0
	for _, want := range ordered {
		i := strings.Index(sites[last:], want)
		if i < 0 {
			t.Fatalf("sites table lacks %q after offset %d:\n%s", want, last, sites)
		}
		last += i + len(want)
	}
	if n := strings.Count(sites, ">"+long+"<"); n != 0 {
		t.Errorf("the long input is shown whole %d times", n)
	}
	if got := utf8.RuneCountInString(shown); got != maxShown {
		t.Errorf("shown input has %d characters, want %d", got, maxShown)
	}

	// The ranking tells the three apart the same way.
	ranking := page[strings.Index(page, `id="ranking"`):]
	for _, want := range []string{">127.0.0.1:8080/a</span>", ">127.0.0.1:8080/b</span>",
		">" + shown + "</span>"} {
		if !strings.Contains(ranking, want) {
			t.Errorf("ranking lacks %q", want)
		}
	}

	// Long unbroken strings wrap instead of widening the table.
	if !regexp.MustCompile(`td\.site \{[^}]*overflow-wrap: anywhere`).MatchString(
		readFile(t, filepath.Join(dir, "index.html"))) {
		t.Error("style lets long site cells widen the table")
	}
}

func TestShorten(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"short", "shop.example", "shop.example"},
		{"exactly the limit", strings.Repeat("a", maxShown), strings.Repeat("a", maxShown)},
		{"one over", strings.Repeat("a", maxShown+1), strings.Repeat("a", maxShown-1) + "…"},
		{"multibyte", strings.Repeat("ü", maxShown+5), strings.Repeat("ü", maxShown-1) + "…"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := shorten(tt.in); got != tt.want {
				t.Errorf("shorten(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
