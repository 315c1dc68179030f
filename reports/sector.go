package reports

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// noSector names the group of sites whose input gave no sector.
const noSector = "(no sector)"

// group is the sector summary of some sites: the whole run, or one sector.
// Shares are over the sites whose scan did not fail.
type group struct {
	Name                   string
	Sites, Scanned, Failed int
	KeystrokeExfiltration  share
	ThirdPartyExfiltration share
	Fingerprinting         share
	SessionRecording       share
	// MedianThirdParties is the median number of third-party domains.
	MedianThirdParties float64
}

// share is a number of sites out of a total.
type share struct {
	N, Of int
	// Unchecked is true when no detector of this release looks for the
	// finding, so that sites without it are not known to be free of it.
	Unchecked bool
}

// String formats the share as "3 of 12 (25%)", or "not checked" when the
// finding is unchecked and was not seen at all.
func (s share) String() string {
	switch {
	case s.Unchecked && s.N == 0:
		return "not checked"
	case s.Unchecked:
		return fmt.Sprintf("%d of %d seen, the rest not checked", s.N, s.Of)
	case s.Of == 0:
		return "–"
	}
	pct := math.Round(100 * float64(s.N) / float64(s.Of))
	return fmt.Sprintf("%d of %d (%.0f%%)", s.N, s.Of, pct)
}

// thirdPartyShare is one third-party domain and the sites it was seen on.
type thirdPartyShare struct {
	Domain, Entity string
	Categories     []string
	Sites          share
}

// groups returns the summary of all sites, then of each sector when the run
// has more than one.
func groups(rows []siteRow) []group {
	all := summariseGroup("All sites", rows)
	names := sectors(rows)
	if len(names) < 2 {
		return []group{all}
	}
	gs := []group{all}
	for _, name := range names {
		var members []siteRow
		for _, r := range rows {
			if sectorName(r) == name {
				members = append(members, r)
			}
		}
		gs = append(gs, summariseGroup(name, members))
	}
	return gs
}

func summariseGroup(name string, rows []siteRow) group {
	g := group{Name: name, Sites: len(rows)}
	var thirdParties []int
	for _, r := range rows {
		if !r.Known {
			g.Failed++
			continue
		}
		g.Scanned++
		s := r.Summary
		g.KeystrokeExfiltration.N += count(s.KeystrokeExfiltration)
		g.ThirdPartyExfiltration.N += count(s.Counts.ThirdPartyExfiltration > 0)
		g.Fingerprinting.N += count(s.Fingerprinting)
		g.SessionRecording.N += count(s.SessionRecording)
		thirdParties = append(thirdParties, s.ThirdPartyDomains)
	}
	g.KeystrokeExfiltration.Of = g.Scanned
	g.ThirdPartyExfiltration.Of = g.Scanned
	g.Fingerprinting.Of = g.Scanned
	g.SessionRecording.Of = g.Scanned
	g.KeystrokeExfiltration.Unchecked = !checked(sectionExfiltration)
	g.ThirdPartyExfiltration.Unchecked = !checked(sectionExfiltration)
	g.Fingerprinting.Unchecked = !checked(sectionFingerprinting)
	g.SessionRecording.Unchecked = !checked(sectionSessionRecorders)
	g.MedianThirdParties = median(thirdParties)
	return g
}

// topShares returns the n third-party domains seen on most scanned sites,
// ties broken by domain. Entity and categories come from the first report
// that names them, in row order.
func topShares(rows []siteRow, n int) []thirdPartyShare {
	byDomain := map[string]*thirdPartyShare{}
	var order []*thirdPartyShare
	scanned := 0
	for _, r := range rows {
		if !r.Known {
			continue
		}
		scanned++
		seen := map[string]bool{}
		for _, tp := range r.ThirdParties {
			if seen[tp.Domain] {
				continue
			}
			seen[tp.Domain] = true
			t := byDomain[tp.Domain]
			if t == nil {
				t = &thirdPartyShare{Domain: tp.Domain}
				byDomain[tp.Domain] = t
				order = append(order, t)
			}
			t.Sites.N++
			t.Entity = cmp.Or(t.Entity, tp.Entity)
			for _, c := range tp.Categories {
				t.Categories = appendNew(t.Categories, c)
			}
		}
	}

	top := make([]thirdPartyShare, 0, len(order))
	for _, t := range order {
		t.Sites.Of = scanned
		top = append(top, *t)
	}
	slices.SortFunc(top, func(a, b thirdPartyShare) int {
		return cmp.Or(cmp.Compare(b.Sites.N, a.Sites.N), cmp.Compare(a.Domain, b.Domain))
	})
	return top[:min(n, len(top))]
}

// sectors returns the distinct sector names of rows, sorted.
func sectors(rows []siteRow) []string {
	var names []string
	for _, r := range rows {
		names = appendNew(names, sectorName(r))
	}
	slices.Sort(names)
	return names
}

func sectorName(r siteRow) string {
	return cmp.Or(r.Site.Sector, noSector)
}

func count(b bool) int {
	if b {
		return 1
	}
	return 0
}

func median(xs []int) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return float64(s[mid])
	}
	return float64(s[mid-1]+s[mid]) / 2
}
