package crawler

import (
	"net/url"
	"path"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/publicsuffix"
)

// Link classes, in the order pages are chosen: shops run most of their
// tracking on product, category and cart pages; legal, account and login
// pages are visited only when nothing better is linked.
const (
	classProduct = iota
	classCategory
	classCart
	classOther
	classAvoided
	numClasses
)

// classWords are the words in a link's path or text that put it in a
// class; the first class that matches wins.
var classWords = [numClasses][]string{
	classProduct:  {"product", "/p/", "item", "sku"},
	classCategory: {"categor", "collection", "/c/", "catalog", "department", "shop"},
	classCart:     {"cart", "basket", "bag", "checkout"},
	classAvoided: {"privacy", "terms", "legal", "imprint", "cookie", "login", "signin",
		"sign-in", "logout", "account", "register", "contact", "about", "careers"},
}

var skippedExt = map[string]bool{
	".pdf": true, ".zip": true, ".jpg": true, ".jpeg": true, ".png": true,
	".gif": true, ".svg": true, ".mp4": true, ".mp3": true, ".exe": true,
	".dmg": true, ".xml": true, ".json": true, ".css": true, ".js": true,
}

// chooseLinks returns up to n same-site page URLs linked from a page's
// markup: a product, a category and a cart page first, taken in turns so
// that a few pages cover all three, then other pages, and legal and login
// pages last. Within a class links keep document order, so the choice is
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

	seen := map[string]bool{canonical(baseURL): true}
	var classes [numClasses][]string
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
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
		class := linkClass(strings.ToLower(u.Path + " " + a.Text()))
		classes[class] = append(classes[class], u.String())
	})
	return pick(classes, n)
}

// pick takes one link of each preferred class in turn, then the rest in
// class order, until it has n.
func pick(classes [numClasses][]string, n int) []string {
	var out []string
	for round := 0; len(out) < n; round++ {
		took := false
		for c := classProduct; c <= classCart && len(out) < n; c++ {
			if round < len(classes[c]) {
				out = append(out, classes[c][round])
				took = true
			}
		}
		if !took {
			break
		}
	}
	for c := classOther; c < numClasses; c++ {
		for _, u := range classes[c] {
			if len(out) == n {
				return out
			}
			out = append(out, u)
		}
	}
	return out
}

func linkClass(text string) int {
	for _, c := range []int{classAvoided, classProduct, classCategory, classCart} {
		for _, w := range classWords[c] {
			if strings.Contains(text, w) {
				return c
			}
		}
	}
	return classOther
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
