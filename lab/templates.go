package lab

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
)

// templates holds every site's page templates: the shared pages under
// lab/templates, each joined with the site's own tags.html, which defines
// "tags_head" and "tags_body" with the site's third-party snippets.
type templates struct {
	bySite map[string]*template.Template
}

// pageData is what a page template renders.
type pageData struct {
	Site     *siteConfig
	Host     string
	Page     string // template name: "home", "category", ...
	Title    string
	Category *category
	Products []product
	Product  *product
	Query    string
}

// loadTemplates parses the shared pages once and each site's tags on a
// copy of them.
func loadTemplates(root string, sites []*site) (*templates, error) {
	pattern := filepath.Join(root, "lab", "templates", "*.html")
	base, err := template.ParseGlob(pattern)
	if err != nil {
		return nil, fmt.Errorf("parsing %q: %w", pattern, err)
	}
	t := &templates{bySite: make(map[string]*template.Template, len(sites))}
	for _, s := range sites {
		st, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("copying templates for %q: %w", s.Host, err)
		}
		tags := filepath.Join(s.dir, "tags.html")
		if _, err := os.Stat(tags); err == nil {
			if st, err = st.ParseFiles(tags); err != nil {
				return nil, fmt.Errorf("parsing %q: %w", tags, err)
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("reading %q: %w", tags, err)
		}
		t.bySite[s.Host] = st
	}
	return t, nil
}

// render executes the page template for one site into a byte slice, so
// that a failing template never sends half a page.
func (t *templates) render(host string, data *pageData) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.bySite[host].ExecuteTemplate(&buf, data.Page, data); err != nil {
		return nil, fmt.Errorf("rendering %q of %q: %w", data.Page, host, err)
	}
	return buf.Bytes(), nil
}
