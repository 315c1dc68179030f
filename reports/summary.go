package reports

import "github.com/exposure-audit/exposure/findings"

// Summary is what a regulator reads first: three verdicts and the number of
// third-party domains, then the size of every section under Counts.
type Summary struct {
	// KeystrokeExfiltration is true when any typed text left the page before
	// submit, whoever received it; Counts.ThirdPartyExfiltration tells
	// whether a third party did.
	KeystrokeExfiltration bool `json:"keystroke_exfiltration"`
	// Fingerprinting is true when any script fingerprinted the browser.
	Fingerprinting bool `json:"fingerprinting"`
	// SessionRecording is true when any script recorded the session.
	SessionRecording bool `json:"session_recording"`
	// ThirdPartyDomains is the number of third-party registrable domains.
	ThirdPartyDomains int    `json:"third_party_domains"`
	Counts            Counts `json:"counts"`
}

// Counts are the sizes of the report's sections, and of their third-party
// parts.
type Counts struct {
	Scripts            int `json:"scripts"`
	ThirdPartyScripts  int `json:"third_party_scripts"`
	KeystrokeListeners int `json:"keystroke_listeners"`
	Exfiltration       int `json:"exfiltration"`
	// ThirdPartyExfiltration counts exfiltration entries whose destination
	// is a third party.
	ThirdPartyExfiltration int `json:"third_party_exfiltration"`
	// Fingerprinting counts (script, technique) entries.
	Fingerprinting int `json:"fingerprinting"`
	// FingerprintingScripts counts the distinct scripts among them.
	FingerprintingScripts int `json:"fingerprinting_scripts"`
	SessionRecorders      int `json:"session_recorders"`
	Cookies               int `json:"cookies"`
	ThirdPartyCookies     int `json:"third_party_cookies"`
}

// summarise counts the sections of set; it draws no conclusion of its own.
func summarise(set findings.Set) Summary {
	c := Counts{
		Scripts:            len(set.Scripts),
		KeystrokeListeners: len(set.KeystrokeListeners),
		Exfiltration:       len(set.Exfiltration),
		Fingerprinting:     len(set.Fingerprinting),
		SessionRecorders:   len(set.SessionRecorders),
		Cookies:            len(set.Cookies),
	}
	for _, s := range set.Scripts {
		if s.Party == findings.ThirdParty {
			c.ThirdPartyScripts++
		}
	}
	for _, e := range set.Exfiltration {
		if e.ThirdParty {
			c.ThirdPartyExfiltration++
		}
	}
	for _, k := range set.Cookies {
		if k.Party == findings.ThirdParty {
			c.ThirdPartyCookies++
		}
	}
	scripts := map[string]bool{}
	for _, f := range set.Fingerprinting {
		scripts[f.Script] = true
	}
	c.FingerprintingScripts = len(scripts)

	return Summary{
		KeystrokeExfiltration: c.Exfiltration > 0,
		Fingerprinting:        c.Fingerprinting > 0,
		SessionRecording:      c.SessionRecorders > 0,
		ThirdPartyDomains:     len(set.ThirdParties),
		Counts:                c,
	}
}

// The weights of [Score].
const (
	scoreThirdPartyExfiltration = 40
	scoreFirstPartyExfiltration = 15
	scoreSessionRecording       = 20
	scoreFingerprinting         = 20
	scoreThirdPartyDomainsCap   = 20
)

// Score ranks sites by how exposed a shopper is there, from 0 to 100, using
// only the report's summary:
//
//   - 40 when typed text leaves the page for a third party before submit,
//     or 15 when it leaves only for the site's own domains;
//   - 20 when a script records the session;
//   - 20 when a script fingerprints the browser;
//   - 1 per third-party domain, at most 20.
//
// The score orders sites within a run; it is not a measure of harm.
func Score(r *Report) int {
	s := r.Summary
	score := min(s.ThirdPartyDomains, scoreThirdPartyDomainsCap)
	switch {
	case s.Counts.ThirdPartyExfiltration > 0:
		score += scoreThirdPartyExfiltration
	case s.KeystrokeExfiltration:
		score += scoreFirstPartyExfiltration
	}
	if s.SessionRecording {
		score += scoreSessionRecording
	}
	if s.Fingerprinting {
		score += scoreFingerprinting
	}
	return score
}
