package detectors

import (
	"slices"
	"strings"

	"github.com/exposure-audit/exposure/internal/trackerdb"
	"github.com/exposure-audit/exposure/trace"
)

// Site is the site a trace is judged against: everything on another
// registrable domain with another owner is a third party.
type Site struct {
	// Input is the site as the user gave it.
	Input string `json:"input"`
	// URL is the URL the domain was taken from: the first page's final URL
	// when it has a host, else the URL requested for it, else the input.
	URL string `json:"url"`
	// Host is URL's host name, lower case.
	Host string `json:"host"`
	// Domain is the registrable domain (eTLD+1) of Host, or Host itself
	// for an IP address or a name with no registrable part.
	Domain string `json:"domain"`
	Sector string `json:"sector,omitempty"`
	// Entity is the display name of Domain's owner in the tracker
	// database, and EntityID its identifier there; both are empty when
	// the database does not know the domain.
	Entity   string `json:"entity,omitempty"`
	EntityID string `json:"entity_id,omitempty"`
	// Aliases are other registrable domains that are the site's own: the
	// one in the input and the ones the home page redirected from.
	Aliases []string `json:"aliases,omitempty"`
}

// NewSite derives the [Site] of a trace.
func NewSite(t *trace.Trace, db *trackerdb.DB) Site {
	site := Site{Input: t.Input, Sector: t.Sector}
	for _, u := range siteCandidates(t) {
		if host := urlHost(u); host != "" {
			site.URL, site.Host = u, host
			break
		}
	}
	site.Domain = registrableDomain(site.Host)
	// The domain the user named, and those the home page redirected
	// through, are the site's own even when it ended on another.
	for _, u := range siteCandidates(t) {
		if d := registrableDomain(urlHost(u)); d != "" && d != site.Domain &&
			!slices.Contains(site.Aliases, d) {
			site.Aliases = append(site.Aliases, d)
		}
	}
	if m, ok := db.Owner(site.Domain); ok {
		site.Entity, site.EntityID = m.Organization, m.OrganizationID
	}
	return site
}

// siteCandidates lists the URLs a site's domain can come from, best first.
// An input without a scheme ("shop.example") is read as an https URL.
func siteCandidates(t *trace.Trace) []string {
	var out []string
	for _, p := range t.Pages {
		if !p.Superseded {
			out = append(out, p.URL, p.Requested)
			break
		}
	}
	in := strings.TrimSpace(t.Input)
	if in != "" && !strings.Contains(in, "://") {
		in = "https://" + in
	}
	return append(out, in)
}
