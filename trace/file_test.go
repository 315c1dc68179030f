package trace

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestWriteRead(t *testing.T) {
	want := &Trace{
		Schema:  Schema,
		Input:   "shop.example",
		Started: time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC),
		Pages:   []Page{{Requested: "https://shop.example/", URL: "https://shop.example/", Status: 200}},
		Requests: []Request{{ID: "s/1#0", URL: "https://t.example/c", Method: "POST",
			Body: "q=\u00e9t\u00e9", Initiator: Initiator{Type: "script",
				Stack: []CallFrame{{URL: "https://t.example/t.js", Line: 3}}}}},
		WebSockets: []WebSocket{{ID: "w", URL: "wss://chat.example/", Frames: []WSFrame{
			{Sent: true, Opcode: 1, Payload: `{"draft":"hel"}`}}}},
	}
	path := filepath.Join(t.TempDir(), "shop.example.trace.json.gz")
	if err := Write(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip changed the trace:\n got %+v\nwant %+v", got, want)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("files left = %d, want only the trace", len(entries))
	}
}

func TestReadBroken(t *testing.T) {
	path := filepath.Join(t.TempDir(), "broken.trace.json.gz")
	if err := os.WriteFile(path, []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(path); err == nil || !strings.Contains(err.Error(), "decompressing trace") {
		t.Errorf("Read = %v, want a decompression error", err)
	}
}
