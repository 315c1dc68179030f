package lab

import (
	"encoding/json"
	"net/url"
	"os"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/publicsuffix"
)

// trackerDB is the part of Ghostery's trackerdb.json that names owners.
type trackerDB struct {
	Domains  map[string]string `json:"domains"`
	Patterns map[string]struct {
		Organization *string `json:"organization"`
	} `json:"patterns"`
	Organizations map[string]struct {
		Name string `json:"name"`
	} `json:"organizations"`
}

func loadTrackerDB(t *testing.T) *trackerDB {
	t.Helper()
	b, err := os.ReadFile("../node_modules/@ghostery/trackerdb/dist/trackerdb.json")
	if err != nil {
		t.Fatalf("reading trackerdb (run npm ci): %v", err)
	}
	var db trackerDB
	if err := json.Unmarshal(b, &db); err != nil {
		t.Fatalf("decoding trackerdb: %v", err)
	}
	if len(db.Domains) == 0 || len(db.Organizations) == 0 {
		t.Fatal("trackerdb has no domains or organizations")
	}
	return &db
}

// entity names the owner of host as the db does: the longest listed
// suffix of host, its pattern, the pattern's organization. A pattern
// without an organization, or a host the db does not list, has no owner.
func (db *trackerDB) entity(host string) string {
	for h := host; h != ""; {
		if pat, ok := db.Domains[h]; ok {
			org := db.Patterns[pat].Organization
			if org == nil {
				return ""
			}
			return db.Organizations[*org].Name
		}
		_, parent, ok := strings.Cut(h, ".")
		if !ok {
			break
		}
		h = parent
	}
	return ""
}

func TestTrackerDBLookup(t *testing.T) {
	db := loadTrackerDB(t)
	for host, want := range map[string]string{
		"us.i.posthog.com":                "PostHog",
		"www.datadoghq-browser-agent.com": "Datadog",
		"x.collector.snplow.net":          "Snowplow Analytics",
		"cdn.jsdelivr.net":                "",
		"chat.lab-widgets.example":        "",
	} {
		if got := db.entity(host); got != want {
			t.Errorf("entity(%q) = %q, want %q", host, got, want)
		}
	}
}

func TestExpectedEntitiesMatchTrackerDB(t *testing.T) {
	db := loadTrackerDB(t)
	l := startLab(t)
	for _, s := range l.Sites() {
		seen := map[string]bool{}
		for _, tp := range s.Expected.ThirdParties {
			if seen[tp.Domain] {
				t.Errorf("%s: %s listed twice", s.Host, tp.Domain)
			}
			seen[tp.Domain] = true
			if reg, err := publicsuffix.EffectiveTLDPlusOne(tp.Domain); err != nil || reg != tp.Domain {
				t.Errorf("%s: %q is not a registrable domain (eTLD+1 %q, %v)",
					s.Host, tp.Domain, reg, err)
			}
			if got := db.entity(tp.Domain); got != tp.Entity {
				t.Errorf("%s: %s entity %q, trackerdb says %q", s.Host, tp.Domain, tp.Entity, got)
			}
		}
	}
}

// TestPagesUseOnlyExpectedThirdParties checks the third parties a page
// names in its HTML. The requests libraries make at run time (collectors)
// are checked in a browser; here every domain in a page's script and link
// URLs must be expected, and every script host must have the entity the
// expectations give its domain.
func TestPagesUseOnlyExpectedThirdParties(t *testing.T) {
	db := loadTrackerDB(t)
	l := startLab(t)
	for _, s := range l.Sites() {
		want := map[string]string{}
		for _, tp := range s.Expected.ThirdParties {
			want[tp.Domain] = tp.Entity
		}
		got := map[string]bool{}
		for _, p := range sitePages(t, l, s) {
			_, body := get(t, l, "https://"+s.Host+p)
			pg := parsePage(t, body)
			for _, ref := range append(append(pg.scripts, pg.links...), inlineURLs(pg.inline)...) {
				host := hostOfURL(t, ref)
				if host == "" || host == s.Host {
					continue
				}
				dom, err := publicsuffix.EffectiveTLDPlusOne(host)
				if err != nil {
					t.Errorf("%s%s: %q: %v", s.Host, p, host, err)
					continue
				}
				got[dom] = true
				entity, ok := want[dom]
				if !ok {
					t.Errorf("%s%s refers to unexpected third party %s", s.Host, p, host)
				} else if e := db.entity(host); e != entity {
					t.Errorf("%s%s: host %s has entity %q, expected %q", s.Host, p, host, e, entity)
				}
			}
		}
		// Expected domains no page names are collectors that libraries
		// call at run time, which only a browser run shows.
		var names []string
		for d := range got {
			names = append(names, d)
		}
		sort.Strings(names)
		if s.Kind == KindControl && len(names) != 0 {
			t.Errorf("control %s refers to third parties %v", s.Host, names)
		}
		if s.Kind == KindShop && len(names) == 0 {
			t.Errorf("shop %s refers to no third party", s.Host)
		}
	}
}

// inlineURLs picks the absolute https URLs written in inline scripts, such
// as collector endpoints in a tracker's configuration.
func inlineURLs(scripts []string) []string {
	var out []string
	for _, s := range scripts {
		for _, f := range strings.FieldsFunc(s, func(r rune) bool {
			return r == '\'' || r == '"' || r == ' ' || r == '\n' || r == '`'
		}) {
			if strings.HasPrefix(f, "https://") || strings.HasPrefix(f, "wss://") {
				out = append(out, f)
			}
		}
	}
	return out
}

func hostOfURL(t *testing.T, ref string) string {
	t.Helper()
	u, err := url.Parse(ref)
	if err != nil {
		t.Errorf("bad URL %q: %v", ref, err)
		return ""
	}
	return u.Hostname()
}

// TestControlFilesStayFirstParty checks the first-party code the control
// sites run: no absolute URL to any other host.
func TestControlFilesStayFirstParty(t *testing.T) {
	l := startLab(t)
	for _, s := range l.Sites() {
		if s.Kind != KindControl {
			continue
		}
		_, body := get(t, l, s.URL)
		for _, src := range parsePage(t, body).scripts {
			if hostOfURL(t, src) != "" {
				t.Errorf("control %s loads an absolute script URL %q", s.Host, src)
				continue
			}
			_, js := get(t, l, "https://"+s.Host+src)
			if strings.Contains(js, "://") {
				t.Errorf("control %s: %s holds an absolute URL", s.Host, src)
			}
		}
	}
}
