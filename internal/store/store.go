// Package store keeps a scan's progress in an embedded SQLite database
// beside its reports, so that running the same scan again after a crash,
// a kill or a reboot skips the sites already done and loses nothing.
//
// It records which sites started and which finished, with the file stem
// of their reports; the reports themselves stay files. It does not decide
// what to scan: the scan asks it.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// FileName is the database's name inside a scan's output folder.
const FileName = "exposure.db"

// States of a site in the store.
const (
	// StateRunning means the site was started and has not finished: the
	// process stopped while visiting it.
	StateRunning = "running"
	// StateDone means the site's report is written.
	StateDone = "done"
)

// Site is one site's progress.
type Site struct {
	Input    string
	State    string
	Status   string // the report's scan status, once done
	Stem     string // the report's file stem, once done
	Attempts int
}

// Store is an open progress database. It is safe for concurrent use.
type Store struct {
	db *sql.DB
}

const schema = `
CREATE TABLE IF NOT EXISTS sites (
	input    TEXT PRIMARY KEY,
	state    TEXT NOT NULL,
	status   TEXT NOT NULL DEFAULT '',
	stem     TEXT NOT NULL DEFAULT '',
	attempts INTEGER NOT NULL DEFAULT 0,
	started  TEXT NOT NULL DEFAULT '',
	finished TEXT NOT NULL DEFAULT ''
)`

// Open opens or creates the database at path. Writes go through SQLite's
// write-ahead log with full syncs, so a finished site stays recorded
// across a power cut.
func Open(ctx context.Context, path string) (*Store, error) {
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
		"&_pragma=busy_timeout(10000)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("opening progress database %q: %w", path, err)
	}
	// One connection: SQLite serialises writers anyway, and this keeps
	// the pragmas on the one connection that exists.
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("creating progress tables in %q: %w", path, err)
	}
	return &Store{db: db}, nil
}

// Close closes the database.
func (s *Store) Close() error {
	return s.db.Close()
}

// Sites returns the progress of every site the store knows, by input.
func (s *Store) Sites(ctx context.Context) (map[string]Site, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT input, state, status, stem, attempts FROM sites`)
	if err != nil {
		return nil, fmt.Errorf("reading progress: %w", err)
	}
	defer rows.Close()
	out := make(map[string]Site)
	for rows.Next() {
		var site Site
		if err := rows.Scan(&site.Input, &site.State, &site.Status, &site.Stem,
			&site.Attempts); err != nil {
			return nil, fmt.Errorf("reading progress: %w", err)
		}
		out[site.Input] = site
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading progress: %w", err)
	}
	return out, nil
}

// Start records that a site's visit begins, and counts the attempt.
func (s *Store) Start(ctx context.Context, input string) error {
	_, err := s.db.ExecContext(ctx, `
INSERT INTO sites (input, state, attempts, started) VALUES (?, ?, 1, ?)
ON CONFLICT (input) DO UPDATE SET state = excluded.state, attempts = attempts + 1,
	started = excluded.started`,
		input, StateRunning, now())
	if err != nil {
		return fmt.Errorf("recording start of %q: %w", input, err)
	}
	return nil
}

// Finish records that a site's report is written under stem.
func (s *Store) Finish(ctx context.Context, input, status, stem string) error {
	_, err := s.db.ExecContext(ctx, `
INSERT INTO sites (input, state, status, stem, finished) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (input) DO UPDATE SET state = excluded.state, status = excluded.status,
	stem = excluded.stem, finished = excluded.finished`,
		input, StateDone, status, stem, now())
	if err != nil {
		return fmt.Errorf("recording end of %q: %w", input, err)
	}
	return nil
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }
