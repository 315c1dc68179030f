package bench

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

func TestTreePSSCountsChildren(t *testing.T) {
	self := TreePSS(os.Getpid())
	if self <= 0 {
		t.Fatalf("PSS of this process = %d", self)
	}
	// A child that holds 64 MiB of touched memory must show in the tree.
	cmd := exec.Command("python3", "-c",
		"import time; b = bytearray(64 << 20); b[::4096] = b'x' * len(b[::4096]); time.sleep(5)")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	var with int64
	for range 40 {
		time.Sleep(100 * time.Millisecond)
		if with = TreePSS(os.Getpid()); with-self > 60<<20 {
			return
		}
	}
	t.Errorf("tree PSS grew from %d to %d, want 60 MiB more", self, with)
}

func TestPercentile(t *testing.T) {
	ds := []time.Duration{5, 1, 4, 2, 3}
	tests := map[float64]time.Duration{0: 1, 50: 3, 90: 5, 100: 5}
	for p, want := range tests {
		if got := Percentile(ds, p); got != want {
			t.Errorf("Percentile(%v) = %v, want %v", p, got, want)
		}
	}
	if Percentile(nil, 50) != 0 {
		t.Error("Percentile of nothing is not 0")
	}
}
