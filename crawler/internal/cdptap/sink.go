package cdptap

import (
	"context"
	"sync"
)

// Event is one DevTools event as it arrived, not yet decoded.
type Event struct {
	Session string
	Method  string
	Params  []byte
}

// Sink is an unbounded queue of events for one consumer. The tap pushes
// into it from the connection's read loop, which must never wait, so the
// queue grows instead of blocking; the consumer drains it in order.
type Sink struct {
	mu     sync.Mutex
	queue  []Event
	ready  chan struct{}
	closed bool
}

// NewSink returns an empty sink.
func NewSink() *Sink {
	return &Sink{ready: make(chan struct{}, 1)}
}

// Push appends ev. Besides the tap, the crawler uses it to put markers in
// the stream, such as the start of a new page, so that they keep their
// order relative to the browser's events.
func (s *Sink) Push(ev Event) { s.push(ev) }

func (s *Sink) push(ev Event) {
	s.mu.Lock()
	if !s.closed {
		s.queue = append(s.queue, ev)
	}
	s.mu.Unlock()
	select {
	case s.ready <- struct{}{}:
	default:
	}
}

// Close ends the stream: Next returns false once the queue is drained.
func (s *Sink) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	select {
	case s.ready <- struct{}{}:
	default:
	}
}

// Next returns the oldest event, waiting for one. It returns false when the
// sink is closed and drained, or when ctx ends.
func (s *Sink) Next(ctx context.Context) (Event, bool) {
	for {
		s.mu.Lock()
		if len(s.queue) > 0 {
			ev := s.queue[0]
			s.queue[0] = Event{}
			s.queue = s.queue[1:]
			s.mu.Unlock()
			return ev, true
		}
		closed := s.closed
		s.mu.Unlock()
		if closed {
			return Event{}, false
		}
		select {
		case <-ctx.Done():
			return Event{}, false
		case <-s.ready:
		}
	}
}
