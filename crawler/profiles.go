package crawler

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"go.uber.org/zap"
)

// profilePrefix starts the name of every browser profile folder, followed
// by the pid of the exposure process that owns it.
const profilePrefix = "exposure-profile-"

// newProfile creates a fresh profile folder named after this process.
func newProfile() (string, error) {
	return os.MkdirTemp("", fmt.Sprintf("%s%d-", profilePrefix, os.Getpid()))
}

// sweepProfiles removes the profile folders of exposure processes that no
// longer run (killed, or the machine rebooted), after killing any browser
// process still using one. Browsers are found by the profile folder on
// their command line, never by name: other Chromium processes on the
// machine are not ours.
func sweepProfiles(log *zap.Logger) {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), profilePrefix+"*"))
	for _, dir := range dirs {
		owner := ownerPID(filepath.Base(dir))
		if owner <= 0 || processAlive(owner) {
			continue
		}
		killUsers(dir)
		if err := os.RemoveAll(dir); err != nil {
			log.Warn("removing stale browser profile failed", zap.String("path", dir), zap.Error(err))
			continue
		}
		log.Debug("stale browser profile removed", zap.String("path", dir))
	}
}

// ownerPID reads the owner's pid from a profile folder's name, or 0.
func ownerPID(name string) int {
	rest := strings.TrimPrefix(name, profilePrefix)
	pid, _, found := strings.Cut(rest, "-")
	if !found {
		return 0
	}
	n, err := strconv.Atoi(pid)
	if err != nil {
		return 0
	}
	return n
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}

// killUsers kills the processes whose command line names dir as their
// profile.
func killUsers(dir string) {
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		data, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(data), "--user-data-dir="+dir) {
			continue
		}
		pid, err := strconv.Atoi(filepath.Base(filepath.Dir(p)))
		if err == nil {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}
