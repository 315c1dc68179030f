package detectors

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestExfiltrationLabTraces runs the detector on traffic recorded from lab
// sites in real Chromium (typing an e-mail address, a search and a chat
// message with a bare DevTools client): PostHog's gzip replay batches,
// Datadog's zlib replay segments inside multipart bodies fetched on
// request, Snowplow's JSON inside JSON, the lab's form-abandonment script
// with the real lz-string, and its ad pixel's SHA-256 of the address. The
// rows are the sites' expected exfiltration in lab/sites/*/expected.json,
// less the chat widget, which the recording did not type into.
func TestExfiltrationLabTraces(t *testing.T) {
	tests := map[string][]string{
		"glowhaus": {
			"chat browser-intake-datadoghq.com fetch deflate third=true",
			"chat snplow.net fetch plain third=true",
			"email snplow.net fetch plain third=true",
			"search browser-intake-datadoghq.com fetch deflate third=true",
			"search snplow.net fetch plain third=true",
		},
		"maison-velour": {
			"email posthog.com fetch gzip third=true",
			"search posthog.com fetch gzip third=true",
		},
		"hearthstead": {
			"email lab-ads.example image sha256 third=true",
			"email lab-forms.example fetch lz-string third=true",
		},
		"voltcart": {
			"search browser-intake-datadoghq.com fetch url third=true",
			"search voltcart.example fetch url third=false",
		},
	}
	db := loadDB(t)
	for site, want := range tests {
		t.Run(site, func(t *testing.T) {
			tr := readTrace(t, "exfil-lab-"+site+".trace.json")
			var got []string
			for _, f := range Exfiltration(tr, NewSite(tr, db), db) {
				got = append(got, fmt.Sprintf("%s %s %s %s third=%v", f.FieldKind,
					f.DestinationDomain, f.Channel, f.Encoding, f.ThirdParty))
				if f.Partial {
					t.Errorf("%s: partial, want the whole value", row(f))
				}
			}
			slices.Sort(got)
			got = slices.Compact(got)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
