package lab

import (
	"slices"
	"sync"
	"time"
)

// Capture is one request (or WebSocket message) that reached the lab's
// collector or a site's own API, kept so that tests can check what a page
// really sent.
type Capture struct {
	Time        time.Time
	Host        string
	Method      string // an HTTP method, or "WS" for a WebSocket message
	Path        string
	Query       string
	ContentType string
	// Body holds the request body as received (still compressed when the
	// sender compressed it), cut at [maxCaptureBody] bytes.
	Body []byte
}

// Limits that keep a long-running lab's memory bounded: the oldest
// captures are dropped first.
const (
	maxCaptureBody  = 256 << 10
	maxCaptures     = 4096
	maxCaptureBytes = 64 << 20
)

// captures is a bounded log of [Capture]s, oldest first.
type captures struct {
	mu    sync.Mutex
	list  []Capture
	bytes int
}

func newCaptures() *captures { return &captures{} }

func (c *captures) add(cp Capture) {
	if len(cp.Body) > maxCaptureBody {
		cp.Body = cp.Body[:maxCaptureBody]
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.list = append(c.list, cp)
	c.bytes += len(cp.Body)
	drop := 0
	for len(c.list)-drop > maxCaptures || c.bytes > maxCaptureBytes {
		c.bytes -= len(c.list[drop].Body)
		drop++
	}
	if drop > 0 {
		c.list = slices.Delete(c.list, 0, drop)
	}
}

func (c *captures) snapshot() []Capture {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.list)
}

// Captures returns what the collector and the sites' own APIs received so
// far, oldest first. Bodies are shared with the lab and must not be
// modified.
func (l *Lab) Captures() []Capture { return l.capture.snapshot() }
