package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exposure-audit/exposure/reports"
)

func TestRunUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no command", nil, "Commands:"},
		{"unknown command", []string{"scna"}, `unknown command "scna"`},
		{"unknown flag", []string{"scan", "--nope"}, "flag provided but not defined"},
		{"zero workers", []string{"scan", "--workers", "0", "x.example"}, "--workers must be at least 1"},
		{"no sites", []string{"scan"}, "no sites to scan"},
		{"missing site list", []string{"scan", "--sites", "/nonexistent/list.txt"}, "opening site list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := tt.args
			if len(args) > 0 && args[0] == "scan" {
				args = append([]string{"scan", "--out", t.TempDir()}, args[1:]...)
			}
			if code := run(context.Background(), args, &stdout, &stderr); code != exitUsage {
				t.Errorf("exit = %d, want %d; stderr:\n%s", code, exitUsage, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tt.want)
			}
		})
	}
}

// TestScanFailedSites runs a real scan of a site list whose only entries
// are a dead host and a malformed line: both get failed reports, the index
// is written, and the exit status says some sites failed.
func TestScanFailedSites(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	ln.Close()

	dir := t.TempDir()
	list := filepath.Join(dir, "sites.txt")
	lines := "# shops\n\nhtp:/broken\n" + dead + "\n" + dead + "\n"
	if err := os.WriteFile(list, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"scan", "--sites", list, "--out", out,
		"--root", "../.."}, &stdout, &stderr)
	if code != exitFailed {
		t.Fatalf("exit = %d, want %d; stderr:\n%s", code, exitFailed, stderr.String())
	}
	if !strings.Contains(stderr.String(), `"line":3`) {
		t.Errorf("the malformed line's number is not logged:\n%s", stderr.String())
	}

	matches, _ := filepath.Glob(filepath.Join(out, "*.json"))
	if len(matches) != 2 {
		t.Fatalf("reports = %v, want 2 (the duplicate scanned once)", matches)
	}
	for _, m := range matches {
		data, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		var r reports.Report
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatal(err)
		}
		if r.Scan.Status != reports.StatusFailed || len(r.Scan.Errors) == 0 {
			t.Errorf("%s: status %q errors %q, want failed with a reason", m, r.Scan.Status, r.Scan.Errors)
		}
	}
	for _, name := range []string{"index.html", "summary.csv"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
