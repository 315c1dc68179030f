package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/exposure-audit/exposure/reports"
)

// The test binary doubles as the exposure command when this variable is
// set, so that a test can run it as a process and kill it.
const runMainEnv = "EXPOSURE_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		os.Args = append([]string{"exposure"}, os.Args[1:]...)
		main()
		return
	}
	os.Exit(m.Run())
}

// exposureCmd returns the test binary set up to run as exposure.
func exposureCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	return cmd
}

// TestResumeAfterKill kills a lab scan with SIGKILL once some sites are
// done, runs the same command again, and checks that every site ends with
// exactly one complete report, that no finished site was scanned again,
// and that no browser outlived the killed process.
func TestResumeAfterKill(t *testing.T) {
	out := t.TempDir()
	args := []string{"scan", "--lab", "--workers", "2", "--out", out, "--root", "../.."}

	first := exposureCmd(args...)
	var firstLog bytes.Buffer
	first.Stderr = &firstLog
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	done := waitForReports(t, out, 2, 3*time.Minute)
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	before := reportInputs(t, out)
	if len(before) < len(done) {
		t.Fatalf("reports after kill = %d, fewer than the %d seen before it", len(before), len(done))
	}
	waitNoBrowser(t, first.Process.Pid)

	second := exposureCmd(args...)
	var secondLog bytes.Buffer
	second.Stderr = &secondLog
	if err := second.Run(); err != nil {
		t.Fatalf("second run: %v\n%s", err, secondLog.String())
	}

	scannedAgain := scannedSites(t, &secondLog)
	for input := range before {
		if scannedAgain[input] {
			t.Errorf("%s was finished before the kill and scanned again", input)
		}
	}
	after := reportInputs(t, out)
	labSites, _ := filepath.Glob("../../lab/sites/*/expected.json")
	if len(after) != len(labSites) {
		t.Errorf("sites with reports = %d, want the %d lab sites: %v", len(after), len(labSites), after)
	}
	for input, n := range after {
		if n != 1 {
			t.Errorf("%s has %d reports, want 1", input, n)
		}
		if before[input] == 0 && !scannedAgain[input] {
			t.Errorf("%s has a report but neither run scanned it", input)
		}
	}
	if tmps, _ := filepath.Glob(filepath.Join(out, ".*.tmp")); len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("index.html: %v", err)
	}
}

// waitForReports waits until n site reports exist in dir and returns them.
func waitForReports(t *testing.T, dir string, n int, limit time.Duration) map[string]int {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if got := reportInputsQuiet(dir); len(got) >= n {
			return got
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("fewer than %d reports after %s", n, limit)
	return nil
}

// reportInputs counts the complete site reports in dir per input.
func reportInputs(t *testing.T, dir string) map[string]int {
	t.Helper()
	return reportInputsQuiet(dir)
}

func reportInputsQuiet(dir string) map[string]int {
	out := map[string]int{}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	for _, f := range files {
		r, err := reports.ReadSite(f)
		if err == nil {
			out[r.Site.Input]++
		}
	}
	return out
}

// scannedSites returns the sites a run's log says it scanned.
func scannedSites(t *testing.T, log *bytes.Buffer) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	sc := bufio.NewScanner(log)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var line struct {
			Msg  string `json:"msg"`
			Site string `json:"site"`
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil &&
			(line.Msg == "site scanned" || line.Msg == "site failed") {
			out[line.Site] = true
		}
	}
	return out
}

// waitNoBrowser waits until no process uses a profile folder owned by
// pid, and fails if one is still there after a few seconds.
func waitNoBrowser(t *testing.T, pid int) {
	t.Helper()
	profile := "exposure-profile-" + strconv.Itoa(pid) + "-"
	marker := "--user-data-dir=" + filepath.Join(os.TempDir(), profile)
	var left []string
	for range 50 {
		left = left[:0]
		procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
		for _, p := range procs {
			data, err := os.ReadFile(p)
			if err == nil && strings.Contains(string(data), marker) {
				left = append(left, p)
			}
		}
		if len(left) == 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("browser processes outlived the killed scan: %v", left)
}
