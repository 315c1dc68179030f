package detectors

import (
	"cmp"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/exposure-audit/exposure/trace"
)

// cookieSetters remembers, per cookie name and domain, the last response
// and the last script that set the cookie during the visit.
type cookieSetters struct {
	responses map[cookieKey]setter
	writes    map[cookieKey]setter
	// anyDomain holds writes from documents without a host (about:blank),
	// which may have set the cookie for any domain; it is keyed by name.
	anyDomain map[string]setter
}

type cookieKey struct{ name, host string }

// setter is one event that set a cookie; a later event replaces an earlier
// one, and of two at the same time the one recorded last wins.
type setter struct {
	by   string
	time time.Time
}

func (s setter) laterThan(old setter, exists bool) bool {
	return !exists || !s.time.Before(old.time)
}

func newCookieSetters(t *trace.Trace) *cookieSetters {
	s := &cookieSetters{
		responses: make(map[cookieKey]setter),
		writes:    make(map[cookieKey]setter),
		anyDomain: make(map[string]setter),
	}
	for _, r := range t.Requests {
		s.addResponse(r)
	}
	for _, w := range t.CookieWrites {
		s.addWrite(w)
	}
	return s
}

// addResponse records the cookies a response's Set-Cookie lines set. A
// cookie without a Domain attribute belongs to the response's host.
func (s *cookieSetters) addResponse(r trace.Request) {
	for _, field := range r.SetCookies {
		for line := range strings.SplitSeq(field, "\n") {
			c, ok := parseCookieLine(line, r.Time)
			if !ok || c.deleted {
				continue
			}
			key := cookieKey{c.name, cmp.Or(c.domain, urlHost(r.URL))}
			ev := setter{by: r.URL, time: r.Time}
			if old, exists := s.responses[key]; ev.laterThan(old, exists) {
				s.responses[key] = ev
			}
		}
	}
}

// addWrite records an assignment to document.cookie, attributed to the
// first frame of its stack that is not the crawler's own.
func (s *cookieSetters) addWrite(w trace.CookieWrite) {
	c, ok := parseCookieLine(w.Value, w.Time)
	if !ok || c.deleted {
		return
	}
	by, _ := stackTop(w.Stack)
	ev := setter{by: by, time: w.Time}
	host := cmp.Or(c.domain, urlHost(w.FrameURL))
	if host == "" {
		if old, exists := s.anyDomain[c.name]; ev.laterThan(old, exists) {
			s.anyDomain[c.name] = ev
		}
		return
	}
	key := cookieKey{c.name, host}
	if old, exists := s.writes[key]; ev.laterThan(old, exists) {
		s.writes[key] = ev
	}
}

// find returns what set the cookie name on host: a response when one did,
// else the script of the last write, else "".
func (s *cookieSetters) find(name, host string) string {
	key := cookieKey{name, host}
	if ev, ok := s.responses[key]; ok {
		return ev.by
	}
	if ev, ok := s.writes[key]; ok {
		return ev.by
	}
	return s.anyDomain[name].by
}

// cookieLine is what matters of one Set-Cookie line or document.cookie
// assignment.
type cookieLine struct {
	name string
	// domain is the Domain attribute without its leading dot, or "" for a
	// host-only cookie.
	domain string
	// deleted is true when the line removes the cookie (Max-Age of zero or
	// less, or an Expires before the time it was set).
	deleted bool
}

// parseCookieLine reads a cookie line leniently, as browsers do: values are
// not validated, unknown attributes are ignored. at is when the line was
// applied, used to tell an expiry in the past; a zero at skips that check.
func parseCookieLine(line string, at time.Time) (cookieLine, bool) {
	parts := strings.Split(line, ";")
	pair := strings.TrimSpace(parts[0])
	if pair == "" {
		return cookieLine{}, false
	}
	// A pair without "=" is a value with an empty name.
	name, _, found := strings.Cut(pair, "=")
	c := cookieLine{}
	if found {
		c.name = strings.TrimSpace(name)
	}

	// Max-Age, when valid, wins over Expires.
	maxAge, hasMaxAge, expired := 0, false, false
	for _, attr := range parts[1:] {
		key, val, _ := strings.Cut(attr, "=")
		key, val = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(val)
		switch key {
		case "domain":
			c.domain = cookieHost(val)
		case "max-age":
			if n, err := strconv.Atoi(val); err == nil {
				maxAge, hasMaxAge = n, true
			}
		case "expires":
			exp, ok := parseCookieTime(val)
			expired = ok && !at.IsZero() && exp.Before(at)
		}
	}
	c.deleted = (hasMaxAge && maxAge <= 0) || (!hasMaxAge && expired)
	return c, true
}

// cookieTimeLayouts are the Expires forms servers send besides those
// http.ParseTime knows, notably the Netscape form with dashes.
var cookieTimeLayouts = []string{
	"Mon, 02-Jan-2006 15:04:05 MST",
	"Mon, 02 Jan 2006 15:04:05 -0700",
}

func parseCookieTime(s string) (time.Time, bool) {
	if t, err := http.ParseTime(s); err == nil {
		return t, true
	}
	for _, layout := range cookieTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
