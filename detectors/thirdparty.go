package detectors

import (
	"slices"
	"strings"

	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/trace"
)

// party collects what was seen from one third-party registrable domain.
type party struct {
	hosts    map[string]bool
	requests int
	scripts  map[string]bool
	cookies  int
}

// thirdPartyTally groups the trace's evidence by third-party domain.
type thirdPartyTally struct {
	c       *classifier
	domains map[string]*party
}

// add records host under its domain when the host is third party, and
// returns the domain's tally, or nil for a first-party host.
func (t *thirdPartyTally) add(host string) *party {
	info := t.c.host(host)
	if info.party != findings.ThirdParty {
		return nil
	}
	p := t.domains[info.domain]
	if p == nil {
		p = &party{hosts: make(map[string]bool), scripts: make(map[string]bool)}
		t.domains[info.domain] = p
	}
	p.hosts[host] = true
	return p
}

func (c *classifier) thirdParties(t *trace.Trace) []findings.ThirdPartyDomain {
	tally := &thirdPartyTally{c: c, domains: make(map[string]*party)}
	tally.requests(t)
	tally.scripts(t)
	tally.cookies(t)
	return tally.result()
}

// requests counts every request hop and every WebSocket connection. A
// WebSocket that also appears among the requests under the same id counts
// once. Scripts that arrived (the last hop, not failed) are listed.
func (t *thirdPartyTally) requests(tr *trace.Trace) {
	sockets := make(map[string]bool, len(tr.WebSockets))
	for _, ws := range tr.WebSockets {
		sockets[ws.ID] = true
		if p := t.add(urlHost(ws.URL)); p != nil {
			p.requests++
		}
	}
	for _, r := range tr.Requests {
		if r.Type == "WebSocket" && sockets[r.ID] {
			continue
		}
		p := t.add(urlHost(r.URL))
		if p == nil {
			continue
		}
		p.requests++
		if r.Type == "Script" && !r.Failed && r.RedirectedTo == "" {
			p.scripts[r.URL] = true
		}
	}
}

// scripts lists parsed scripts with a URL under their domain.
func (t *thirdPartyTally) scripts(tr *trace.Trace) {
	for _, s := range tr.Scripts {
		if s.URL == "" || strings.HasPrefix(s.URL, ownPrefix) {
			continue
		}
		if p := t.add(urlHost(s.URL)); p != nil {
			p.scripts[s.URL] = true
		}
	}
}

// cookies counts the cookies left at the end under their domain.
func (t *thirdPartyTally) cookies(tr *trace.Trace) {
	for _, ck := range tr.Cookies {
		if p := t.add(cookieHost(ck.Domain)); p != nil {
			p.cookies++
		}
	}
}

// result turns the tally into findings sorted by domain, with the owner
// and the tracker categories of every host seen on each domain.
func (t *thirdPartyTally) result() []findings.ThirdPartyDomain {
	out := make([]findings.ThirdPartyDomain, 0, len(t.domains))
	for domain, p := range t.domains {
		out = append(out, findings.ThirdPartyDomain{
			Domain:     domain,
			Entity:     t.c.db.Entity(domain),
			Categories: t.categories(p),
			Requests:   p.requests,
			Scripts:    sortedKeys(p.scripts),
			Cookies:    p.cookies,
		})
	}
	slices.SortFunc(out, func(a, b findings.ThirdPartyDomain) int {
		return strings.Compare(a.Domain, b.Domain)
	})
	return out
}

func (t *thirdPartyTally) categories(p *party) []string {
	seen := make(map[string]bool)
	for host := range p.hosts {
		if m, ok := t.c.db.Lookup(host); ok && m.Category != "" {
			seen[m.Category] = true
		}
	}
	return sortedKeys(seen)
}

// sortedKeys returns the keys of a set in order, never nil.
func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
