package detectors

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/trace"
)

// The techniques of [findings.Fingerprint], as the report names them.
const (
	TechCanvas          = "canvas"
	TechCanvasFont      = "canvas_font"
	TechWebGL           = "webgl"
	TechAudio           = "audio"
	TechWebRTC          = "webrtc"
	TechFonts           = "fonts"
	TechNavigator       = "navigator"
	TechScreen          = "screen"
	TechBattery         = "battery"
	TechMediaDevices    = "media_devices"
	TechSensors         = "sensors"
	TechClientHints     = "client_hints"
	TechTimezone        = "timezone"
	TechStorageEstimate = "storage_estimate"
	TechPermissions     = "permissions"
)

// Fingerprints returns one finding per script and fingerprinting technique
// that the instrumented calls of t show, sorted by script and technique.
//
// A call belongs to the script of the innermost frame of its stack that
// is not the crawler's own; code without a URL of its own belongs to its
// inline name, and eval'd code to the script that evaluated it. Each
// technique is judged per script: the canvas, canvas fonts, WebGL, audio,
// WebRTC and font enumeration on their own evidence, navigator and screen
// only when one script reads many distinct properties, and the attributes
// that innocent code reads too (time zone, battery, media devices, client
// hints, storage estimate, permissions, sensors) only for a script that
// fingerprints by another technique as well.
func Fingerprints(t *trace.Trace) []findings.Fingerprint {
	out := []findings.Fingerprint{}
	for _, u := range collectUses(t) {
		out = append(out, u.verdicts()...)
	}
	slices.SortFunc(out, func(a, b findings.Fingerprint) int {
		return cmp.Or(strings.Compare(a.Script, b.Script), strings.Compare(a.Technique, b.Technique))
	})
	return out
}

// scriptUse is everything one script did to the fingerprinting surface,
// over all documents, workers and pages of a visit.
type scriptUse struct {
	script string
	// calls counts calls per API, and byTechnique per technique and API.
	calls       map[string]int
	byTechnique map[string]map[string]int
	// args counts calls per API and argument summary.
	args map[string]map[string]int
	// canvases are the canvases the script drew on or read, by id.
	canvases map[string]*canvasUse
	// webglDrawn holds the ids of WebGL canvases the script drew on while
	// they were in the document; webglRead those it read back.
	webglDrawn map[string]bool
	webglRead  map[string]bool
}

// canvasUse is what one script did to one 2D canvas.
type canvasUse struct {
	texts   map[string]bool
	colours map[string]bool
	reads   []canvasRead
}

// canvasRead is one read-back of a canvas, with the canvas's state then.
type canvasRead struct {
	api   string
	extra map[string]string
}

func newScriptUse(script string) *scriptUse {
	return &scriptUse{
		script: script, calls: map[string]int{}, byTechnique: map[string]map[string]int{},
		args:     map[string]map[string]int{},
		canvases: map[string]*canvasUse{}, webglDrawn: map[string]bool{}, webglRead: map[string]bool{},
	}
}

// collectUses groups the calls of t by calling script, sorted by script.
func collectUses(t *trace.Trace) []*scriptUse {
	names := newCallerNames(t)
	byScript := map[string]*scriptUse{}
	for _, c := range t.Calls {
		if techniqueOf(c.API, c.Args, c.Extra) == "" {
			continue
		}
		script := names.caller(c.Session, c.Stack)
		if script == "" {
			continue
		}
		u := byScript[script]
		if u == nil {
			u = newScriptUse(script)
			byScript[script] = u
		}
		u.add(c)
	}
	return slices.SortedFunc(maps.Values(byScript), func(a, b *scriptUse) int {
		return strings.Compare(a.script, b.script)
	})
}

// add counts one call record.
func (u *scriptUse) add(c trace.APICall) {
	n := max(c.Count, 1)
	u.calls[c.API] += n
	if u.args[c.API] == nil {
		u.args[c.API] = map[string]int{}
	}
	u.args[c.API][c.Args] += n
	tech := techniqueOf(c.API, c.Args, c.Extra)
	if u.byTechnique[tech] == nil {
		u.byTechnique[tech] = map[string]int{}
	}
	u.byTechnique[tech][c.API] += n

	_, member := splitAPI(c.API)
	id := c.Extra["id"]
	switch {
	case id == "":
	case member == "fillText" || member == "strokeText":
		u.canvas(id).texts[c.Args] = true
	case member == "fillStyle" || member == "strokeStyle":
		u.canvas(id).colours[c.Args] = true
	case isCanvasRead(c.API) && c.Extra["context"] == "2d":
		cv := u.canvas(id)
		cv.reads = append(cv.reads, canvasRead{api: c.API, extra: c.Extra})
	case member == "readPixels" ||
		isCanvasRead(c.API) && strings.Contains(c.Extra["context"], "webgl"):
		u.webglRead[id] = true
	case strings.HasPrefix(member, "draw") && c.Extra["connected"] == "1":
		u.webglDrawn[id] = true
	}
}

func (u *scriptUse) canvas(id string) *canvasUse {
	cv := u.canvases[id]
	if cv == nil {
		cv = &canvasUse{texts: map[string]bool{}, colours: map[string]bool{}}
		u.canvases[id] = cv
	}
	return cv
}

// distinct returns how many distinct argument summaries api was called
// with.
func (u *scriptUse) distinct(api ...string) int {
	seen := map[string]bool{}
	for _, a := range api {
		for arg := range u.args[a] {
			seen[arg] = true
		}
	}
	return len(seen)
}

// has reports whether any of the APIs was called.
func (u *scriptUse) has(api ...string) bool {
	for _, a := range api {
		if u.calls[a] > 0 {
			return true
		}
	}
	return false
}

// splitAPI splits "Interface.member" at its last dot; a constructor's
// name is an interface without a member.
func splitAPI(api string) (iface, member string) {
	i := strings.LastIndexByte(api, '.')
	if i < 0 {
		return api, ""
	}
	return api[:i], api[i+1:]
}

// callerNames names the script of a call from its stack.
type callerNames struct {
	byID   map[string]trace.Script // session/script id
	inline *scriptNames
}

func newCallerNames(t *trace.Trace) *callerNames {
	n := &callerNames{byID: make(map[string]trace.Script, len(t.Scripts)), inline: newScriptNames(t)}
	for _, s := range t.Scripts {
		n.byID[s.ID] = s
	}
	return n
}

// caller returns the name of the script of the innermost frame that is
// not the crawler's own, or "" when no frame names one.
func (n *callerNames) caller(session string, stack []trace.CallFrame) string {
	for _, f := range stack {
		if strings.HasPrefix(f.URL, ownPrefix) {
			continue
		}
		return n.frame(session, f, 0)
	}
	return ""
}

// frame names the script of one frame: the parsed script its id names
// (for eval'd code, the script that evaluated it), else the inline script
// of its document that holds its line, else its URL.
func (n *callerNames) frame(session string, f trace.CallFrame, depth int) string {
	if s, ok := n.byID[session+"/"+f.ScriptID]; ok && f.ScriptID != "" {
		if s.URL == "" && depth < 4 {
			for _, c := range s.Stack {
				if !strings.HasPrefix(c.URL, ownPrefix) {
					return n.frame(s.Session, c, depth+1)
				}
			}
		}
		return cmp.Or(s.Inline, s.URL)
	}
	if f.URL == "" {
		return ""
	}
	return n.inline.frame(f)
}
