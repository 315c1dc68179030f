package reports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrSchema reports a document that is not an exposure/v1 report.
var ErrSchema = errors.New("not an " + Schema + " report")

// WriteSite writes r to dir as <stem>.json and <stem>.html, where stem is
// [FileStem] of r, each atomically. r must come from [New] or [ReadSite].
func WriteSite(dir string, r *Report) error {
	if r.Schema != Schema {
		return fmt.Errorf("writing report with schema %q: %w", r.Schema, ErrSchema)
	}
	stem := FileStem(r)

	doc, err := encodeJSON(r)
	if err != nil {
		return fmt.Errorf("encoding report of %q: %w", stem, err)
	}
	page, err := renderSite(r)
	if err != nil {
		return fmt.Errorf("rendering report of %q: %w", stem, err)
	}

	if err := writeAtomic(filepath.Join(dir, stem+".json"), doc); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, stem+".html"), page)
}

// ReadSite reads a report written by [WriteSite]. Fields it does not know
// (added by a later release within the schema) are ignored.
func ReadSite(path string) (*Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading report: %w", err)
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("decoding report %q: %w", path, err)
	}
	if r.Schema != Schema {
		return nil, fmt.Errorf("reading report %q with schema %q: %w", path, r.Schema, ErrSchema)
	}
	normalise(&r)
	return &r, nil
}

// encodeJSON indents with two spaces and leaves <, > and & as they are, so
// that URLs stay readable; the file is data, never served as HTML.
func encodeJSON(r *Report) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeAtomic writes data to a temporary file beside path, flushes it to
// disk and renames it over path, so that path holds either the old or the
// new content, never a mix.
func writeAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("creating temporary file for %q: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()

	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("writing %q: %w", f.Name(), err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("setting mode of %q: %w", f.Name(), err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("flushing %q: %w", f.Name(), err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("closing %q: %w", f.Name(), err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("renaming %q to %q: %w", f.Name(), path, err)
	}
	return nil
}
