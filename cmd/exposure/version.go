package main

import "runtime/debug"

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// toolVersion is the release plus the commit it was built from, when the
// build recorded one, so that a report can be traced to its code.
func toolVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return version
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return version
	}
	return version + "+" + rev + dirty
}
