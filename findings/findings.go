// Package findings holds the types of what detectors conclude about a site:
// third parties, scripts, keystroke listeners, exfiltration, fingerprinting,
// session recorders and cookies.
//
// The types carry the JSON names of the report contract (schema
// exposure/v1), so that the reports package writes them as they are and
// never re-derives them. They hold no logic: deciding is the detectors' job.
package findings

// Party says whether something belongs to the site's owner or not.
type Party string

// The parties a script, request or cookie can belong to.
const (
	FirstParty Party = "first"
	ThirdParty Party = "third"
)

// Set is everything the detectors concluded about one site. Slices are
// never nil, so that reports show empty sections as [] rather than null.
type Set struct {
	ThirdParties       []ThirdPartyDomain  `json:"third_parties"`
	Scripts            []Script            `json:"scripts"`
	KeystrokeListeners []KeystrokeListener `json:"keystroke_listeners"`
	Exfiltration       []Exfiltration      `json:"exfiltration"`
	Fingerprinting     []Fingerprint       `json:"fingerprinting"`
	SessionRecorders   []SessionRecorder   `json:"session_recorders"`
	Cookies            []Cookie            `json:"cookies"`
}

// ThirdPartyDomain is one third-party registrable domain seen on the site.
type ThirdPartyDomain struct {
	Domain string `json:"domain"`
	// Entity is the owning company, when the tracker database knows it.
	Entity string `json:"entity,omitempty"`
	// Categories come from the tracker database (advertising, analytics,
	// session_replay, customer_interaction, ...); empty when unknown.
	Categories []string `json:"categories"`
	Requests   int      `json:"requests"`
	// Scripts are the URLs of scripts loaded from the domain.
	Scripts []string `json:"scripts"`
	Cookies int      `json:"cookies"`
}

// Script is one script that ran on the site.
type Script struct {
	// URL is the script's URL, or inline:<page url>#<n> for inline code.
	URL    string `json:"url"`
	Domain string `json:"domain"`
	Party  Party  `json:"party"`
	// Frame is the URL of the document (or worker) the script ran in.
	Frame string `json:"frame"`
}

// KeystrokeListener is one listener for typing registered by a script.
type KeystrokeListener struct {
	Script    string `json:"script"`
	Event     string `json:"event"`
	Target    string `json:"target"`
	FieldKind string `json:"field_kind"`
	Party     Party  `json:"party"`
}

// Exfiltration is one typed value seen leaving the page before any submit.
type Exfiltration struct {
	Field             string `json:"field"`
	FieldKind         string `json:"field_kind"`
	Destination       string `json:"destination"`
	DestinationDomain string `json:"destination_domain"`
	// Channel is fetch, xhr, beacon, websocket, image, script,
	// navigation, cookie, or storage (kept in localStorage or
	// sessionStorage for later).
	Channel    string `json:"channel"`
	Encoding   string `json:"encoding"`
	Partial    bool   `json:"partial"`
	Script     string `json:"script"`
	ThirdParty bool   `json:"third_party"`
	Evidence   string `json:"evidence,omitempty"`
}

// Fingerprint is one fingerprinting technique used by one script.
type Fingerprint struct {
	Script    string         `json:"script"`
	Technique string         `json:"technique"`
	APIs      map[string]int `json:"apis"`
	Evidence  string         `json:"evidence"`
}

// SessionRecorder is one script that records the session as a whole.
type SessionRecorder struct {
	Script   string `json:"script"`
	Vendor   string `json:"vendor,omitempty"`
	Evidence string `json:"evidence"`
}

// Cookie is one cookie present at the end of the visit.
type Cookie struct {
	Name   string `json:"name"`
	Domain string `json:"domain"`
	Party  Party  `json:"party"`
	// SetBy is the script or response URL that set the cookie, when known.
	SetBy string `json:"set_by,omitempty"`
	// Expires is RFC 3339, or empty for a session cookie.
	Expires  string `json:"expires,omitempty"`
	SameSite string `json:"same_site,omitempty"`
	Secure   bool   `json:"secure"`
	HTTPOnly bool   `json:"http_only"`
}

// Empty returns a Set whose sections are all empty, not nil.
func Empty() Set {
	return Set{
		ThirdParties:       []ThirdPartyDomain{},
		Scripts:            []Script{},
		KeystrokeListeners: []KeystrokeListener{},
		Exfiltration:       []Exfiltration{},
		Fingerprinting:     []Fingerprint{},
		SessionRecorders:   []SessionRecorder{},
		Cookies:            []Cookie{},
	}
}
