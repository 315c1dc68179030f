// Package trackerdb loads Ghostery's tracker database (the trackerdb.json
// file published in the @ghostery/trackerdb npm package) and answers which
// tracker pattern and which organization a host or registrable domain
// belongs to.
//
// It only reads the database's domain index: it does not evaluate the
// database's adblock filters, so it classifies hosts, never individual URLs,
// and it decides nothing about first or third parties (the detectors do).
// It never fetches anything: the file comes from disk, normally from the
// npm package installed at set-up, or from any file of the same format.
package trackerdb

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Name is the name under which the database is recorded in reports.
const Name = "ghostery-trackerdb"

// ErrFormat reports a file that is readable JSON but not a tracker database
// of the expected shape, or whose references do not resolve.
var ErrFormat = errors.New("not a ghostery tracker database")

// DB is a loaded tracker database. Its methods are safe for concurrent use
// and accept a nil *DB, which knows no domain.
type DB struct {
	info List
	// domains maps a lower-case domain listed in the database to what the
	// database says about it.
	domains map[string]Match
}

// List describes a tracker list as reports record it.
type List struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	License string `json:"license"`
	// Source is the path the database was loaded from.
	Source string `json:"source"`
}

// Match is what the database says about one listed domain.
type Match struct {
	// Domain is the listed domain that matched: the host itself or one of
	// its parent domains.
	Domain string `json:"domain"`
	// Pattern is the database's identifier of the tracker (e.g. "posthog").
	Pattern string `json:"pattern"`
	// Name is the tracker's display name (e.g. "PostHog").
	Name string `json:"name"`
	// Category is the database's category key (e.g. "site_analytics").
	Category string `json:"category"`
	// Organization is the owner's display name, empty when the database
	// names no owner.
	Organization string `json:"organization,omitempty"`
	// OrganizationID is the database's identifier of the owner.
	OrganizationID string `json:"organization_id,omitempty"`
}

// DefaultPath returns where the npm package installs trackerdb.json below
// the repository root.
func DefaultPath(root string) string {
	return filepath.Join(root, "node_modules", "@ghostery", "trackerdb", "dist", "trackerdb.json")
}

// Load reads a tracker database from path. The version and licence come
// from the npm package's package.json found beside the file or one folder
// up; for a file outside such a package the version is "sha256:" and the
// start of the file's digest, and the licence is empty.
func Load(path string) (*DB, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading tracker database %q: %w", path, err)
	}
	domains, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("loading tracker database %q: %w", path, err)
	}

	info := List{Name: Name, Source: path}
	meta, found, err := findPackage(filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("loading tracker database %q: %w", path, err)
	}
	if found {
		info.Version, info.License = meta.Version, meta.License
	} else {
		sum := sha256.Sum256(data)
		info.Version = "sha256:" + hex.EncodeToString(sum[:6])
	}
	return &DB{info: info, domains: domains}, nil
}

// Info describes the loaded database for reports.
func (db *DB) Info() List {
	if db == nil {
		return List{}
	}
	return db.info
}

// Len returns the number of domains the database lists.
func (db *DB) Len() int {
	if db == nil {
		return 0
	}
	return len(db.domains)
}
