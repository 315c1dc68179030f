// Package detectors turns a recorded [trace.Trace] into [findings.Set]: which
// registrable domains are third parties and who owns them, which scripts
// ran and whose they are, which cookies were left behind and who set them,
// and which scripts fingerprint the browser and how.
//
// Detectors are pure functions of the trace and the tracker database: they
// never start a browser, touch the network or read the clock, and the same
// inputs always give the same findings, byte for byte, with every list
// sorted. They decide; they do not capture (the crawler does) and they do
// not format (the reports do).
//
// BUG: a party is decided per registrable domain. A host that the tracker
// database lists under another owner than its registrable domain (a
// tracker on a shared CDN name, say) takes its registrable domain's party.
package detectors

import (
	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/internal/trackerdb"
	"github.com/exposure-audit/exposure/trace"
)

// Analyze runs every detector on t and returns the findings and the site
// they were judged against. db may be nil, in which case no owner is known
// and only registrable domains decide parties. A nil trace gives empty
// findings.
func Analyze(t *trace.Trace, db *trackerdb.DB) (findings.Set, Site) {
	if t == nil {
		t = &trace.Trace{}
	}
	site := NewSite(t, db)
	c := newClassifier(site, db)

	set := findings.Empty()
	set.ThirdParties = c.thirdParties(t)
	set.Scripts = c.scripts(t)
	set.Cookies = c.cookies(t)
	set.Exfiltration = Exfiltration(t, site, db)
	set.KeystrokeListeners = c.keystrokeListeners(t)
	set.Fingerprinting = Fingerprints(t)
	return set, site
}

// ThirdParties returns one entry per third-party registrable domain that
// the trace shows requests, WebSocket connections, scripts or cookies
// from, sorted by domain.
func ThirdParties(t *trace.Trace, site Site, db *trackerdb.DB) []findings.ThirdPartyDomain {
	return newClassifier(site, db).thirdParties(t)
}

// Scripts returns every script the browser parsed, except the crawler's
// own, with its domain and party, sorted by URL and frame.
func Scripts(t *trace.Trace, site Site, db *trackerdb.DB) []findings.Script {
	return newClassifier(site, db).scripts(t)
}

// Cookies returns the cookies present at the end of the visit with their
// party and what set them, sorted by domain (ignoring a leading dot), name
// and path.
func Cookies(t *trace.Trace, site Site, db *trackerdb.DB) []findings.Cookie {
	return newClassifier(site, db).cookies(t)
}
