package lab

import (
	"crypto/tls"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/websocket"
)

func TestChatWidgetFiles(t *testing.T) {
	l := startLab(t)
	for path, ctype := range map[string]string{
		"/v1/widget.js":  "application/javascript",
		"/v1/frame.js":   "application/javascript",
		"/v1/frame.html": "text/html",
		"/v1/frame.css":  "text/css",
	} {
		resp, body := get(t, l, "https://"+hostChat+path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", path, resp.StatusCode)
			continue
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, ctype) {
			t.Errorf("%s: Content-Type %q, want %s", path, ct, ctype)
		}
		if !strings.Contains(body, "LAB-WRITTEN") && !strings.Contains(body, "lab-written") {
			t.Errorf("%s is not labelled as lab-written", path)
		}
	}
	resp, _ := get(t, l, "https://"+hostChat+"/v1/../chat.go")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("path outside the widget: status %d, want 404", resp.StatusCode)
	}
}

func TestChatWebSocketStreamsDrafts(t *testing.T) {
	l := startLab(t)
	cfg, err := websocket.NewConfig("wss://"+hostChat+"/v1/ws?site=voltcart",
		"https://"+hostChat)
	if err != nil {
		t.Fatal(err)
	}
	// Dial the lab's HTTPS port, as Chromium does through its resolver rules.
	tlsCfg := l.TLSConfig()
	tlsCfg.ServerName = hostChat
	conn, err := tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp",
		l.HTTPSAddr(), tlsCfg)
	if err != nil {
		t.Fatalf("dialing the lab: %v", err)
	}
	ws, err := websocket.NewClient(cfg, conn)
	if err != nil {
		conn.Close()
		t.Fatalf("opening the chat WebSocket: %v", err)
	}
	defer ws.Close()
	ws.SetDeadline(time.Now().Add(5 * time.Second))

	for _, m := range []chatMessage{
		{Type: "typing", Draft: "h"}, {Type: "typing", Draft: "hi"},
		{Type: "message", Text: "hi"},
	} {
		if err := websocket.JSON.Send(ws, m); err != nil {
			t.Fatalf("sending %v: %v", m, err)
		}
	}
	var reply chatMessage
	if err := websocket.JSON.Receive(ws, &reply); err != nil {
		t.Fatalf("receiving the reply: %v", err)
	}
	if reply.Type != "reply" || reply.Text != chatReply {
		t.Errorf("reply = %+v", reply)
	}

	var drafts []string
	for _, c := range l.Captures() {
		var m chatMessage
		if c.Method != "WS" || c.Host != hostChat || json.Unmarshal(c.Body, &m) != nil {
			t.Errorf("unexpected capture %+v", c)
			continue
		}
		if m.Type == "typing" {
			drafts = append(drafts, m.Draft)
		}
	}
	if strings.Join(drafts, ",") != "h,hi" {
		t.Errorf("captured drafts %q, want h,hi", drafts)
	}
}
