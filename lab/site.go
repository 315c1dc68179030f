package lab

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Site kinds.
const (
	// KindShop is a shop that uses third-party tracking libraries.
	KindShop = "shop"
	// KindControl is a clean shop with first-party code and requests only.
	KindControl = "control"
)

// Site is one lab site as the crawler and the CLI see it.
type Site struct {
	// Host is the site's hostname, under the reserved .example TLD.
	Host string
	// URL is the home page, "https://<host>/".
	URL string
	// Sector is the kind of retail, such as "beauty" or "grocery".
	Sector string
	// Kind is [KindShop] or [KindControl].
	Kind string
	// Title is the shop's name as its pages show it.
	Title string
	// Expected is what an audit of the site must find.
	Expected Expected
}

// Expected is what an audit of a lab site must find, read from
// lab/sites/<host>/expected.json.
type Expected struct {
	// ThirdParties lists, exactly, every third-party registrable domain
	// that the home page and two more same-site pages load code or make
	// requests from.
	ThirdParties []ExpectedThirdParty `json:"third_parties"`
	// SessionRecorders names the session-recording vendors on the site.
	SessionRecorders []string `json:"session_recorders"`
	// Exfiltration lists the ways typed text must be found leaving the
	// home page before any submit when the shopper types into the
	// newsletter e-mail field, the search box and the chat box (the
	// shop's own, or the widget's panel), one entry per field kind,
	// destination domain, channel and encoding, as recorded in real
	// Chromium. Encodings assume typed text that URL encoding changes (a
	// space, an "@") and that JSON does not (no quotes). A scan may find
	// more when it leaves the page, which flushes some recorders by
	// sendBeacon on pagehide.
	Exfiltration []ExpectedExfiltration `json:"exfiltration"`
	// Fingerprinting lists, exactly, every script and technique the site
	// fingerprints the browser with; an innocent use of the same APIs (a
	// chart, an image resized, a 3D viewer, a time zone read) is not in it.
	Fingerprinting []ExpectedFingerprint `json:"fingerprinting"`
	// KeystrokeListenerScripts lists, exactly, the scripts (URLs) a scan
	// must report as listening to typing: keys, input, change, paste or
	// focus on fields, forms, body, document or window, on the home page
	// and two more pages.
	KeystrokeListenerScripts []string `json:"keystroke_listener_scripts"`
	// Notes says in prose what the site's trackers do.
	Notes string `json:"notes"`
}

// ExpectedThirdParty is one third-party registrable domain of a site.
type ExpectedThirdParty struct {
	// Domain is the registrable domain (eTLD+1).
	Domain string `json:"domain"`
	// Entity is the owner's name as Ghostery's trackerdb gives it (domain,
	// then pattern, then organization), or "" when the db names no owner.
	Entity string `json:"entity"`
}

// ExpectedFingerprint is one script's use of one fingerprinting technique.
type ExpectedFingerprint struct {
	// Script is the script's URL, as the report names it.
	Script string `json:"script"`
	// Technique is the report's technique name, such as "canvas".
	Technique string `json:"technique"`
}

// ExpectedExfiltration is one way typed text leaves a lab site before any
// submit, in the terms of the report's exfiltration section. It leaves
// out what varies from run to run: the exact URL, the sending script's
// query string, whether a prefix or the whole value was caught.
type ExpectedExfiltration struct {
	// FieldKind is the kind of the field typed into: email, search or
	// chat.
	FieldKind         string `json:"field_kind"`
	DestinationDomain string `json:"destination_domain"`
	// Channel is one of the report's channels, "storage" included (a
	// tracker queueing typed text in localStorage before it sends).
	// Channel may name alternatives separated by "|" ("fetch|beacon")
	// where the library picks the channel by timing: its periodic flush
	// by fetch, or its flush on leaving the page by beacon.
	Channel    string `json:"channel"`
	Encoding   string `json:"encoding"`
	ThirdParty bool   `json:"third_party"`
}

// siteConfig is a site's lab/sites/<host>/site.json: what its pages show.
type siteConfig struct {
	Title   string `json:"title"`
	Sector  string `json:"sector"`
	Kind    string `json:"kind"`
	Tagline string `json:"tagline"`
	// Chat is "widget" for the lab's third-party chat widget, or
	// "first-party" for a chat box that sends only when asked to.
	Chat string `json:"chat"`
	// SearchSuggest turns on first-party suggestions as the shopper types.
	SearchSuggest bool       `json:"search_suggest"`
	Categories    []category `json:"categories"`
	Products      []product  `json:"products"`
}

type category struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type product struct {
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	Category string `json:"category"`
	Price    string `json:"price"`
	Blurb    string `json:"blurb"`
}

// site is a loaded lab site: its public description and its content.
type site struct {
	Site
	cfg siteConfig
	dir string
}

// errNoSites is returned when the sites folder holds no site.
var errNoSites = errors.New("no lab sites found")

// loadSites reads every lab/sites/<host> folder under root, sorted by host.
func loadSites(root string) ([]*site, error) {
	sitesDir := filepath.Join(root, "lab", "sites")
	entries, err := os.ReadDir(sitesDir)
	if err != nil {
		return nil, fmt.Errorf("listing %q: %w", sitesDir, err)
	}
	var sites []*site
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		s, err := loadSite(filepath.Join(sitesDir, e.Name()), e.Name())
		if err != nil {
			return nil, err
		}
		sites = append(sites, s)
	}
	if len(sites) == 0 {
		return nil, fmt.Errorf("reading %q: %w", sitesDir, errNoSites)
	}
	sort.Slice(sites, func(i, j int) bool { return sites[i].Host < sites[j].Host })
	return sites, nil
}

// loadSite reads and checks one site's site.json and expected.json.
func loadSite(dir, host string) (*site, error) {
	var cfg siteConfig
	if err := readJSON(filepath.Join(dir, "site.json"), &cfg); err != nil {
		return nil, err
	}
	if err := cfg.check(); err != nil {
		return nil, fmt.Errorf("checking site %q: %w", host, err)
	}
	var exp Expected
	if err := readJSON(filepath.Join(dir, "expected.json"), &exp); err != nil {
		return nil, err
	}
	if exp.ThirdParties == nil || exp.SessionRecorders == nil || exp.Exfiltration == nil {
		return nil, fmt.Errorf("checking expectations of %q: %w", host, errMissingLists)
	}
	return &site{
		Site: Site{
			Host:     host,
			URL:      "https://" + host + "/",
			Sector:   cfg.Sector,
			Kind:     cfg.Kind,
			Title:    cfg.Title,
			Expected: exp,
		},
		cfg: cfg,
		dir: dir,
	}, nil
}

var errMissingLists = errors.New(
	"third_parties, session_recorders and exfiltration must be lists")

// check reports the first inconsistency in a site's description.
func (c *siteConfig) check() error {
	switch {
	case c.Title == "" || c.Sector == "":
		return errors.New("title and sector are required")
	case c.Kind != KindShop && c.Kind != KindControl:
		return fmt.Errorf("unknown kind %q", c.Kind)
	case c.Chat != "widget" && c.Chat != "first-party":
		return fmt.Errorf("unknown chat %q", c.Chat)
	case len(c.Categories) == 0 || len(c.Products) == 0:
		return errors.New("a site needs categories and products")
	}
	for _, p := range c.Products {
		if c.category(p.Category) == nil {
			return fmt.Errorf("product %q has unknown category %q", p.Slug, p.Category)
		}
	}
	return nil
}

func (c *siteConfig) category(slug string) *category {
	for i := range c.Categories {
		if c.Categories[i].Slug == slug {
			return &c.Categories[i]
		}
	}
	return nil
}

func (c *siteConfig) product(slug string) *product {
	for i := range c.Products {
		if c.Products[i].Slug == slug {
			return &c.Products[i]
		}
	}
	return nil
}

func (c *siteConfig) productsIn(cat string) []product {
	var out []product
	for _, p := range c.Products {
		if p.Category == cat {
			out = append(out, p)
		}
	}
	return out
}

// readJSON decodes the file at path into v, refusing unknown fields so that
// a misspelt key fails loudly.
func readJSON(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("opening %q: %w", path, err)
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("decoding %q: %w", path, err)
	}
	return nil
}
