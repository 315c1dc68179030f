// Package trace defines what the crawler observed on one site, and nothing
// that was inferred from it.
//
// A trace is the contract between capture and analysis: the crawler fills it
// from DevTools events, the detectors read it, and it is stored compressed
// beside each report so that a study can be analysed again with newer
// detectors or tracker lists without crawling again. It deliberately holds
// raw evidence only: no party, tracker or verdict is decided here.
package trace

import "time"

// Schema names the version of the trace format. Fields are only added
// within one version.
const Schema = "exposure-trace/v1"

// Trace is everything recorded during the visit of one site.
type Trace struct {
	Schema         string    `json:"schema"`
	Input          string    `json:"input"`
	Sector         string    `json:"sector,omitempty"`
	Started        time.Time `json:"started"`
	Finished       time.Time `json:"finished"`
	BrowserVersion string    `json:"browser_version"`
	UserAgent      string    `json:"user_agent"`

	// Pages lists the pages visited, home page first.
	Pages []Page `json:"pages"`
	// Targets lists every DevTools session of the visit: the tab, its
	// cross-origin iframes and its workers.
	Targets    []Target    `json:"targets"`
	Frames     []Frame     `json:"frames"`
	Requests   []Request   `json:"requests"`
	WebSockets []WebSocket `json:"websockets"`
	Scripts    []Script    `json:"scripts"`
	Cookies    []Cookie    `json:"cookies"`
	// CookieWrites are assignments to document.cookie seen by the injected
	// script, with the calling script.
	CookieWrites []CookieWrite `json:"cookie_writes"`
	// StorageWrites are localStorage and sessionStorage writes, with the
	// calling script.
	StorageWrites []StorageWrite `json:"storage_writes"`
	Console       []Console      `json:"console"`
	// Typed lists the values the crawler typed, field by field, so that
	// detectors can look for them in what left the page.
	Typed []Typed `json:"typed"`
	// Submits are form submissions and navigations that happened during
	// the visit although the crawler never submits: what leaves after one
	// is not pre-submit.
	Submits []Submit `json:"submits"`
	// Listeners are event listeners for typing, focus and form events,
	// with the script that registered them.
	Listeners []Listener `json:"listeners"`
	// Calls are calls and property reads of instrumented browser APIs
	// (fingerprinting surface, field values, storage), counted per calling
	// place.
	Calls []APICall `json:"calls"`
	// Hooks reports the instrumentation's own state per document or
	// worker: which hooks failed to install.
	Hooks []HookStatus `json:"hooks"`
	// Errors are problems of the crawl itself (timeouts, crashed targets),
	// not of the page's scripts.
	Errors []string `json:"errors"`
	// Screenshot is the file name of the home page screenshot, relative to
	// the trace, or empty when none was taken.
	Screenshot string `json:"screenshot,omitempty"`
}

// Page is one page visit.
type Page struct {
	// Requested is the URL the crawler navigated to.
	Requested string `json:"requested"`
	// URL is the URL of the document after redirects.
	URL    string `json:"url"`
	Status int    `json:"status"`
	Title  string `json:"title,omitempty"`
	// Error says why the page did not load completely, when it did not.
	Error string `json:"error,omitempty"`
	// Partial is true when the page's load did not finish in time and the
	// visit went on with what had arrived.
	Partial bool `json:"partial,omitempty"`
	// Superseded is true for a first attempt that could not be reached
	// and was replaced by the fallback URL (https, then http).
	Superseded bool      `json:"superseded,omitempty"`
	Started    time.Time `json:"started"`
}

// Target is one DevTools session attached during the visit.
type Target struct {
	Session string `json:"session"`
	// Parent is the session that attached this one. Service and shared
	// workers, which the browser attaches for their origin, name the tab
	// of the visit whose browser context started them.
	Parent string `json:"parent,omitempty"`
	// Type is DevTools' target type: page, iframe, worker,
	// shared_worker or service_worker.
	Type string `json:"type"`
	URL  string `json:"url"`
}

// Frame is one frame of a page, same-process or not.
type Frame struct {
	ID       string `json:"id"`
	ParentID string `json:"parent_id,omitempty"`
	Session  string `json:"session"`
	URL      string `json:"url"`
}

// CallFrame is one entry of a JavaScript stack.
type CallFrame struct {
	URL      string `json:"url"`
	Function string `json:"function,omitempty"`
	ScriptID string `json:"script_id,omitempty"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
}

// Initiator says what caused a request, as DevTools reports it.
type Initiator struct {
	// Type is parser, script, preload, SignedExchange, preflight or other.
	Type string `json:"type"`
	// URL is the document or script that caused the request, when known.
	URL   string      `json:"url,omitempty"`
	Line  int         `json:"line,omitempty"`
	Stack []CallFrame `json:"stack,omitempty"`
}

// Request is one network request made for the page, a frame or a worker.
// A redirect chain is recorded as one Request per hop.
type Request struct {
	// ID is unique within the trace: the session and DevTools' request id.
	ID      string `json:"id"`
	Session string `json:"session"`
	FrameID string `json:"frame_id,omitempty"`
	// Page is the index in [Trace.Pages] of the visit that made the request.
	Page int `json:"page"`
	// Type is DevTools' resource type: Document, Script, XHR, Fetch, Ping,
	// Image, WebSocket, and so on.
	Type    string            `json:"type"`
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Time    time.Time         `json:"time"`
	Headers map[string]string `json:"headers,omitempty"`
	// Body is the request body for methods that carry one, as text when it
	// is valid UTF-8, else base64 with BodyBase64 set.
	Body       string `json:"body,omitempty"`
	BodyBase64 bool   `json:"body_base64,omitempty"`
	// BodyTruncated is true when the body was longer than the crawler's
	// limit and only its start is kept.
	BodyTruncated bool      `json:"body_truncated,omitempty"`
	Initiator     Initiator `json:"initiator"`

	Status          int               `json:"status,omitempty"`
	MimeType        string            `json:"mime_type,omitempty"`
	ResponseHeaders map[string]string `json:"response_headers,omitempty"`
	// SetCookies are the raw Set-Cookie header lines of the response.
	SetCookies []string `json:"set_cookies,omitempty"`
	// RedirectedTo is the URL of the next hop when this hop redirected.
	RedirectedTo string `json:"redirected_to,omitempty"`
	Failed       bool   `json:"failed,omitempty"`
	ErrorText    string `json:"error_text,omitempty"`
}

// WebSocket is one WebSocket connection and the frames it carried.
type WebSocket struct {
	ID        string    `json:"id"`
	Session   string    `json:"session"`
	Page      int       `json:"page"`
	URL       string    `json:"url"`
	Initiator Initiator `json:"initiator"`
	Frames    []WSFrame `json:"frames"`
}

// WSFrame is one message on a WebSocket.
type WSFrame struct {
	// Sent is true for frames the page sent, false for frames it received.
	Sent bool      `json:"sent"`
	Time time.Time `json:"time"`
	// Opcode is 1 for text and 2 for binary (Payload is base64 then).
	Opcode  int    `json:"opcode"`
	Payload string `json:"payload"`
}

// Script is one script that the browser parsed.
type Script struct {
	// ID is unique within the trace: the session and DevTools' script id.
	ID      string `json:"id"`
	Session string `json:"session"`
	// URL is empty for inline and eval'd scripts; see Inline.
	URL     string `json:"url"`
	FrameID string `json:"frame_id,omitempty"`
	// FrameURL is the URL of the document the script ran in, or of the
	// worker.
	FrameURL string `json:"frame_url"`
	// Inline is "inline:<document url>#<n>" for the n-th script without a
	// URL in that document.
	Inline string `json:"inline,omitempty"`
	Hash   string `json:"hash,omitempty"`
	Length int    `json:"length"`
	// StartLine and EndLine place an inline script in its document, so
	// that a stack frame (document URL, line) names the inline script.
	StartLine int `json:"start_line"`
	EndLine   int `json:"end_line"`
	// Stack is the stack that created the script (eval, new Function,
	// injected script tags), when DevTools reports one.
	Stack []CallFrame `json:"stack,omitempty"`
	Page  int         `json:"page"`
}

// Cookie is one cookie in the browser context at the end of the visit.
type Cookie struct {
	Name     string  `json:"name"`
	Value    string  `json:"value"`
	Domain   string  `json:"domain"`
	Path     string  `json:"path"`
	Expires  float64 `json:"expires"` // seconds since the epoch; -1 for session
	Secure   bool    `json:"secure"`
	HTTPOnly bool    `json:"http_only"`
	SameSite string  `json:"same_site,omitempty"`
}

// CookieWrite is one assignment to document.cookie.
type CookieWrite struct {
	Session  string      `json:"session"`
	FrameURL string      `json:"frame_url"`
	Value    string      `json:"value"`
	Stack    []CallFrame `json:"stack,omitempty"`
	Time     time.Time   `json:"time"`
}

// StorageWrite is one setItem on localStorage or sessionStorage.
type StorageWrite struct {
	Page     int    `json:"page"`
	Session  string `json:"session"`
	FrameURL string `json:"frame_url"`
	// Area is "local" or "session".
	Area  string      `json:"area"`
	Key   string      `json:"key"`
	Value string      `json:"value"`
	Stack []CallFrame `json:"stack,omitempty"`
	Time  time.Time   `json:"time"`
}

// Console is one console message or uncaught exception of the page, or
// a note of what the page did to the browser.
type Console struct {
	Session string `json:"session"`
	// Level is the console level (error, warning, assert), "exception",
	// or a note: "dialog", "download", "popup", or "crash" for a worker
	// the browser stopped as the visit left.
	Level string    `json:"level"`
	Text  string    `json:"text"`
	URL   string    `json:"url,omitempty"`
	Time  time.Time `json:"time"`
}

// Typed is one value the crawler typed into a field, key by key.
type Typed struct {
	Page     int    `json:"page"`
	Session  string `json:"session"`
	FrameURL string `json:"frame_url"`
	// Field is a CSS selector of the field.
	Field string `json:"field"`
	// Kind is email, password, chat, search, name, phone, address or
	// other.
	Kind  string `json:"kind"`
	Value string `json:"value"`
	// Started and Finished bound the typing: the first key down and the
	// moment focus left the field.
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
}

// Submit is a form submission or navigation away that the page made.
type Submit struct {
	Page     int    `json:"page"`
	Session  string `json:"session"`
	FrameURL string `json:"frame_url"`
	// Kind is submit, request_submit or navigation.
	Kind   string      `json:"kind"`
	Target string      `json:"target,omitempty"`
	Stack  []CallFrame `json:"stack,omitempty"`
	Time   time.Time   `json:"time"`
}

// Listener is one event listener registration.
type Listener struct {
	Page     int    `json:"page"`
	Session  string `json:"session"`
	FrameURL string `json:"frame_url"`
	Event    string `json:"event"`
	// Target is a CSS selector, or document or window.
	Target string `json:"target"`
	// FieldKind is the kind of the target field when it is one.
	FieldKind string `json:"field_kind,omitempty"`
	// Script is the URL of the registering script when DevTools named it;
	// Stack is the registering stack when the hook saw it.
	Script string      `json:"script,omitempty"`
	Stack  []CallFrame `json:"stack,omitempty"`
	// Source is "hook" (seen as it was added) or "devtools" (found by
	// DOMDebugger after the visit).
	Source string `json:"source"`
}

// APICall counts the calls of one instrumented API from one place.
type APICall struct {
	Page     int    `json:"page"`
	Session  string `json:"session"`
	FrameURL string `json:"frame_url"`
	// API names the call or read, as Interface.member, such as
	// HTMLCanvasElement.toDataURL or Navigator.userAgent.
	API string `json:"api"`
	// Args summarises the arguments (text drawn, font set, WebGL
	// constant), empty when the API takes none.
	Args  string      `json:"args,omitempty"`
	Count int         `json:"count"`
	Stack []CallFrame `json:"stack,omitempty"`
	// Extra holds API-specific facts, such as a canvas's size.
	Extra map[string]string `json:"extra,omitempty"`
}

// HookStatus is the instrumentation's self-check in one document or
// worker.
type HookStatus struct {
	Session  string   `json:"session"`
	FrameURL string   `json:"frame_url"`
	Failed   []string `json:"failed"`
}
