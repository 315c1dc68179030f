package crawler

import (
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/publicsuffix"
)

// Link words that mark the pages where shops run most of their tracking:
// products, categories and the cart. Legal, account and login pages are
// visited only when nothing better is linked.
var (
	preferred = []string{
		"product", "item", "/p/", "category", "collection", "shop", "catalog",
		"cart", "basket", "bag", "checkout", "deal", "sale", "new",
	}
	avoided = []string{
		"privacy", "terms", "legal", "imprint", "cookie", "login", "signin",
		"sign-in", "logout", "account", "register", "contact", "about", "careers",
	}
	skippedExt = map[string]bool{
		".pdf": true, ".zip": true, ".jpg": true, ".jpeg": true, ".png": true,
		".gif": true, ".svg": true, ".mp4": true, ".mp3": true, ".exe": true,
		".dmg": true, ".xml": true, ".json": true, ".css": true, ".js": true,
	}
)

// chooseLinks returns up to n same-site page URLs linked from a page's
// markup, best first: product, category and cart pages before others, and
// legal and login pages last. Ties keep document order, so the choice is
// deterministic.
func chooseLinks(html, base string, n int) []string {
	if n <= 0 {
		return nil
	}
	baseURL, err := url.Parse(base)
	if err != nil {
		return nil
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		return nil
	}
	site := registrable(baseURL.Hostname())

	type candidate struct {
		url   string
		score int
		order int
	}
	seen := map[string]bool{canonical(baseURL): true}
	var found []candidate
	doc.Find("a[href]").Each(func(i int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		u, err := baseURL.Parse(strings.TrimSpace(href))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return
		}
		if registrable(u.Hostname()) != site || skippedExt[strings.ToLower(path.Ext(u.Path))] {
			return
		}
		u.Fragment = ""
		c := canonical(u)
		if seen[c] {
			return
		}
		seen[c] = true
		text := strings.ToLower(u.Path + " " + a.Text())
		found = append(found, candidate{url: u.String(), score: linkScore(text), order: i})
	})
	sort.SliceStable(found, func(i, j int) bool { return found[i].score > found[j].score })

	var out []string
	for _, c := range found {
		if len(out) == n {
			break
		}
		out = append(out, c.url)
	}
	return out
}

func linkScore(text string) int {
	score := 0
	for _, w := range preferred {
		if strings.Contains(text, w) {
			score += 2
		}
	}
	for _, w := range avoided {
		if strings.Contains(text, w) {
			score -= 5
		}
	}
	return score
}

// canonical identifies a page for de-duplication: scheme and host are
// case-insensitive and a trailing slash does not make another page.
func canonical(u *url.URL) string {
	p := strings.TrimSuffix(u.EscapedPath(), "/")
	return strings.ToLower(u.Scheme+"://"+u.Host) + p + "?" + u.RawQuery
}

// registrable returns the host's registrable domain (eTLD+1), or the host
// itself when it has none, such as an IP address or "localhost".
func registrable(host string) string {
	d, err := publicsuffix.EffectiveTLDPlusOne(strings.ToLower(strings.TrimSuffix(host, ".")))
	if err != nil {
		return strings.ToLower(host)
	}
	return d
}
