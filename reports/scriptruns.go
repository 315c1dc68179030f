package reports

import (
	"slices"

	"github.com/exposure-audit/exposure/findings"
)

// scriptRuns is one script of the site page: a script URL and the frames
// it ran in. The JSON report keeps one entry per script and frame.
type scriptRuns struct {
	URL    string
	Domain string
	Party  findings.Party
	// Frames are the distinct frames (documents or workers) it ran in.
	Frames []string
}

// groupScripts returns one entry per script URL, in the order of first
// appearance. Domain and party are those of the first entry: both follow
// from the URL, so the entries of one URL agree on them.
func groupScripts(scripts []findings.Script) []scriptRuns {
	var out []scriptRuns
	index := map[string]int{}
	for _, s := range scripts {
		i, ok := index[s.URL]
		if !ok {
			i = len(out)
			index[s.URL] = i
			out = append(out, scriptRuns{URL: s.URL, Domain: s.Domain, Party: s.Party})
		}
		// An unknown frame ("") still counts as one.
		if !slices.Contains(out[i].Frames, s.Frame) {
			out[i].Frames = append(out[i].Frames, s.Frame)
		}
	}
	return out
}
