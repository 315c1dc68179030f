package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/exposure-audit/exposure/internal/scan"
)

// newLogger builds the one logger of a run: structured, to stderr through
// the progress line, at info level or debug when asked.
func newLogger(out io.Writer, debug bool) (*zap.Logger, error) {
	level := zap.InfoLevel
	if debug {
		level = zap.DebugLevel
	}
	enc := zap.NewProductionEncoderConfig()
	enc.TimeKey = "time"
	enc.EncodeTime = zapcore.ISO8601TimeEncoder
	core := zapcore.NewCore(zapcore.NewJSONEncoder(enc), zapcore.AddSync(out), level)
	return zap.New(core), nil
}

// progressLine shows done/total, failures, rate and ETA on one terminal
// line, and keeps log lines from tearing it: every write clears the line,
// writes, and draws it again. Off a terminal it only passes writes on.
type progressLine struct {
	mu    sync.Mutex
	w     io.Writer
	tty   bool
	state string
}

func newProgressLine(w io.Writer) *progressLine {
	p := &progressLine{w: w}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

// Write satisfies io.Writer for the logger.
func (p *progressLine) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty && p.state != "" {
		fmt.Fprint(p.w, "\r\033[K")
	}
	n, err := p.w.Write(b)
	if p.tty && p.state != "" {
		fmt.Fprint(p.w, p.state)
	}
	return n, err
}

func (p *progressLine) update(s scan.Progress) {
	if !p.tty {
		return
	}
	elapsed := time.Since(s.Started)
	rate := float64(s.Done) / elapsed.Minutes()
	eta := "?"
	if s.Done > 0 {
		left := time.Duration(float64(elapsed) / float64(s.Done) * float64(s.Total-s.Done))
		eta = left.Round(time.Second).String()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.state = fmt.Sprintf("%d/%d sites, %d failed, %.1f sites/min, ETA %s",
		s.Done, s.Total, s.Failed, rate, eta)
	fmt.Fprint(p.w, "\r\033[K"+p.state)
}

func (p *progressLine) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty && p.state != "" {
		fmt.Fprint(p.w, "\r\033[K")
		p.state = ""
	}
}
