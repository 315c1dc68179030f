package lab

import (
	"bytes"
	"strconv"
	"testing"
)

func TestCapturesStayBounded(t *testing.T) {
	c := newCaptures()
	big := bytes.Repeat([]byte("x"), maxCaptureBody+10)
	c.add(Capture{Path: "/big", Body: big})
	if got := len(c.snapshot()[0].Body); got != maxCaptureBody {
		t.Errorf("body kept %d bytes, want %d", got, maxCaptureBody)
	}
	for i := range maxCaptures + 5 {
		c.add(Capture{Path: "/n", Query: strconv.Itoa(i), Body: []byte{'x'}})
	}
	snap := c.snapshot()
	if len(snap) != maxCaptures {
		t.Fatalf("kept %d captures, want %d", len(snap), maxCaptures)
	}
	if snap[0].Path != "/n" || snap[len(snap)-1].Query != strconv.Itoa(maxCaptures+4) {
		t.Errorf("oldest captures were not the ones dropped")
	}
	if c.bytes != maxCaptures {
		t.Errorf("byte count %d, want %d", c.bytes, maxCaptures)
	}
}
