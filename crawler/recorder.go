package crawler

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/crawler/internal/cdptap"
	"github.com/exposure-audit/exposure/trace"
)

// markPage is a marker the visit pushes into the event stream when it
// starts a new page, so that every later event counts for that page.
const markPage = "exposure.page"

// markLeave marks the end of the last page: the tab is navigated away, and
// what follows (pagehide beacons) still belongs to that page.
const markLeave = "exposure.leave"

// recorder turns the DevTools events of one visit into a trace. Events are
// applied one at a time by run, in the order the browser sent them; the
// visit reads the load state through the mutex.
type recorder struct {
	log     *zap.Logger
	binding string
	maxBody int
	// onAttach prepares a child target while it waits for the debugger.
	onAttach func(parent string, ev evAttached)
	// onDialog dismisses a JavaScript dialog, which would otherwise block
	// the page's scripts and every evaluation in it.
	onDialog func(session string, ev evDialog)
	// fetchBody asks for a request body the event left out.
	fetchBody func(session, requestID string) (string, bool, error)

	mu      sync.Mutex
	t       trace.Trace
	page    int
	hops    map[string]int // session/requestId -> index of the latest hop
	extra   map[string]evResponseExtra
	sockets map[string]int
	frames  map[string]int  // frame id -> index in t.Frames
	inline  map[string]int  // document URL -> inline scripts seen
	own     map[string]bool // session/scriptId of the crawler's own code
	loaders map[string]int  // loader id -> page whose document it loaded
	// workerPage maps a worker's session to the page that started it.
	workerPage map[string]int
	sessions   map[string]string
	// inflight holds the requests not yet finished, by DevTools' request
	// id alone: a frame's or worker's main request starts on the parent's
	// session and finishes on the child's.
	inflight map[string]bool
	active   time.Time
	leaving  bool
	crashes  int
	loaded   map[int]bool
	mainSess string
	// mainFrame is the tab's main frame id.
	mainFrame string
	bodies    sync.WaitGroup
}

func newRecorder(log *zap.Logger, binding string, maxBody int) *recorder {
	return &recorder{
		log:     log,
		binding: binding,
		maxBody: maxBody,
		hops:    make(map[string]int),
		extra:   make(map[string]evResponseExtra),
		sockets: make(map[string]int),
		frames:  make(map[string]int),
		inline:  make(map[string]int),
		own:     make(map[string]bool),
		loaders: make(map[string]int),

		workerPage: make(map[string]int),
		sessions:   make(map[string]string),
		inflight:   make(map[string]bool),
		loaded:     make(map[int]bool),
		page:       -1,
		t: trace.Trace{
			Schema:       trace.Schema,
			Pages:        []trace.Page{},
			Targets:      []trace.Target{},
			Frames:       []trace.Frame{},
			Requests:     []trace.Request{},
			WebSockets:   []trace.WebSocket{},
			Scripts:      []trace.Script{},
			Cookies:      []trace.Cookie{},
			CookieWrites: []trace.CookieWrite{},

			StorageWrites: []trace.StorageWrite{},
			Console:       []trace.Console{},
			Typed:         []trace.Typed{},
			Submits:       []trace.Submit{},
			Listeners:     []trace.Listener{},
			Calls:         []trace.APICall{},
			Hooks:         []trace.HookStatus{},
			Errors:        []string{},
		},
	}
}

// run applies the events of sink until it is closed and drained.
func (r *recorder) run(ctx context.Context, sink *cdptap.Sink) {
	for {
		ev, ok := sink.Next(ctx)
		if !ok {
			return
		}
		r.mu.Lock()
		r.apply(ev)
		r.mu.Unlock()
	}
}

func (r *recorder) apply(ev cdptap.Event) {
	if ev.Method != markPage && ev.Method != markLeave {
		r.active = time.Now()
	}
	// Before the first page the tab shows about:blank and only chromedp's
	// own set-up runs; none of it belongs to the site.
	if r.page < 0 && ev.Method != markPage {
		return
	}
	// A pop-up window is another page, with its own sites: what it loads
	// is not this site's doing. Its opening is recorded, nothing else.
	if r.sessions[ev.Session] == "page" {
		return
	}
	switch ev.Method {
	case markLeave:
		r.leaving = true
	case markPage:
		r.page = len(r.t.Pages)
		clear(r.inflight)
		r.t.Pages = append(r.t.Pages, trace.Page{Requested: string(ev.Params), Started: time.Now()})
	case "Network.requestWillBeSent":
		decode(ev, r.requestWillBeSent)
	case "Network.responseReceived":
		decode(ev, r.responseReceived)
	case "Network.responseReceivedExtraInfo":
		decode(ev, r.responseExtra)
	case "Network.loadingFinished":
		decode(ev, func(_ string, e evRequestID) { delete(r.inflight, e.RequestID) })
	case "Network.loadingFailed":
		decode(ev, r.loadingFailed)
	case "Network.webSocketCreated":
		decode(ev, r.webSocketCreated)
	case "Network.webSocketFrameSent":
		decode(ev, func(s string, e evWebSocketFrame) { r.webSocketFrame(s, e, true) })
	case "Network.webSocketFrameReceived":
		decode(ev, func(s string, e evWebSocketFrame) { r.webSocketFrame(s, e, false) })
	case "Debugger.scriptParsed":
		decode(ev, r.scriptParsed)
	case "Page.frameAttached":
		decode(ev, r.frameAttached)
	case "Page.frameNavigated":
		decode(ev, r.frameNavigated)
	case "Page.frameRequestedNavigation":
		decode(ev, r.requestedNavigation)
	case "Page.loadEventFired":
		if ev.Session == r.mainSess {
			r.loaded[r.page] = true
		}
	case "Target.attachedToTarget":
		decode(ev, r.attached)
	case "Target.detachedFromTarget":
		decode(ev, func(_ string, e evAttached) { delete(r.sessions, e.SessionID) })
	case "Runtime.bindingCalled":
		decode(ev, r.bindingCalled)
	case "Runtime.consoleAPICalled":
		decode(ev, r.console)
	case "Runtime.exceptionThrown":
		decode(ev, r.exception)
	case "Inspector.targetCrashed":
		kind := r.targetType(ev.Session)
		if r.leaving && strings.HasSuffix(kind, "worker") {
			// Leaving the last page ends the page's workers, and the
			// browser may report a worker it stops as crashed. All the
			// pages' evidence is in by then, so this is not an error.
			r.t.Console = append(r.t.Console, trace.Console{Session: ev.Session, Level: "crash",
				Text: "the " + kind + " stopped as the visit left", Time: time.Now().UTC()})
			break
		}
		r.crashes++
		r.t.Errors = append(r.t.Errors, fmt.Sprintf("the %s's renderer crashed", kind))
	case "Page.javascriptDialogOpening":
		decode(ev, r.dialog)
	case "Page.downloadWillBegin":
		// A refused download loses no evidence: it is what the page did.
		decode(ev, func(s string, e evDownload) {
			r.t.Console = append(r.t.Console, trace.Console{Session: s, Level: "download",
				Text: "download refused: " + clip(e.URL, 300), Time: time.Now().UTC()})
		})
	case "Page.windowOpen":
		decode(ev, func(s string, e evDownload) {
			r.t.Console = append(r.t.Console, trace.Console{Session: s, Level: "popup",
				Text: "the page opened a window: " + clip(e.URL, 300), Time: time.Now().UTC()})
		})
	}
}

// decode unmarshals an event's parameters and hands them to apply. A
// payload that does not decode is logged and skipped: one odd event must
// not end a visit.
func decode[E any](ev cdptap.Event, apply func(session string, e E)) {
	var e E
	if err := json.Unmarshal(ev.Params, &e); err != nil {
		return
	}
	apply(ev.Session, e)
}

func key(session, id string) string { return session + "/" + id }

func (r *recorder) requestWillBeSent(s string, e evRequestWillBeSent) {
	k := key(s, e.RequestID)
	if i, ok := r.hops[k]; ok && e.RedirectResponse != nil {
		hop := &r.t.Requests[i]
		hop.Status = e.RedirectResponse.Status
		hop.MimeType = e.RedirectResponse.MimeType
		hop.ResponseHeaders = headers(e.RedirectResponse.Headers)
		hop.SetCookies = splitSetCookie(hop.ResponseHeaders)
		hop.RedirectedTo = e.Request.URL
	}
	req := trace.Request{
		ID:        fmt.Sprintf("%s#%d", k, len(r.t.Requests)),
		Session:   s,
		FrameID:   e.FrameID,
		Page:      r.pageOf(s, e),
		Type:      e.Type,
		Method:    e.Request.Method,
		URL:       e.Request.URL,
		Time:      wallTime(e.WallTime),
		Headers:   headers(e.Request.Headers),
		Initiator: initiator(e.Initiator),
	}
	r.setBody(&req, e.Request)
	r.t.Requests = append(r.t.Requests, req)
	r.hops[k] = len(r.t.Requests) - 1
	r.inflight[e.RequestID] = true
	if req.Body == "" && e.Request.HasPostData && r.fetchBody != nil {
		r.fetchLater(s, e.RequestID, len(r.t.Requests)-1)
	}
}

// pageOf returns the page a request belongs to. A document's own
// navigation starts a loader; every request its scripts make carries that
// loader, even one sent while the document unloads and the next page is
// already on its way. A worker's requests carry no loader; they belong to
// the page whose document started the worker.
func (r *recorder) pageOf(session string, e evRequestWillBeSent) int {
	if e.Type == "Document" && e.LoaderID != "" && e.RequestID == e.LoaderID {
		r.loaders[e.LoaderID] = r.page
	}
	if p, ok := r.loaders[e.LoaderID]; ok && e.LoaderID != "" {
		return p
	}
	if p, ok := r.workerPage[session]; ok {
		return p
	}
	return r.page
}

// setBody keeps the request body, from its entries when the browser gave
// them (they carry binary bodies too) or from postData.
func (r *recorder) setBody(req *trace.Request, in cdpRequest) {
	var body []byte
	for _, entry := range in.PostDataEntries {
		b, err := base64.StdEncoding.DecodeString(entry.Bytes)
		if err == nil {
			body = append(body, b...)
		}
	}
	if len(body) == 0 && in.PostData != "" {
		body = []byte(in.PostData)
	}
	r.storeBody(req, body)
}

func (r *recorder) storeBody(req *trace.Request, body []byte) {
	if len(body) > r.maxBody {
		body = body[:r.maxBody]
		req.BodyTruncated = true
	}
	if utf8.Valid(body) {
		req.Body = string(body)
		return
	}
	req.Body = base64.StdEncoding.EncodeToString(body)
	req.BodyBase64 = true
}

// fetchLater asks for a body the event omitted (a Blob, or a large body)
// while the request's target is still alive.
func (r *recorder) fetchLater(session, requestID string, index int) {
	r.bodies.Add(1)
	go func() {
		defer r.bodies.Done()
		data, isBase64, err := r.fetchBody(session, requestID)
		if err != nil {
			if ce := r.log.Check(zap.DebugLevel, "request body unavailable"); ce != nil {
				ce.Write(zap.String("request_id", requestID), zap.Error(err))
			}
			return
		}
		body := []byte(data)
		if isBase64 {
			if b, err := base64.StdEncoding.DecodeString(data); err == nil {
				body = b
			}
		}
		r.mu.Lock()
		r.storeBody(&r.t.Requests[index], body)
		r.mu.Unlock()
	}()
}

func (r *recorder) responseReceived(s string, e evResponseReceived) {
	i, ok := r.hops[key(s, e.RequestID)]
	if !ok {
		return
	}
	hop := &r.t.Requests[i]
	hop.Status = e.Response.Status
	hop.MimeType = e.Response.MimeType
	hop.ResponseHeaders = headers(e.Response.Headers)
	if x, ok := r.extra[key(s, e.RequestID)]; ok {
		r.applyExtra(hop, x)
		delete(r.extra, key(s, e.RequestID))
	}
}

// responseExtra holds the raw headers, which alone carry every Set-Cookie
// line. It can arrive before or after responseReceived.
func (r *recorder) responseExtra(s string, e evResponseExtra) {
	i, ok := r.hops[key(s, e.RequestID)]
	if !ok || r.t.Requests[i].Status == 0 {
		r.extra[key(s, e.RequestID)] = e
		return
	}
	r.applyExtra(&r.t.Requests[i], e)
}

func (r *recorder) applyExtra(hop *trace.Request, e evResponseExtra) {
	if raw := headers(e.Headers); len(raw) > 0 {
		if cookies := splitSetCookie(raw); len(cookies) > 0 {
			hop.SetCookies = cookies
		}
	}
}

func (r *recorder) loadingFailed(s string, e evLoadingFailed) {
	delete(r.inflight, e.RequestID)
	if i, ok := r.hops[key(s, e.RequestID)]; ok {
		r.t.Requests[i].Failed = true
		r.t.Requests[i].ErrorText = e.ErrorText
	}
}

func (r *recorder) webSocketCreated(s string, e evWebSocketCreated) {
	ws := trace.WebSocket{
		ID:      key(s, e.RequestID),
		Session: s,
		Page:    r.page,
		URL:     e.URL,
		Frames:  []trace.WSFrame{},
	}
	if e.Initiator != nil {
		ws.Initiator = initiator(*e.Initiator)
	}
	r.t.WebSockets = append(r.t.WebSockets, ws)
	r.sockets[ws.ID] = len(r.t.WebSockets) - 1
}

func (r *recorder) webSocketFrame(s string, e evWebSocketFrame, sent bool) {
	i, ok := r.sockets[key(s, e.RequestID)]
	if !ok {
		return
	}
	payload := e.Response.PayloadData
	if len(payload) > r.maxBody {
		payload = payload[:r.maxBody]
	}
	r.t.WebSockets[i].Frames = append(r.t.WebSockets[i].Frames, trace.WSFrame{
		Sent:    sent,
		Time:    time.Now().UTC(),
		Opcode:  e.Response.Opcode,
		Payload: payload,
	})
}

func (r *recorder) scriptParsed(s string, e evScriptParsed) {
	if strings.HasPrefix(e.URL, ownScheme) {
		r.own[key(s, e.ScriptID)] = true
		return
	}
	frameURL := r.frameURL(s, e.AuxData.FrameID)
	sc := trace.Script{
		ID:        key(s, e.ScriptID),
		Session:   s,
		URL:       e.URL,
		FrameID:   e.AuxData.FrameID,
		FrameURL:  frameURL,
		Hash:      e.Hash,
		Length:    e.Length,
		StartLine: e.StartLine,
		EndLine:   e.EndLine,
		Stack:     stack(e.StackTrace),
		Page:      r.page,
	}
	// An inline script reports its document's URL, and eval'd code none;
	// a worker's own script has the worker's URL and is not inline.
	document := r.targetType(s) == "page" || r.targetType(s) == "iframe"
	if e.URL == "" || (e.URL == frameURL && document) {
		n := r.inline[frameURL]
		r.inline[frameURL] = n + 1
		sc.Inline = fmt.Sprintf("inline:%s#%d", frameURL, n)
	}
	r.t.Scripts = append(r.t.Scripts, sc)
}

func (r *recorder) frameURL(session, frameID string) string {
	if i, ok := r.frames[frameID]; ok {
		return r.t.Frames[i].URL
	}
	for _, t := range r.t.Targets {
		if t.Session == session {
			return t.URL
		}
	}
	return ""
}

func (r *recorder) frameAttached(s string, e evFrameAttached) {
	if _, ok := r.frames[e.FrameID]; ok {
		return
	}
	r.t.Frames = append(r.t.Frames, trace.Frame{ID: e.FrameID, ParentID: e.ParentFrameID, Session: s})
	r.frames[e.FrameID] = len(r.t.Frames) - 1
}

func (r *recorder) frameNavigated(s string, e evFrameNavigated) {
	i, ok := r.frames[e.Frame.ID]
	if !ok {
		r.t.Frames = append(r.t.Frames, trace.Frame{ID: e.Frame.ID, ParentID: e.Frame.ParentID})
		i = len(r.t.Frames) - 1
		r.frames[e.Frame.ID] = i
	}
	r.t.Frames[i].URL = e.Frame.URL
	r.t.Frames[i].Session = s
	// A failed load shows Chromium's error page, which is not the site's.
	errorPage := strings.HasPrefix(e.Frame.URL, "chrome-error:")
	if s == r.mainSess && e.Frame.ParentID == "" && !r.leaving && !errorPage &&
		r.page < len(r.t.Pages) {
		r.t.Pages[r.page].URL = e.Frame.URL
	}
}

// requestedNavigation records a navigation the page itself started in its
// main frame (a script setting location, a meta refresh, a link it
// clicked): whatever leaves after it no longer counts as before submit.
// The crawler's own navigations are not requested by the page and do not
// come here; form submissions are recorded by the instrumentation.
func (r *recorder) requestedNavigation(s string, e evRequestedNavigation) {
	if s != r.mainSess || e.FrameID != r.mainFrame || r.leaving ||
		strings.HasPrefix(e.Reason, "formSubmission") {
		return
	}
	r.t.Submits = append(r.t.Submits, trace.Submit{
		Page: r.page, Session: s, FrameURL: r.frameURL(s, e.FrameID), Kind: "navigation",
		Target: clip(e.URL, 500), Time: time.Now().UTC(),
	})
}

func (r *recorder) attached(parent string, e evAttached) {
	r.t.Targets = append(r.t.Targets, trace.Target{
		Session: e.SessionID,
		Parent:  parent,
		Type:    e.TargetInfo.Type,
		URL:     e.TargetInfo.URL,
	})
	r.sessions[e.SessionID] = e.TargetInfo.Type
	if strings.HasSuffix(e.TargetInfo.Type, "worker") {
		// TODO: a service worker outlives the page it started on; its
		// later requests still count with that page.
		r.workerPage[e.SessionID] = r.page
	}
	if r.onAttach != nil {
		go r.onAttach(parent, e)
	}
}

// dialog records a JavaScript dialog and has it dismissed. Dialogs are
// part of what the page did, so they go to the console record.
func (r *recorder) dialog(s string, e evDialog) {
	r.t.Console = append(r.t.Console, trace.Console{Session: s, Level: "dialog",
		Text: e.Type + " dialog: " + clip(e.Message, 500), Time: time.Now().UTC()})
	if r.onDialog != nil {
		go r.onDialog(s, e)
	}
}

// liveFrames lists the sessions of the iframes still attached.
func (r *recorder) liveFrames() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, t := range r.t.Targets {
		if t.Type == "iframe" && r.sessions[t.Session] != "" {
			out = append(out, t.Session)
		}
	}
	return out
}

// addTyped records a value the crawler typed on the current page.
func (r *recorder) addTyped(t trace.Typed) {
	r.mu.Lock()
	defer r.mu.Unlock()
	t.Page = r.page
	r.t.Typed = append(r.t.Typed, t)
}

// addDevtoolsListener records a listener DevTools listed, naming its
// script from the scripts parsed on the same session.
func (r *recorder) addDevtoolsListener(session, scriptID string, l trace.Listener) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.own[key(session, scriptID)] {
		return
	}
	l.Page = r.page
	l.Session = session
	for _, s := range r.t.Scripts {
		if s.ID == key(session, scriptID) {
			l.Script = s.URL
			if s.Inline != "" {
				l.Script = s.Inline
			}
			l.FrameURL = s.FrameURL
			if len(l.Stack) > 0 {
				l.Stack[0].URL = s.URL
			}
			break
		}
	}
	r.t.Listeners = append(r.t.Listeners, l)
}

func (r *recorder) targetType(session string) string {
	if t, ok := r.sessions[session]; ok {
		return t
	}
	return "page"
}

func (r *recorder) console(s string, e evConsole) {
	if e.Type != "error" && e.Type != "warning" && e.Type != "assert" {
		return
	}
	var parts []string
	for _, a := range e.Args {
		switch {
		case a.Value != nil:
			parts = append(parts, fmt.Sprint(a.Value))
		case a.Description != "":
			parts = append(parts, a.Description)
		}
	}
	c := trace.Console{Session: s, Level: e.Type, Text: clip(strings.Join(parts, " "), 2000),
		Time: time.Now().UTC()}
	if st := stack(e.StackTrace); len(st) > 0 {
		c.URL = st[0].URL
	}
	r.t.Console = append(r.t.Console, c)
}

func (r *recorder) exception(s string, e evException) {
	text := e.ExceptionDetails.Text
	if e.ExceptionDetails.Exception != nil && e.ExceptionDetails.Exception.Description != "" {
		text = e.ExceptionDetails.Exception.Description
	}
	r.t.Console = append(r.t.Console, trace.Console{
		Session: s, Level: "exception", Text: clip(text, 2000),
		URL: e.ExceptionDetails.URL, Time: time.Now().UTC(),
	})
}

// loadState reports whether the current page fired its load event, how
// many requests are in flight, and when the network was last active.
func (r *recorder) loadState() (loaded bool, inflight int, active time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.loaded[r.page], len(r.inflight), r.active
}

// finish waits for pending body fetches and returns the trace. The caller
// must have stopped the event stream first.
func (r *recorder) finish() *trace.Trace {
	r.bodies.Wait()
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.t
	return &t
}

func (r *recorder) addError(msg string) {
	r.mu.Lock()
	r.t.Errors = append(r.t.Errors, msg)
	r.mu.Unlock()
}

func (r *recorder) setPage(fn func(p *trace.Page)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.page < len(r.t.Pages) {
		fn(&r.t.Pages[r.page])
	}
}

// crashed reports whether a renderer of the visit crashed.
func (r *recorder) crashed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.crashes > 0
}

// requestHosts returns the host names of every request and WebSocket of
// the visit. The caller holds the lock.
func (r *recorder) requestHosts() map[string]bool {
	hosts := make(map[string]bool)
	add := func(raw string) {
		if u, err := url.Parse(raw); err == nil && u.Hostname() != "" {
			hosts[strings.ToLower(u.Hostname())] = true
		}
	}
	for _, q := range r.t.Requests {
		add(q.URL)
	}
	for _, w := range r.t.WebSockets {
		add(w.URL)
	}
	return hosts
}

// supersedeEarlier marks every page before the current one as a failed
// try that the current page replaced (a retry, or the http fallback).
func (r *recorder) supersedeEarlier() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := 0; i < r.page && i < len(r.t.Pages); i++ {
		r.t.Pages[i].Superseded = true
	}
}

// documentStatus returns the HTTP status of the current page's main
// document, after redirects, or 0 when no response arrived.
func (r *recorder) documentStatus(mainFrame string) int {
	status, _ := r.documentResponse(mainFrame)
	return status
}

// documentResponse returns the status and headers of the current page's
// main document, after redirects.
func (r *recorder) documentResponse(mainFrame string) (int, map[string]string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.t.Requests) - 1; i >= 0; i-- {
		q := r.t.Requests[i]
		if q.Page == r.page && q.Type == "Document" && q.FrameID == mainFrame &&
			q.Session == r.mainSess && q.RedirectedTo == "" {
			return q.Status, q.ResponseHeaders
		}
	}
	return 0, nil
}

func wallTime(sec float64) time.Time {
	if sec <= 0 {
		return time.Now().UTC()
	}
	return time.UnixMicro(int64(sec * 1e6)).UTC()
}

func headers(h map[string]any) map[string]string {
	if len(h) == 0 {
		return nil
	}
	out := make(map[string]string, len(h))
	for k, v := range h {
		out[strings.ToLower(k)] = fmt.Sprint(v)
	}
	return out
}

// splitSetCookie returns the Set-Cookie lines of raw headers, which
// DevTools joins with newlines.
func splitSetCookie(h map[string]string) []string {
	v, ok := h["set-cookie"]
	if !ok || v == "" {
		return nil
	}
	return strings.Split(v, "\n")
}

func initiator(in cdpInitiator) trace.Initiator {
	out := trace.Initiator{Type: in.Type, URL: in.URL, Line: int(in.LineNumber),
		Stack: stack(in.Stack)}
	if out.URL == "" && len(out.Stack) > 0 {
		out.URL = out.Stack[0].URL
	}
	return out
}

// stack flattens a DevTools stack and its asynchronous parents, innermost
// first, so the script that scheduled a deferred request is kept too.
func stack(st *cdpStack) []trace.CallFrame {
	var out []trace.CallFrame
	for ; st != nil && len(out) < 64; st = st.Parent {
		for _, f := range st.CallFrames {
			if strings.HasPrefix(f.URL, ownScheme) {
				continue
			}
			out = append(out, trace.CallFrame{
				URL: f.URL, Function: f.FunctionName, ScriptID: f.ScriptID,
				Line: f.LineNumber, Column: f.ColumnNumber,
			})
		}
	}
	return out
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
