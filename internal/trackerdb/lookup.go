package trackerdb

import (
	"net/netip"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// Lookup returns what the database says about host: the entry of the host
// itself or, failing that, of its nearest listed parent domain
// (us.i.posthog.com matches posthog.com). IP addresses never match.
func (db *DB) Lookup(host string) (Match, bool) {
	if db == nil {
		return Match{}, false
	}
	host = normalize(host)
	if host == "" || isIP(host) {
		return Match{}, false
	}
	for d := host; d != ""; d = parent(d) {
		if m, ok := db.domains[d]; ok {
			return m, true
		}
	}
	return Match{}, false
}

// Owner is like [DB.Lookup] but never looks above the registrable domain
// (eTLD+1) of domain, so that a tenant of a shared hosting suffix such as
// myshop.pages.dev is not taken to be owned by the host of the suffix. A
// name that is itself a public suffix matches only its own entry.
func (db *DB) Owner(domain string) (Match, bool) {
	if db == nil {
		return Match{}, false
	}
	domain = normalize(domain)
	if domain == "" || isIP(domain) {
		return Match{}, false
	}
	top, err := publicsuffix.EffectiveTLDPlusOne(domain)
	if err != nil {
		top = domain
	}
	for d := domain; len(d) >= len(top); d = parent(d) {
		if m, ok := db.domains[d]; ok {
			return m, true
		}
	}
	return Match{}, false
}

// Entity returns the display name of the organization that owns domain (a
// registrable domain, or a host within one), or "" when the database does
// not know it or names no owner.
func (db *DB) Entity(domain string) string {
	m, _ := db.Owner(domain)
	return m.Organization
}

// parent drops the first label of a domain name; it returns "" for a
// single label.
func parent(domain string) string {
	i := strings.IndexByte(domain, '.')
	if i < 0 {
		return ""
	}
	return domain[i+1:]
}

func isIP(host string) bool {
	_, err := netip.ParseAddr(host)
	return err == nil
}
