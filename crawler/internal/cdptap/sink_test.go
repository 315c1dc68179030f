package cdptap

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestSinkKeepsOrderWithoutBlocking(t *testing.T) {
	s := NewSink()
	// The producer never waits, however far the consumer is behind.
	for i := range 10000 {
		s.push(Event{Method: fmt.Sprint(i)})
	}
	s.Close()
	s.push(Event{Method: "after close"})

	ctx := context.Background()
	for i := range 10000 {
		ev, ok := s.Next(ctx)
		if !ok || ev.Method != fmt.Sprint(i) {
			t.Fatalf("event %d = %q, %v", i, ev.Method, ok)
		}
	}
	if ev, ok := s.Next(ctx); ok {
		t.Fatalf("event after close = %q, want end of stream", ev.Method)
	}
}

func TestSinkNextEndsWithContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, ok := NewSink().Next(ctx); ok {
		t.Fatal("Next on an empty sink returned an event")
	}
}
