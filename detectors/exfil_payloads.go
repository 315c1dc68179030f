package detectors

import (
	"cmp"
	"encoding/base64"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/exposure-audit/exposure/trace"
)

// Channels of the report contract.
const (
	channelFetch      = "fetch"
	channelXHR        = "xhr"
	channelBeacon     = "beacon"
	channelWebSocket  = "websocket"
	channelImage      = "image"
	channelScript     = "script"
	channelNavigation = "navigation"
	channelCookie     = "cookie"
	channelStorage    = "storage"
)

// Parts of a send that are searched separately, named in the evidence.
const (
	partURL     = "url"
	partHeaders = "headers"
	partBody    = "body"
	partFrame   = "frame"
	partCookie  = "cookie"
	partStorage = "storage"
)

// exfilPayload is one thing that left the page: a request's URL, headers
// or body, a WebSocket frame, or a cookie a script wrote.
type exfilPayload struct {
	page    int
	time    time.Time
	channel string
	// dest is the full URL the payload went to.
	dest   string
	script string
	part   string
	data   []byte
}

// exfilPayloads lists every payload of the trace, in trace order. Sends
// that only the crawler's own code made are left out.
func exfilPayloads(t *trace.Trace) []exfilPayload {
	var out []exfilPayload
	wrappers := networkWrappers(t)
	for _, r := range t.Requests {
		out = append(out, requestPayloads(r, wrappers)...)
	}
	for _, ws := range t.WebSockets {
		out = append(out, framePayloads(ws, wrappers)...)
	}
	for _, w := range t.CookieWrites {
		if p, ok := cookiePayload(t, w); ok {
			out = append(out, p)
		}
	}
	for _, w := range t.StorageWrites {
		if p, ok := storagePayload(w); ok {
			out = append(out, p)
		}
	}
	return out
}

func requestPayloads(r trace.Request, wrappers map[string]bool) []exfilPayload {
	channel, ok := requestChannel(r.Type)
	if !ok {
		return nil
	}
	script, own := initiatorScript(r.Initiator, wrappers)
	if own {
		return nil
	}
	base := exfilPayload{page: r.Page, time: r.Time, channel: channel, dest: r.URL,
		script: script}
	out := []exfilPayload{base.with(partURL, []byte(r.URL))}
	if h := headerText(r.Headers); len(h) > 0 {
		out = append(out, base.with(partHeaders, h))
	}
	if body := requestBody(r); len(body) > 0 {
		out = append(out, base.with(partBody, body))
	}
	return out
}

func (p exfilPayload) with(part string, data []byte) exfilPayload {
	p.part, p.data = part, data
	return p
}

// requestChannel maps DevTools' resource type to a channel. Preflights
// repeat the request they precede and carry no body, so they are left
// out; resource types the contract has no channel for (stylesheets,
// fonts, media, event streams) count as fetches.
func requestChannel(typ string) (string, bool) {
	switch typ {
	case "Preflight":
		return "", false
	case "Fetch":
		return channelFetch, true
	case "XHR":
		return channelXHR, true
	case "Ping":
		return channelBeacon, true
	case "Image":
		return channelImage, true
	case "Script":
		return channelScript, true
	case "Document":
		return channelNavigation, true
	case "WebSocket":
		return channelWebSocket, true
	}
	return channelFetch, true
}

// initiatorScript names the script that caused a send: the first frame of
// its stack that is neither the crawler's own nor a network wrapper's,
// else the initiator's URL. own is true when only the crawler's code is on
// the stack.
func initiatorScript(in trace.Initiator, wrappers map[string]bool) (script string, own bool) {
	top, own := stackTop(in.Stack)
	if own {
		return "", true
	}
	return cmp.Or(sender(in.Stack, wrappers), top, in.URL), false
}

// headerText writes the request headers as "name: value" lines, sorted,
// leaving out Cookie: a cookie's value is searched where a script wrote
// it, and would otherwise be found again in every later request.
func headerText(h map[string]string) []byte {
	names := make([]string, 0, len(h))
	for name := range h {
		if !strings.EqualFold(name, "cookie") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var b []byte
	for _, name := range names {
		b = append(b, strings.ToLower(name)...)
		b = append(b, ": "...)
		b = append(b, h[name]...)
		b = append(b, '\n')
	}
	return b
}

// requestBody returns the body as the page sent it: the trace keeps
// binary bodies in base64, which is storage, not the page's encoding.
func requestBody(r trace.Request) []byte {
	if !r.BodyBase64 {
		return []byte(r.Body)
	}
	b, err := base64.StdEncoding.DecodeString(r.Body)
	if err != nil {
		return []byte(r.Body)
	}
	return b
}

// framePayloads returns the frames a page sent on a WebSocket.
func framePayloads(ws trace.WebSocket, wrappers map[string]bool) []exfilPayload {
	script, own := initiatorScript(ws.Initiator, wrappers)
	if own {
		return nil
	}
	var out []exfilPayload
	for _, f := range ws.Frames {
		if !f.Sent {
			continue
		}
		data := []byte(f.Payload)
		if f.Opcode == 2 {
			if b, err := base64.StdEncoding.DecodeString(f.Payload); err == nil {
				data = b
			}
		}
		out = append(out, exfilPayload{page: ws.Page, time: f.Time, channel: channelWebSocket,
			dest: ws.URL, script: script, part: partFrame, data: data})
	}
	return out
}

// cookiePayload turns a script's write to document.cookie into a send to
// the cookie's scope: every later request to it carries the value.
func cookiePayload(t *trace.Trace, w trace.CookieWrite) (exfilPayload, bool) {
	script, own := stackTop(w.Stack)
	if own {
		return exfilPayload{}, false
	}
	c, ok := parseCookieLine(w.Value, w.Time)
	if !ok {
		return exfilPayload{}, false
	}
	host := cmp.Or(c.domain, urlHost(w.FrameURL))
	if host == "" {
		return exfilPayload{}, false
	}
	dest := (&url.URL{Scheme: "https", Host: host, Path: cookiePath(w.Value)}).String()
	return exfilPayload{page: pageAt(t.Pages, w.Time), time: w.Time, channel: channelCookie,
		dest: dest, script: cmp.Or(script, w.FrameURL), part: partCookie,
		data: []byte(w.Value)}, true
}

// cookiePath returns the Path attribute of a cookie line, or "/".
func cookiePath(line string) string {
	for _, attr := range strings.Split(line, ";")[1:] {
		key, val, _ := strings.Cut(attr, "=")
		if strings.EqualFold(strings.TrimSpace(key), "path") {
			if p := strings.TrimSpace(val); strings.HasPrefix(p, "/") {
				return p
			}
		}
	}
	return "/"
}

// pageAt returns the index of the page whose visit was under way at a
// time: the last one started at or before it.
func pageAt(pages []trace.Page, at time.Time) int {
	page := 0
	for i, p := range pages {
		if !p.Started.After(at) {
			page = i
		}
	}
	return page
}

// storagePayload turns a script's write to localStorage or sessionStorage
// into a payload: the value stays in the browser under the frame's origin,
// for the page's scripts to send later. Its destination is that origin;
// the evidence names the storage area and key.
func storagePayload(w trace.StorageWrite) (exfilPayload, bool) {
	script, own := stackTop(w.Stack)
	if own {
		return exfilPayload{}, false
	}
	u, err := url.Parse(w.FrameURL)
	if err != nil || u.Host == "" {
		return exfilPayload{}, false
	}
	dest := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}).String()
	return exfilPayload{page: w.Page, time: w.Time, channel: channelStorage, dest: dest,
		script: cmp.Or(script, w.FrameURL), part: partStorage,
		data: []byte(w.Area + "Storage " + w.Key + "=" + w.Value)}, true
}
