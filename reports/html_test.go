package reports

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func render(t *testing.T, r *Report) string {
	t.Helper()
	page, err := renderSite(r)
	if err != nil {
		t.Fatalf("renderSite: %v", err)
	}
	return string(page)
}

func TestSiteHTMLEscapesHostileValues(t *testing.T) {
	page := render(t, hostileShop())

	mustContain := []string{
		// The cookie name and the title are shown, as text.
		"<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>",
		"<td>&#34;&gt;&lt;img src=x onerror=alert(2)&gt;</td>",
		// Quotes in a selector stay text.
		"<td>input[name=&#34;q&#34;]</td>",
		// The javascript: URL is shown but not linked.
		`<a href="#ZgotmplZ"`,
		`<td class="u">javascript:alert(&#39;set&#39;)</td>`,
	}
	for _, want := range mustContain {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	mustNotContain := []string{
		"<script", "<img", `href="javascript:`, "onerror=alert(2)>",
		// No external assets: no scripts or stylesheets to fetch.
		"<link",
	}
	for _, bad := range mustNotContain {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if tag := tagWithSrc.FindString(page); tag != "" {
		t.Errorf("page loads an asset: %q", tag)
	}
}

// tagWithSrc matches a real tag (not escaped text) with a src attribute.
var tagWithSrc = regexp.MustCompile(`<[a-z]+[^>]*\ssrc=`)

func TestSiteHTMLVerdictsFirst(t *testing.T) {
	page := render(t, exposedShop())

	verdicts := []string{
		"Typed text leaves this page before you press send: <strong>yes</strong>",
		"<strong>2</strong> companies load code here",
		"Scripts here fingerprint your browser: <strong>yes</strong>",
		"Your visit is recorded as a whole (session recording): <strong>yes</strong>",
	}
	evidence := []string{
		`id="third-parties"`, `id="keystroke-exfiltration"`, `id="keystroke-listeners"`,
		`id="fingerprinting"`, `id="session-recorders"`, `id="scripts"`, `id="cookies"`,
		`id="pages"`, `id="errors"`,
	}
	last := -1
	for _, want := range append(verdicts, evidence...) {
		i := strings.Index(page, want)
		if i < 0 {
			t.Errorf("page lacks %q", want)
			continue
		}
		if i < last {
			t.Errorf("%q appears before what should precede it", want)
		}
		last = i
	}
	if i := strings.Index(page, "<table"); i < strings.Index(page, verdicts[3]) {
		t.Errorf("a table (at %d) comes before the last verdict", i)
	}
}

func TestSiteHTMLVerdicts(t *testing.T) {
	tests := []struct {
		name   string
		r      *Report
		want   []string
		absent []string
	}{
		{"exposed", exposedShop(), []string{
			"What you type in email fields is sent to fullstory.com.",
			"They are: FullStory, fpjs.io. Third-party domains contacted in all: 3.",
			"1 script reads details of your browser that can identify it without " +
				"cookies (canvas, webgl).",
			"Recorded by: FullStory.",
			`<a href="shop.example.png">Screenshot of the home page</a>`,
			"<td>CanvasRenderingContext2D.fillText ×14, HTMLCanvasElement.toDataURL ×2</td>",
		}, []string{`id="status"`}},
		{"clean", cleanShop(), []string{
			"Typed text leaves this page before you press send: <strong>no</strong>",
			"<strong>No</strong> other company loads code here",
			"Scripts here fingerprint your browser: <strong>no</strong>",
			// No detector looks for session recording: no reassuring "no".
			`<div class="verdict unchecked">` + "\n<p class=\"claim\">Your visit is recorded " +
				"as a whole (session recording): <strong>not checked</strong>",
			"This version of exposure does not look for this yet",
			`<h2 id="session-recorders">Session recorders (not checked)</h2>`,
			"Not checked: this version of exposure does not look for these yet.",
			`<h2 id="fingerprinting">Fingerprinting (0)</h2>` +
				"\n<p class=\"none\">None found.</p>",
		}, []string{`id="status"`, "<strong>yes</strong>", "Screenshot",
			"(session recording): <strong>no</strong>"}},
		{"failed", failedShop(), []string{
			`<div class="banner failed" id="status">`,
			"<strong>This scan failed.</strong>",
			"The scan ran into 1 problem, listed under\n" +
				`<a href="#errors">Errors of the scan</a> below.`,
			"<li>navigating to &#34;https://down.example/&#34;: " +
				"net::ERR_CONNECTION_REFUSED</li>",
			"before you press send: <strong>not known</strong>",
			"(session recording): <strong>not checked</strong>",
			"<strong>Not known</strong> which companies load code here",
			"<td class=\"n\">no response</td><td>no</td>",
		}, []string{"<strong>no</strong>", "<strong>No</strong>"}},
		{"partial", hostileShop(), []string{
			`<div class="banner partial" id="status">`,
			"<strong>This scan is incomplete.</strong>",
			"The scan ran into 2 problems",
			"<li>-page &#34;/cart&#34; timed out, after 20s</li>",
			"before you press send: <strong>yes</strong>",
			"fingerprint your browser: <strong>not seen</strong>",
			"<strong>1</strong> company loads code here",
			"<td class=\"n\">200</td><td>partly</td>",
		}, []string{"<strong>no</strong>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := render(t, tt.r)
			for _, want := range tt.want {
				if !strings.Contains(page, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			for _, bad := range tt.absent {
				if strings.Contains(page, bad) {
					t.Errorf("page contains %q", bad)
				}
			}
		})
	}
}

func TestSiteHTMLStatusBeforeVerdicts(t *testing.T) {
	page := render(t, failedShop())
	status, verdicts := strings.Index(page, `id="status"`), strings.Index(page, `id="verdicts"`)
	if status < 0 || verdicts < 0 || status > verdicts {
		t.Errorf("status banner at %d, verdicts at %d: want the banner first", status, verdicts)
	}
}

func TestWriteSiteHTMLFile(t *testing.T) {
	dir := t.TempDir()
	r := hostileShop()
	if err := WriteSite(dir, r); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "evil.example.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := render(t, r); string(got) != want {
		t.Errorf("evil.example.html differs from the rendered page")
	}
}

func TestSiteHTMLBannerSummarisesErrors(t *testing.T) {
	r := hostileShop()
	r.Scan.Errors = append(r.Scan.Errors,
		"Page.captureScreenshot: context deadline exceeded")
	page := render(t, r)

	start := strings.Index(page, `id="status"`)
	end := start + strings.Index(page[start:], "</div>")
	banner := page[start:end]
	want := "The scan ran into 3 problems, listed under\n" +
		`<a href="#errors">Errors of the scan</a> below.`
	if !strings.Contains(banner, want) {
		t.Errorf("banner lacks %q:\n%s", want, banner)
	}
	for _, raw := range []string{"<li>", "captureScreenshot", "timed out", "line one"} {
		if strings.Contains(banner, raw) {
			t.Errorf("banner contains the raw error text %q:\n%s", raw, banner)
		}
	}

	// Every error stays in the evidence, under Errors of the scan.
	errors := page[strings.Index(page, `<h2 id="errors">`):]
	for _, want := range []string{
		"Errors of the scan (3)",
		"<li>-page &#34;/cart&#34; timed out, after 20s</li>",
		"<li>line one\nline two</li>",
		"<li>Page.captureScreenshot: context deadline exceeded</li>",
	} {
		if !strings.Contains(errors, want) {
			t.Errorf("errors section lacks %q", want)
		}
	}
}

func TestSiteHTMLBannerWithoutErrors(t *testing.T) {
	r := cleanShop()
	r.Scan.Status = StatusPartial
	page := render(t, r)
	if !strings.Contains(page, "<strong>This scan is incomplete.</strong>") {
		t.Error("page lacks the incomplete banner")
	}
	if strings.Contains(page, "ran into") {
		t.Error("banner counts problems when none was recorded")
	}
}
