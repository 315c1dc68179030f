package reports

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

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
		// Sites by name, each with its verdicts and a link to its report.
		"<td>clean.example</td>", `<a href="clean.example.html">`,
		"<td>down.example</td>", `<td class="bad">failed</td>`,
		`<td class="unknown">not known</td>`, `<a href="down.example.html">`,
		"<td>evil.example</td>", `<td class="bad">incomplete</td>`,
		`<td class="bad">yes</td><td class="unknown">not seen</td>`,
		`<a href="evil.example.html">`,
		"<td>shop.example</td>", `<td class="n">3</td>`,
		`<td class="bad">yes</td><td class="bad">yes</td><td class="bad">yes</td>`,
		`<a href="shop.example.html">`,
		// The sector summary: all sites, then each sector.
		`<td>All sites</td><td class="n">4</td>`, "<td>2 of 3 (67%)</td>",
		"<td>fashion</td>", "<td>1 of 2 (50%)</td>", `<td class="n">1.5</td>`,
		"<td>grocery</td>", "<td>1 of 1 (100%)</td>",
		// Third parties on most sites, with their company.
		"<td>fullstory.com</td><td>FullStory</td>", "<td>2 of 3 (67%)</td>",
		"<td>fpjs.io</td><td>unknown</td>",
		"<td>google-analytics.com</td><td>Google</td>",
		// The ranking, without the failed scan.
		`<a href="shop.example.html">shop.example</a></td><td class="n">83</td>`,
		`<a href="evil.example.html">evil.example</a></td><td class="n">16</td>`,
		`<a href="clean.example.html">clean.example</a></td><td class="n">0</td>`,
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
	want := "<td>&lt;b onclick=&#34;x()&#34;&gt;shop&lt;/b&gt;</td>"
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
		{share{0, 0}, "–"},
		{share{0, 5}, "0 of 5 (0%)"},
		{share{1, 3}, "1 of 3 (33%)"},
		{share{2, 3}, "2 of 3 (67%)"},
		{share{7, 7}, "7 of 7 (100%)"},
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
	if len(got) != 2 || got[0].Domain != "a.example" || got[0].Sites != (share{2, 3}) ||
		got[1].Domain != "b.example" || got[1].Sites != (share{1, 3}) {
		t.Errorf("topShares = %+v, want a.example on 2 of 3, then b.example on 1 of 3", got)
	}
}
