package crawler

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"go.uber.org/zap"
)

func TestOwnerPID(t *testing.T) {
	tests := map[string]int{
		"exposure-profile-123-456": 123,
		"exposure-profile-999":     0, // no owner recorded: never swept
		"exposure-profile-x-1":     0,
	}
	for name, want := range tests {
		if got := ownerPID(name); got != want {
			t.Errorf("ownerPID(%q) = %d, want %d", name, got, want)
		}
	}
}

// TestSweepProfiles removes the folder of an exposure process that is
// gone and keeps the folder of one that runs.
func TestSweepProfiles(t *testing.T) {
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	gone := cmd.Process.Pid
	stale := filepath.Join(os.TempDir(), profilePrefix+strconv.Itoa(gone)+"-test")
	live, err := newProfile()
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(live)
	if err := os.MkdirAll(stale, 0o700); err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(stale)

	sweepProfiles(zap.NewNop())
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale profile %s still there (%v)", stale, err)
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("live profile removed: %v", err)
	}
}
