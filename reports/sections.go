package reports

import "slices"

// The finding sections of a report, named by their JSON keys.
const (
	sectionThirdParties       = "third_parties"
	sectionScripts            = "scripts"
	sectionKeystrokeListeners = "keystroke_listeners"
	sectionExfiltration       = "exfiltration"
	sectionFingerprinting     = "fingerprinting"
	sectionSessionRecorders   = "session_recorders"
	sectionCookies            = "cookies"
)

// checkedSections lists the finding sections that the detectors of this
// release fill in. Only for these does an empty section mean "looked and
// found none". Every other section is shown as "not checked" instead of
// "no" (or "none found") on the site pages, in index.html and in
// summary.csv, while any entries it does hold are still shown as found.
//
// Session recording is missing because no detector looks for it yet;
// reporting it is adding sectionSessionRecorders here.
var checkedSections = []string{
	sectionThirdParties,
	sectionScripts,
	sectionKeystrokeListeners,
	sectionExfiltration,
	sectionFingerprinting,
	sectionCookies,
}

// checked reports whether the detectors look for the findings of section,
// so that an empty section is a real "no".
func checked(section string) bool {
	return slices.Contains(checkedSections, section)
}

// anyUnchecked reports whether some finding section is not checked, so
// that pages explain what "not checked" means only when they may show it.
func anyUnchecked() bool {
	all := []string{
		sectionThirdParties, sectionScripts, sectionKeystrokeListeners,
		sectionExfiltration, sectionFingerprinting, sectionSessionRecorders,
		sectionCookies,
	}
	for _, s := range all {
		if !checked(s) {
			return true
		}
	}
	return false
}
