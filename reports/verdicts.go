package reports

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// verdict is one plain-language answer at the top of a site's page, shown
// as Before, Answer in bold, then After, with Detail below it.
type verdict struct {
	Before, Answer, After string
	// Level is the CSS class: bad, note, good, unknown or unchecked.
	Level  string
	Detail string
}

// verdicts turns the summary of r into the four answers a non-engineer
// reads first. A "no" is only said when the scan completed; otherwise the
// answer says what is not known.
func verdicts(r *Report) []verdict {
	return []verdict{
		typingVerdict(r),
		companiesVerdict(r),
		fingerprintVerdict(r),
		recordingVerdict(r),
	}
}

func typingVerdict(r *Report) verdict {
	v := verdict{Before: "Typed text leaves this page before you press send: "}
	if !r.Summary.KeystrokeExfiltration {
		return absent(r, sectionExfiltration, v)
	}
	var dests, fields []string
	for _, e := range r.Exfiltration {
		dests = appendNew(dests, cmp.Or(e.DestinationDomain, e.Destination))
		fields = appendNew(fields, e.FieldKind)
	}
	v.Answer, v.Level = "yes", "bad"
	what := "What you type"
	if len(fields) > 0 {
		what += " in " + strings.Join(fields, ", ") + " fields"
	}
	v.Detail = fmt.Sprintf("%s is sent to %s.", what, strings.Join(dests, ", "))
	return v
}

func companiesVerdict(r *Report) verdict {
	if r.Scan.Status == StatusFailed {
		return verdict{Answer: "Not known", After: " which companies load code here",
			Level: "unknown", Detail: "The scan failed."}
	}
	var owners []string
	for _, tp := range r.ThirdParties {
		if len(tp.Scripts) > 0 {
			owners = appendNew(owners, cmp.Or(tp.Entity, tp.Domain))
		}
	}
	v := verdict{Answer: fmt.Sprint(len(owners)), After: " companies load code here",
		Level: "note"}
	switch {
	case len(owners) == 0 && r.Scan.Status == StatusOK:
		v.Answer, v.After, v.Level = "No", " other company loads code here", "good"
	case len(owners) == 0:
		v.Answer, v.After, v.Level = "No", " other company was seen loading code here",
			"unknown"
	case len(owners) == 1:
		v.After = " company loads code here"
	}

	var detail []string
	if len(owners) > 0 {
		detail = append(detail, "They are: "+strings.Join(owners, ", ")+".")
	}
	detail = append(detail, fmt.Sprintf("Third-party domains contacted in all: %d.",
		r.Summary.ThirdPartyDomains))
	if r.Scan.Status != StatusOK {
		detail = append(detail, "The scan was incomplete, so there may be more.")
	}
	v.Detail = strings.Join(detail, " ")
	return v
}

func fingerprintVerdict(r *Report) verdict {
	v := verdict{Before: "Scripts here fingerprint your browser: "}
	if !r.Summary.Fingerprinting {
		return absent(r, sectionFingerprinting, v)
	}
	var techniques []string
	for _, f := range r.Fingerprinting {
		techniques = appendNew(techniques, f.Technique)
	}
	v.Answer, v.Level = "yes", "bad"
	scripts := "1 script reads"
	if n := r.Summary.Counts.FingerprintingScripts; n != 1 {
		scripts = fmt.Sprintf("%d scripts read", n)
	}
	v.Detail = fmt.Sprintf("%s details of your browser that can identify it "+
		"without cookies (%s).", scripts, strings.Join(techniques, ", "))
	return v
}

func recordingVerdict(r *Report) verdict {
	v := verdict{Before: "Your visit is recorded as a whole (session recording): "}
	if !r.Summary.SessionRecording {
		return absent(r, sectionSessionRecorders, v)
	}
	var vendors []string
	for _, s := range r.SessionRecorders {
		vendors = appendNew(vendors, cmp.Or(s.Vendor, s.Script))
	}
	v.Answer, v.Level = "yes", "bad"
	v.Detail = "Recorded by: " + strings.Join(vendors, ", ") + "."
	return v
}

// absent fills a verdict whose finding, from section, was not seen, saying
// how sure that is given the scan's status, or that nobody looked.
func absent(r *Report, section string, v verdict) verdict {
	v.Answer, v.Level = answer(section, r.Scan.Status, false)
	switch {
	case !checked(section):
		v.Detail = "This version of exposure does not look for this yet, so the " +
			"report cannot say either way."
	case r.Scan.Status == StatusOK:
	case r.Scan.Status == StatusFailed:
		v.Detail = "The scan failed."
	default:
		v.Detail = "The scan was incomplete, so this may have been missed."
	}
	return v
}

// answer is the word for a yes-or-no finding of section and its CSS class:
// "yes" when found, else "not checked" when no detector looks for it, "no"
// only when the scan completed, "not known" when it failed and "not seen"
// when it was incomplete.
func answer(section, status string, found bool) (word, level string) {
	switch {
	case found:
		return "yes", "bad"
	case !checked(section):
		return "not checked", "unchecked"
	case status == StatusOK:
		return "no", "good"
	case status == StatusFailed:
		return "not known", "unknown"
	}
	return "not seen", "unknown"
}

// appendNew appends s to list unless it is empty or already there, keeping
// the order of first appearance.
func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
