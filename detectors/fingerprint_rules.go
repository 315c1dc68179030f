package detectors

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/exposure-audit/exposure/findings"
)

// Thresholds of the verdicts. The canvas and canvas-font rules follow the
// published measurement heuristics (Englehardt and Narayanan, 2016) with
// lower counts, which the same-text and same-canvas conditions keep safe;
// the navigator and screen counts sit above what analytics and session
// replay libraries read (up to 8 navigator properties and 4 screen
// properties in the lab: PostHog and Snowplow).
const (
	// minCanvasSide is the smallest width and height of a canvas whose
	// read-back can identify a browser.
	minCanvasSide = 16
	// minFontsMeasured is how many fonts one text must be measured in on
	// a canvas, and minFontsProbed how many font families must be tried
	// on elements or with document.fonts.
	minFontsMeasured = 20
	minFontsProbed   = 20
	// minWebGLParams and minPrecisions are how many distinct parameters
	// and shader precision formats make WebGL enumeration.
	minWebGLParams = 30
	minPrecisions  = 8
	// minNavigatorProps and minScreenProps are how many distinct
	// properties one script must read to enumerate on those alone;
	// minCollected is the count for a script that fingerprints otherwise.
	minNavigatorProps = 10
	minScreenProps    = 7
	minCollected      = 3
)

// rule judges one technique for one script, returning the evidence line
// and whether the script uses the technique.
type rule struct {
	technique string
	judge     func(u *scriptUse) (string, bool)
}

// primaryRules stand on their own evidence.
var primaryRules = []rule{
	{TechCanvas, (*scriptUse).canvasVerdict},
	{TechCanvasFont, (*scriptUse).canvasFontVerdict},
	{TechWebGL, (*scriptUse).webglVerdict},
	{TechAudio, (*scriptUse).audioVerdict},
	{TechWebRTC, (*scriptUse).webrtcVerdict},
	{TechFonts, (*scriptUse).fontsVerdict},
	{TechNavigator, func(u *scriptUse) (string, bool) {
		return u.navigatorVerdict(minNavigatorProps)
	}},
	{TechScreen, func(u *scriptUse) (string, bool) { return u.screenVerdict(minScreenProps) }},
}

// verdicts returns the script's findings. Attributes that innocent code
// reads as well count only for a script with a primary finding.
func (u *scriptUse) verdicts() []findings.Fingerprint {
	var out []findings.Fingerprint
	found := map[string]bool{}
	for _, r := range primaryRules {
		if ev, ok := r.judge(u); ok {
			out = append(out, u.finding(r.technique, ev))
			found[r.technique] = true
		}
	}
	if len(out) == 0 {
		return out
	}
	also := " alongside " + joinLimit(slices.Sorted(maps.Keys(found)), 4) + " fingerprinting"
	collected := []rule{
		{TechNavigator, func(u *scriptUse) (string, bool) { return u.navigatorVerdict(minCollected) }},
		{TechScreen, func(u *scriptUse) (string, bool) { return u.screenVerdict(minCollected) }},
		{TechTimezone, (*scriptUse).timezoneVerdict},
		{TechBattery, (*scriptUse).batteryVerdict},
		{TechMediaDevices, (*scriptUse).mediaVerdict},
		{TechClientHints, (*scriptUse).clientHintsVerdict},
		{TechStorageEstimate, (*scriptUse).storageVerdict},
		{TechPermissions, (*scriptUse).permissionsVerdict},
		{TechSensors, (*scriptUse).sensorsVerdict},
	}
	for _, r := range collected {
		if found[r.technique] {
			continue
		}
		if ev, ok := r.judge(u); ok {
			out = append(out, u.finding(r.technique, ev+also))
		}
	}
	return out
}

// finding builds the finding of one technique with the counts of the
// script's calls that serve it.
func (u *scriptUse) finding(technique, evidence string) findings.Fingerprint {
	apis := map[string]int{}
	for api, n := range u.byTechnique[technique] {
		apis[api] = n
	}
	return findings.Fingerprint{Script: u.script, Technique: technique, APIs: apis,
		Evidence: evidence}
}

// canvasVerdict: text, or two colours, drawn on a canvas of at least
// 16x16 and read back by the same script, as a lossless image or pixels,
// with none of the signs of an editor or a chart (an image drawn in,
// save/restore, a listener on the canvas, the canvas shown in the page).
func (u *scriptUse) canvasVerdict() (string, bool) {
	var best string
	bestArea := -1
	for _, id := range slices.Sorted(maps.Keys(u.canvases)) {
		cv := u.canvases[id]
		if len(cv.texts) == 0 && len(cv.colours) < 2 {
			continue
		}
		for _, r := range cv.reads {
			w, h, ok := readSize(r)
			if !ok || len(editorSigns(r.extra)) > 0 {
				continue
			}
			ev := fmt.Sprintf("drew %s on a %dx%d canvas and read it back (%s)",
				drawnSummary(cv), w, h, readSummary(r))
			if area := w * h; area > bestArea || area == bestArea && ev < best {
				best, bestArea = ev, area
			}
		}
	}
	return best, best != ""
}

// readSize returns the size a read-back covers, and false when it is too
// small to identify a browser.
func readSize(r canvasRead) (w, h int, ok bool) {
	w, _ = strconv.Atoi(r.extra["width"])
	h, _ = strconv.Atoi(r.extra["height"])
	if rw, err := strconv.Atoi(r.extra["read_width"]); err == nil {
		w = min(w, rw)
	}
	if rh, err := strconv.Atoi(r.extra["read_height"]); err == nil {
		h = min(h, rh)
	}
	return w, h, w >= minCanvasSide && h >= minCanvasSide
}

// editorSigns lists what shows a canvas read-back to be an editor's, a
// resizer's or a chart's rather than a fingerprint.
func editorSigns(extra map[string]string) []string {
	var signs []string
	if extra["image"] == "1" {
		signs = append(signs, "an image drawn in")
	}
	if extra["save_restore"] == "1" {
		signs = append(signs, "save/restore")
	}
	if extra["listener"] == "1" {
		signs = append(signs, "event listeners")
	}
	if extra["connected"] == "1" {
		signs = append(signs, "shown in the page")
	}
	if t := extra["type"]; strings.Contains(t, "jpeg") || strings.Contains(t, "webp") {
		signs = append(signs, "lossy "+t)
	}
	return signs
}

func drawnSummary(cv *canvasUse) string {
	var parts []string
	if len(cv.texts) > 0 {
		texts := slices.Sorted(maps.Keys(cv.texts))
		parts = append(parts, fmt.Sprintf("text %q", texts[0]))
	}
	if len(cv.colours) > 0 {
		parts = append(parts, plural(len(cv.colours), "colour"))
	}
	return strings.Join(parts, " in ")
}

func readSummary(r canvasRead) string {
	_, member := splitAPI(r.api)
	if member == "getImageData" {
		return member
	}
	return member + ", " + cmp.Or(r.extra["type"], "image/png")
}

// canvasFontVerdict: one text measured in many fonts.
func (u *scriptUse) canvasFontVerdict() (string, bool) {
	fontsByText := map[string]map[string]bool{}
	for _, api := range []string{"CanvasRenderingContext2D.measureText",
		"OffscreenCanvasRenderingContext2D.measureText"} {
		for arg := range u.args[api] {
			font, text, _ := strings.Cut(arg, "|")
			if fontsByText[text] == nil {
				fontsByText[text] = map[string]bool{}
			}
			fontsByText[text][font] = true
		}
	}
	bestText, best := "", 0
	for _, text := range slices.Sorted(maps.Keys(fontsByText)) {
		if n := len(fontsByText[text]); n > best {
			bestText, best = text, n
		}
	}
	if best < minFontsMeasured {
		return "", false
	}
	return fmt.Sprintf("measured the text %q in %d fonts on a canvas", bestText, best), true
}

// fontsVerdict: many fonts checked with the Font Loading API, or elements
// measured in many font families (width probing).
func (u *scriptUse) fontsVerdict() (string, bool) {
	if n := u.distinct("FontFaceSet.check", "FontFaceSet.load"); n >= minFontsProbed {
		return fmt.Sprintf("checked %d fonts with document.fonts", n), true
	}
	families := map[string]bool{}
	measures := 0
	for _, api := range []string{"HTMLElement.offsetWidth", "HTMLElement.offsetHeight",
		"Element.getBoundingClientRect"} {
		for list, n := range u.args[api] {
			families[firstFamily(list)] = true
			measures += n
		}
	}
	if len(families) < minFontsProbed {
		return "", false
	}
	return fmt.Sprintf("measured elements in %d font families %d times", len(families),
		measures), true
}

// firstFamily returns the first family of a CSS font-family list,
// unquoted.
func firstFamily(list string) string {
	f, _, _ := strings.Cut(list, ",")
	return strings.Trim(strings.TrimSpace(f), `"'`)
}

// webglVerdict: the unmasked GPU read, a WebGL canvas read back, or many
// parameters or shader precisions enumerated, by a script that draws
// nothing on a canvas in the page (a 3D viewer reads parameters too).
func (u *scriptUse) webglVerdict() (string, bool) {
	params := map[string]bool{}
	unmasked := false
	precisions := u.distinct("WebGLRenderingContext.getShaderPrecisionFormat",
		"WebGL2RenderingContext.getShaderPrecisionFormat")
	for _, api := range []string{"WebGLRenderingContext.getParameter",
		"WebGL2RenderingContext.getParameter"} {
		for arg := range u.args[api] {
			params[arg] = true
			unmasked = unmasked || strings.HasPrefix(arg, "UNMASKED_")
		}
	}
	read := len(u.webglRead) > 0
	if !unmasked && !read && len(params) < minWebGLParams && precisions < minPrecisions {
		return "", false
	}
	if len(u.webglDrawn) > 0 {
		return "", false
	}
	var what []string
	if unmasked {
		what = append(what, "the unmasked GPU vendor and renderer")
	}
	what = append(what, plural(len(params), "parameter"))
	if precisions > 0 {
		what = append(what, plural(precisions, "shader precision"))
	}
	if u.has("WebGLRenderingContext.getSupportedExtensions",
		"WebGL2RenderingContext.getSupportedExtensions") {
		what = append(what, "the extension list")
	}
	ev := "read " + joinAnd(what) + ", drawing nothing in the page"
	if read {
		ev = "read back a WebGL image and " + ev
	}
	return ev, true
}

// audioVerdict: an oscillator rendered offline and its samples read, or
// an oscillator analysed in real time with the analyser read.
func (u *scriptUse) audioVerdict() (string, bool) {
	osc := u.args["BaseAudioContext.createOscillator"]
	compressor := u.has("BaseAudioContext.createDynamicsCompressor")
	through := ""
	if compressor {
		through = " through a dynamics compressor"
	}
	read := u.has("OfflineAudioContext.startRendering", "AudioBuffer.getChannelData",
		"AudioBuffer.copyFromChannel")
	if osc["offline"] > 0 && read {
		return "rendered an oscillator" + through +
			" in an offline audio context and read the samples", true
	}
	analysed := u.has("AnalyserNode.getFloatFrequencyData", "AnalyserNode.getByteFrequencyData",
		"AnalyserNode.getFloatTimeDomainData", "AnalyserNode.getByteTimeDomainData")
	if osc["realtime"] > 0 && u.has("BaseAudioContext.createAnalyser") && analysed {
		return "analysed an oscillator" + through + " in an audio context and read the analyser", true
	}
	return "", false
}

// webrtcVerdict: a peer connection that never meets a remote peer, made
// to gather local ICE candidates or to read the offer it produces.
func (u *scriptUse) webrtcVerdict() (string, bool) {
	if !u.has("RTCPeerConnection") ||
		!u.has("RTCPeerConnection.createDataChannel", "RTCPeerConnection.createOffer") ||
		u.has("RTCPeerConnection.setRemoteDescription") {
		return "", false
	}
	if u.has("RTCPeerConnection.onicecandidate", "RTCPeerConnection.addEventListener",
		"RTCIceCandidate.candidate", "RTCIceCandidate.address",
		"RTCPeerConnection.localDescription") {
		return "gathered ICE candidates (local network addresses) on a peer connection " +
			"with no remote peer", true
	}
	if u.args["RTCPeerConnection"]["ice_servers=0"] > 0 && u.has("RTCPeerConnection.createOffer") {
		return "made an offer on a peer connection with no ICE servers and no remote peer, " +
			"which only describes the browser's media stack", true
	}
	return "", false
}

// navigatorVerdict: at least min distinct navigator properties.
func (u *scriptUse) navigatorVerdict(min int) (string, bool) {
	props := map[string]bool{}
	for api := range u.byTechnique[TechNavigator] {
		if _, member := splitAPI(api); navigatorProps[member] {
			props[member] = true
		}
	}
	if len(props) < min {
		return "", false
	}
	names := slices.Sorted(maps.Keys(props))
	return fmt.Sprintf("read %d navigator properties (%s)", len(names), joinLimit(names, 6)), true
}

// screenVerdict: at least min distinct screen and window metrics or
// device media features.
func (u *scriptUse) screenVerdict(min int) (string, bool) {
	props := map[string]bool{}
	for api := range u.byTechnique[TechScreen] {
		if _, member := splitAPI(api); member != "matchMedia" {
			props[member] = true
		}
	}
	for query := range u.args["Window.matchMedia"] {
		if f := mediaFeature(query); f != "" {
			props["("+f+")"] = true
		}
	}
	if len(props) < min {
		return "", false
	}
	names := slices.Sorted(maps.Keys(props))
	return fmt.Sprintf("read %d screen properties and media features (%s)", len(names),
		joinLimit(names, 6)), true
}

func (u *scriptUse) timezoneVerdict() (string, bool) {
	return "read the time zone", len(u.byTechnique[TechTimezone]) > 0
}

func (u *scriptUse) batteryVerdict() (string, bool) {
	return "read the battery status", u.has("Navigator.getBattery")
}

func (u *scriptUse) mediaVerdict() (string, bool) {
	ok := u.has("MediaDevices.enumerateDevices") && !u.has("MediaDevices.getUserMedia")
	return "listed the media devices without using any", ok
}

func (u *scriptUse) clientHintsVerdict() (string, bool) {
	hints := u.args["NavigatorUAData.getHighEntropyValues"]
	if len(hints) == 0 {
		return "", false
	}
	return "asked for high-entropy client hints (" +
		joinLimit(slices.Sorted(maps.Keys(hints)), 2) + ")", true
}

func (u *scriptUse) storageVerdict() (string, bool) {
	return "read the storage estimate", u.has("StorageManager.estimate")
}

func (u *scriptUse) permissionsVerdict() (string, bool) {
	n := u.distinct("Permissions.query")
	return fmt.Sprintf("queried the state of %s", plural(n, "permission")), n > 0
}

func (u *scriptUse) sensorsVerdict() (string, bool) {
	return "listened to motion or orientation sensors", len(u.byTechnique[TechSensors]) > 0
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// joinLimit joins up to n items with commas, saying how many more there
// are.
func joinLimit(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(" and %d more", len(items)-n)
}

// joinAnd joins items as a list in prose.
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
