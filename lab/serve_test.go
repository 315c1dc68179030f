package lab

import (
	"context"
	"net"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"
)

func TestServeLogsFlagsAndStops(t *testing.T) {
	core, logs := observer.New(zap.InfoLevel)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, Options{Root: "..", Logger: zap.New(core)}, "127.0.0.1:0", "127.0.0.1:0")
	}()

	deadline := time.Now().Add(10 * time.Second)
	for logs.FilterMessage("lab ready").Len() == 0 {
		if time.Now().After(deadline) {
			cancel()
			t.Fatal("Serve did not log lab ready")
		}
		time.Sleep(10 * time.Millisecond)
	}
	ready := logs.FilterMessage("lab ready").All()[0].ContextMap()
	args, _ := ready["browser_args"].([]any)
	if len(args) != 2 {
		t.Errorf("browser_args = %v, want the two flags", ready["browser_args"])
	}
	if n := logs.FilterMessage("lab site").Len(); n != 8 {
		t.Errorf("logged %d sites, want 8", n)
	}
	started := logs.FilterMessage("lab started").All()[0].ContextMap()
	addr, _ := started["https_addr"].(string)
	if conn, err := net.Dial("tcp", addr); err != nil {
		t.Errorf("HTTPS listener %q not reachable: %v", addr, err)
	} else {
		conn.Close()
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop after its context ended")
	}
}
