package main

import (
	"os"
	"path/filepath"
)

// findRoot returns the project folder that holds node_modules (the tracker
// database, the lab's libraries) and lab/: the one given, else the first
// such folder above the working folder, else above the binary, else ".".
func findRoot(given string) string {
	if given != "" {
		return given
	}
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(exe))
	}
	for _, dir := range starts {
		for {
			if isRoot(dir) {
				return dir
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return "."
}

func isRoot(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "node_modules", "@ghostery", "trackerdb"))
	return err == nil
}
