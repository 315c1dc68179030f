// Package cdptap sits between chromedp and the browser connection, so that
// the crawler can see the events of every DevTools session and send commands
// on any of them.
//
// chromedp drops the messages of sessions it did not attach itself, such as
// the cross-origin iframes and workers that auto-attach brings in. The tap
// reads every message first: it routes events to the [Sink] that owns their
// session (a child session inherits the owner of the session that attached
// it), keeps the replies to its own commands, and passes everything else on
// unchanged. It does not decide what an event means; the crawler does.
package cdptap

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/chromedp/cdproto"
	"github.com/chromedp/cdproto/cdp"
	jsonv2 "github.com/chromedp/cdproto/cdp/jsonv2"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// firstID is the first message id the tap uses for its own commands. It
// stays far above chromedp's counter and below 2^31: the browser hangs on
// ids that do not fit a signed 32-bit integer.
const firstID = 1 << 30

// ErrClosed is returned by [Tap.Call] when the connection to the browser is
// gone.
var ErrClosed = errors.New("browser connection closed")

// Tap wraps a chromedp transport. It is safe for concurrent use.
type Tap struct {
	inner chromedp.Transport

	writeMu sync.Mutex
	next    atomic.Int64

	mu      sync.Mutex
	pending map[int64]chan *cdproto.Message
	owners  map[target.SessionID]*Sink
	closed  chan struct{}
	once    sync.Once
}

// Wrap returns a tap over the transport inner.
func Wrap(inner chromedp.Transport) *Tap {
	t := &Tap{
		inner:   inner,
		pending: make(map[int64]chan *cdproto.Message),
		owners:  make(map[target.SessionID]*Sink),
		closed:  make(chan struct{}),
	}
	t.next.Store(firstID)
	return t
}

// Read satisfies [chromedp.Transport]. It returns the next message that is
// not a reply to the tap's own commands, after routing events to sinks. It
// never blocks on a sink.
func (t *Tap) Read(ctx context.Context, msg *cdproto.Message) error {
	for {
		*msg = cdproto.Message{}
		if err := t.inner.Read(ctx, msg); err != nil {
			t.shut()
			return err
		}
		if msg.ID >= firstID && msg.Method == "" {
			// msg is reused for the next read, so the waiter gets a copy.
			reply := *msg
			reply.Result = bytes.Clone(msg.Result)
			t.reply(&reply)
			continue
		}
		if msg.Method != "" {
			t.route(msg)
		}
		return nil
	}
}

// Write satisfies [chromedp.Transport].
func (t *Tap) Write(ctx context.Context, msg *cdproto.Message) error {
	t.writeMu.Lock()
	defer t.writeMu.Unlock()
	return t.inner.Write(ctx, msg)
}

// Close satisfies [chromedp.Transport].
func (t *Tap) Close() error {
	t.shut()
	return t.inner.Close()
}

// Closed is closed when the connection to the browser is gone.
func (t *Tap) Closed() <-chan struct{} { return t.closed }

func (t *Tap) shut() {
	t.once.Do(func() { close(t.closed) })
}

func (t *Tap) reply(msg *cdproto.Message) {
	t.mu.Lock()
	ch, ok := t.pending[msg.ID]
	delete(t.pending, msg.ID)
	t.mu.Unlock()
	if ok {
		ch <- msg
	}
}

// route hands an event to the sink that owns its session. The attach of a
// child session is routed on its parent's session, so the child inherits
// the parent's sink before any of its own events can arrive. Children of
// the browser session inherit nothing: every tab is attached there, and
// whoever owns the browser session gives its children away itself.
func (t *Tap) route(msg *cdproto.Message) {
	t.mu.Lock()
	sink := t.owners[msg.SessionID]
	if sink != nil {
		switch string(msg.Method) {
		case target.AttachedToTarget.Method:
			if msg.SessionID == "" {
				break
			}
			if child, err := attachedSession(msg.Params); err == nil {
				t.owners[child] = sink
			}
		case target.DetachedFromTarget.Method:
			var ev target.EventDetachedFromTarget
			if jsonv2.Unmarshal(msg.Params, &ev) == nil && ev.SessionID != msg.SessionID {
				defer t.Disown(ev.SessionID)
			}
		}
	}
	t.mu.Unlock()
	if sink != nil {
		sink.push(Event{
			Session: string(msg.SessionID),
			Method:  string(msg.Method),
			Params:  bytes.Clone(msg.Params),
		})
	}
}

func attachedSession(params []byte) (target.SessionID, error) {
	var ev struct {
		SessionID target.SessionID `json:"sessionId"`
	}
	if err := jsonv2.Unmarshal(params, &ev); err != nil {
		return "", err
	}
	return ev.SessionID, nil
}

// Own routes the events of session, and of every session it attaches, to
// sink. The empty session is the browser's: its sink gets the browser's
// events, such as the attach of every target, but no child session.
func (t *Tap) Own(session target.SessionID, sink *Sink) {
	t.mu.Lock()
	t.owners[session] = sink
	t.mu.Unlock()
}

// Disown stops routing the events of session.
func (t *Tap) Disown(session target.SessionID) {
	t.mu.Lock()
	delete(t.owners, session)
	t.mu.Unlock()
}

// DisownSink stops routing to sink from every session it owns.
func (t *Tap) DisownSink(sink *Sink) {
	t.mu.Lock()
	for s, k := range t.owners {
		if k == sink {
			delete(t.owners, s)
		}
	}
	t.mu.Unlock()
}

// Call sends method with params on session (empty for the browser) and
// decodes the result into res, which may be nil.
func (t *Tap) Call(ctx context.Context, session target.SessionID, method string,
	params, res any) error {
	var raw []byte
	if params != nil {
		var err error
		if raw, err = jsonv2.Marshal(params, chromedp.DefaultMarshalOptions); err != nil {
			return fmt.Errorf("encoding %s: %w", method, err)
		}
	}
	id := t.next.Add(1)
	ch := make(chan *cdproto.Message, 1)
	t.mu.Lock()
	t.pending[id] = ch
	t.mu.Unlock()
	defer func() {
		t.mu.Lock()
		delete(t.pending, id)
		t.mu.Unlock()
	}()

	msg := &cdproto.Message{ID: id, SessionID: session, Method: cdproto.MethodType(method),
		Params: raw}
	if err := t.Write(ctx, msg); err != nil {
		return fmt.Errorf("sending %s: %w", method, err)
	}
	select {
	case <-ctx.Done():
		return fmt.Errorf("waiting for %s: %w", method, ctx.Err())
	case <-t.closed:
		return fmt.Errorf("waiting for %s: %w", method, ErrClosed)
	case reply := <-ch:
		if reply.Error != nil {
			return fmt.Errorf("%s: %w", method, reply.Error)
		}
		if res == nil || len(reply.Result) == 0 {
			return nil
		}
		if err := jsonv2.Unmarshal(reply.Result, res, chromedp.DefaultUnmarshalOptions); err != nil {
			return fmt.Errorf("decoding %s: %w", method, err)
		}
		return nil
	}
}

// Do runs a typed command on session through the tap.
func Do[P, R any](ctx context.Context, t *Tap, session target.SessionID,
	cmd cdp.Command[P, R], params P) (R, error) {
	var res R
	err := t.Call(ctx, session, cmd.Method, params, &res)
	return res, err
}
