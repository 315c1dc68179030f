package detectors

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/trace"
)

func (c *classifier) cookies(t *trace.Trace) []findings.Cookie {
	jar := slices.Clone(t.Cookies)
	slices.SortStableFunc(jar, func(a, b trace.Cookie) int {
		return cmp.Or(
			strings.Compare(cookieHost(a.Domain), cookieHost(b.Domain)),
			strings.Compare(a.Name, b.Name),
			strings.Compare(a.Domain, b.Domain),
			strings.Compare(a.Path, b.Path))
	})

	setters := newCookieSetters(t)
	out := make([]findings.Cookie, 0, len(jar))
	for _, ck := range jar {
		host := cookieHost(ck.Domain)
		out = append(out, findings.Cookie{
			Name:     ck.Name,
			Domain:   ck.Domain,
			Party:    c.host(host).party,
			SetBy:    setters.find(ck.Name, host),
			Expires:  expires(ck.Expires),
			SameSite: ck.SameSite,
			Secure:   ck.Secure,
			HTTPOnly: ck.HTTPOnly,
		})
	}
	return out
}

// cookieHost turns a cookie's domain (".shop.example" for a domain cookie,
// "www.shop.example" for a host-only one) into a host name.
func cookieHost(domain string) string {
	return strings.Trim(strings.ToLower(domain), ".")
}

// expires formats a cookie's expiry (seconds since the epoch) as RFC 3339
// in UTC, or "" for a session cookie.
func expires(sec float64) string {
	if sec <= 0 || math.IsNaN(sec) || math.IsInf(sec, 0) {
		return ""
	}
	whole, frac := math.Modf(sec)
	return time.Unix(int64(whole), int64(frac*1e9)).UTC().Format(time.RFC3339)
}
