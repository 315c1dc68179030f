package trace

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Write stores t as gzip-compressed JSON in the file at path. The file is
// written under a temporary name and renamed, so a crash never leaves a
// half-written trace under the final name.
func Write(path string, t *Trace) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("creating trace file: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	zw := gzip.NewWriter(tmp)
	if err := json.NewEncoder(zw).Encode(t); err != nil {
		return fmt.Errorf("encoding trace: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("compressing trace: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("closing trace file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("renaming trace file: %w", err)
	}
	return nil
}

// Read loads a trace written by [Write].
func Read(path string) (*Trace, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening trace: %w", err)
	}
	defer f.Close()
	return Decode(f)
}

// Decode reads a gzip-compressed JSON trace from r.
func Decode(r io.Reader) (*Trace, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("decompressing trace: %w", err)
	}
	var t Trace
	if err := json.NewDecoder(zr).Decode(&t); err != nil {
		return nil, fmt.Errorf("decoding trace: %w", err)
	}
	return &t, nil
}
