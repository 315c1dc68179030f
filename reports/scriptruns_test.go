package reports

import (
	"reflect"
	"strings"
	"testing"

	"github.com/exposure-audit/exposure/findings"
)

func TestGroupScripts(t *testing.T) {
	const top, ad = "https://shop.example/", "https://ads.example/frame"
	scripts := []findings.Script{
		{URL: "https://cdn.example/a.js", Domain: "cdn.example", Party: findings.ThirdParty,
			Frame: top},
		{URL: "https://cdn.example/a.js", Domain: "cdn.example", Party: findings.ThirdParty,
			Frame: ad},
		{URL: "inline:https://shop.example/#0", Domain: "shop.example",
			Party: findings.FirstParty, Frame: top},
		{URL: "https://cdn.example/a.js", Domain: "cdn.example", Party: findings.ThirdParty,
			Frame: top},
		{URL: "https://worker.example/w.js", Domain: "worker.example",
			Party: findings.ThirdParty},
	}
	want := []scriptRuns{
		{URL: "https://cdn.example/a.js", Domain: "cdn.example", Party: findings.ThirdParty,
			Frames: []string{top, ad}},
		{URL: "inline:https://shop.example/#0", Domain: "shop.example",
			Party: findings.FirstParty, Frames: []string{top}},
		{URL: "https://worker.example/w.js", Domain: "worker.example",
			Party: findings.ThirdParty, Frames: []string{""}},
	}
	if got := groupScripts(scripts); !reflect.DeepEqual(got, want) {
		t.Errorf("groupScripts = %+v, want %+v", got, want)
	}
	if got := groupScripts(nil); len(got) != 0 {
		t.Errorf("groupScripts(nil) = %+v, want none", got)
	}
}

func TestSiteHTMLScriptsOncePerURL(t *testing.T) {
	r := exposedShop()
	for _, frame := range []string{"https://www.shop.example/checkout",
		"https://www.shop.example/cart"} {
		r.Scripts = append(r.Scripts, findings.Script{URL: "https://edge.fullstory.com/s/fs.js",
			Domain: "fullstory.com", Party: findings.ThirdParty, Frame: frame})
	}
	page := render(t, r)

	section := page[strings.Index(page, `id="scripts"`):strings.Index(page, `id="cookies"`)]
	for _, want := range []string{
		"Scripts that ran (3)</h2>",
		"<tr><td class=\"u\">https://edge.fullstory.com/s/fs.js</td><td>fullstory.com</td>" +
			"<td>third</td>\n<td class=\"n\">3</td></tr>",
		"<tr><td class=\"u\">https://fpjs.io/v4/loader.js</td><td>fpjs.io</td>" +
			"<td>third</td>\n<td class=\"n\">1</td></tr>",
	} {
		if !strings.Contains(section, want) {
			t.Errorf("scripts section lacks %q:\n%s", want, section)
		}
	}
	if n := strings.Count(section, "fs.js"); n != 1 {
		t.Errorf("fs.js appears %d times in the scripts section, want 1", n)
	}
	if strings.Contains(section, "/checkout") {
		t.Error("scripts section lists frame documents")
	}
}
