package lab

import (
	"encoding/json"
	"net/http"
	"path"
	"path/filepath"
	"sync"
	"time"

	"go.uber.org/zap"
	"golang.org/x/net/websocket"
)

// chatServer is the vendor side of the lab's own live-chat widget on
// chat.lab-widgets.example: the widget's files and the WebSocket the chat
// panel talks to. The widget is lab-written: no live-chat widget publishes
// its full code on npm.
type chatServer struct {
	dir     string
	lab     *Lab
	ws      websocket.Server
	mu      sync.Mutex
	conns   map[*websocket.Conn]struct{}
	closing bool
}

// chatFiles are the widget's files, by their path on the vendor host.
var chatFiles = map[string]string{
	"/v1/widget.js":  "widget.js",
	"/v1/frame.html": "frame.html",
	"/v1/frame.js":   "frame.js",
	"/v1/frame.css":  "frame.css",
}

// chatMessage is one WebSocket message between the panel and the vendor.
type chatMessage struct {
	Type  string `json:"type"` // "typing", "message" or "reply"
	Draft string `json:"draft,omitempty"`
	Text  string `json:"text,omitempty"`
	Site  string `json:"site,omitempty"`
}

// chatReply is what the vendor's bot answers every sent message with.
const chatReply = "Thanks for your message! An adviser will answer shortly."

func newChatServer(dir string, l *Lab) *chatServer {
	c := &chatServer{dir: dir, lab: l, conns: map[*websocket.Conn]struct{}{}}
	c.ws = websocket.Server{
		// Like hosted widgets, the vendor accepts every site's origin.
		Handshake: func(*websocket.Config, *http.Request) error { return nil },
		Handler:   c.converse,
	}
	return c
}

// ServeHTTP serves the widget's files and its WebSocket.
func (c *chatServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/v1/ws" {
		c.ws.ServeHTTP(w, r)
		return
	}
	name, ok := chatFiles[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	ctype := contentTypes[path.Ext(name)]
	if ctype == "" {
		ctype = "text/html; charset=utf-8"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Access-Control-Allow-Origin", "*")
	http.ServeFile(w, r, filepath.Join(c.dir, name))
}

// converse reads the panel's messages until it goes away: drafts are
// recorded silently, sent messages get the bot's reply.
func (c *chatServer) converse(ws *websocket.Conn) {
	if !c.track(ws) {
		ws.Close()
		return
	}
	defer c.untrack(ws)
	req := ws.Request()
	for {
		var raw []byte
		if err := websocket.Message.Receive(ws, &raw); err != nil {
			return
		}
		c.lab.capture.add(Capture{
			Time:        time.Now(),
			Host:        hostChat,
			Method:      "WS",
			Path:        req.URL.Path,
			Query:       req.URL.RawQuery,
			ContentType: "application/json",
			Body:        raw,
		})
		var msg chatMessage
		if err := json.Unmarshal(raw, &msg); err != nil {
			c.lab.log.Debug("chat message not json", zap.Error(err))
			continue
		}
		if msg.Type != "message" {
			continue
		}
		if err := websocket.JSON.Send(ws, chatMessage{Type: "reply", Text: chatReply}); err != nil {
			return
		}
	}
}

// track registers an open connection, unless the lab is closing.
func (c *chatServer) track(ws *websocket.Conn) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closing {
		return false
	}
	c.conns[ws] = struct{}{}
	return true
}

func (c *chatServer) untrack(ws *websocket.Conn) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.conns, ws)
	ws.Close()
}

// closeAll ends every open chat connection; http.Server.Shutdown does not
// wait for hijacked connections.
func (c *chatServer) closeAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closing = true
	for ws := range c.conns {
		ws.Close()
	}
}
