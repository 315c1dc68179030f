package scan

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// perSiteMemory is what one concurrent visit adds to the browser's memory,
// with room to spare: a tab with an iframe and a worker measured 85-120
// MiB of PSS here, and shops with session recorders take more.
const perSiteMemory = 300 << 20

// baseMemory is what the browser and this process take before any visit.
const baseMemory = 512 << 20

// DefaultWorkers sizes a scan for this machine: two visits per core (a
// visit waits on the network and on timers much of the time), but no more
// than the available memory holds, and at least one.
func DefaultWorkers() int {
	n := 2 * runtime.NumCPU()
	if avail := availableMemory(); avail > 0 {
		n = min(n, int((avail-baseMemory)/perSiteMemory))
	}
	return max(n, 1)
}

// availableMemory reads MemAvailable from /proc/meminfo, or returns 0
// where there is none.
func availableMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "MemAvailable:")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		if err != nil {
			return 0
		}
		return kb << 10
	}
	return 0
}
