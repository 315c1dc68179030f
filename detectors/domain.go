package detectors

import (
	"net/netip"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/internal/trackerdb"
)

// ownPrefix starts the URL of the crawler's injected script, whose frames
// appear in stacks and which must never be reported as the page's code.
const ownPrefix = "exposure://"

// urlHost returns the lower-case host of a URL with a network origin, or ""
// for URLs without one (about:, data:, javascript:, chrome-extension:,
// opaque blobs, relative or broken URLs). blob: and filesystem: URLs take
// the host of the origin they embed.
func urlHost(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "ws", "wss", "ftp":
		return strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	case "blob", "filesystem":
		inner := u.Opaque
		if inner == "" {
			return ""
		}
		if strings.HasPrefix(inner, "blob:") || strings.HasPrefix(inner, "filesystem:") {
			return ""
		}
		return urlHost(inner)
	}
	return ""
}

// registrableDomain returns the eTLD+1 of host by the Public Suffix List
// (whose default rule makes shop.example the registrable domain of
// www.shop.example). An IP address, or a name with no registrable part
// (localhost, a bare public suffix), stands for itself.
func registrableDomain(host string) string {
	if host == "" {
		return ""
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return host
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return host
	}
	return d
}

// hostInfo is how one host is classified against the site.
type hostInfo struct {
	domain string
	party  findings.Party
}

// classifier decides parties against one site, remembering each host.
type classifier struct {
	site  Site
	db    *trackerdb.DB
	hosts map[string]hostInfo
}

func newClassifier(site Site, db *trackerdb.DB) *classifier {
	return &classifier{site: site, db: db, hosts: make(map[string]hostInfo)}
}

// host classifies a host name. A host is third party when its registrable
// domain differs from the site's and the tracker database does not name
// the same owner for both; a URL with no host is never third party.
func (c *classifier) host(host string) hostInfo {
	if info, ok := c.hosts[host]; ok {
		return info
	}
	info := hostInfo{domain: registrableDomain(host), party: findings.FirstParty}
	if info.domain != "" && info.domain != c.site.Domain && !c.sameOwner(info.domain) &&
		!slices.Contains(c.site.Aliases, info.domain) {
		info.party = findings.ThirdParty
	}
	c.hosts[host] = info
	return info
}

// url classifies the host of a URL.
func (c *classifier) url(raw string) hostInfo {
	return c.host(urlHost(raw))
}

func (c *classifier) sameOwner(domain string) bool {
	if c.site.EntityID == "" {
		return false
	}
	m, ok := c.db.Owner(domain)
	return ok && m.OrganizationID == c.site.EntityID
}
