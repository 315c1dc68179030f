package trackerdb

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// packageName is the npm package that publishes the database.
const packageName = "@ghostery/trackerdb"

// packageMeta is the part of the npm package.json the loader reads.
type packageMeta struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	License string `json:"license"`
}

// findPackage looks for the database's package.json in dir and in its
// parent, where npm puts it relative to dist/trackerdb.json. A package.json
// of another package is ignored, so that a database copied into some
// project does not take that project's version.
func findPackage(dir string) (packageMeta, bool, error) {
	for _, d := range []string{dir, filepath.Dir(dir)} {
		path := filepath.Join(d, "package.json")
		data, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return packageMeta{}, false, fmt.Errorf("reading %q: %w", path, err)
		}
		var meta packageMeta
		if err := json.Unmarshal(data, &meta); err != nil {
			return packageMeta{}, false, fmt.Errorf("decoding %q: %w", path, err)
		}
		if meta.Name == packageName {
			return meta, true, nil
		}
	}
	return packageMeta{}, false, nil
}
