package detectors

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/trace"
)

const (
	fpPage   = "https://shop.example/"
	fpVendor = "https://cdn.vendor.example/fp.js"
	fpChart  = "https://cdn.example/chart.js"
)

// call is a call record from script at line 1 of the page's session.
func call(script, api, args string, count int, extra map[string]string) trace.APICall {
	return trace.APICall{
		Session: "S", FrameURL: fpPage, API: api, Args: args, Count: count, Extra: extra,
		Stack: []trace.CallFrame{{URL: script, Line: 1}},
	}
}

// canvasCalls draws text and colours on a canvas and reads it back, as a
// canvas fingerprint does, with extra facts about the read.
func canvasCalls(script, id string, read map[string]string) []trace.APICall {
	x := map[string]string{"id": id, "context": "2d", "width": "240", "height": "60",
		"type": "image/png", "text": "1", "colours": "2"}
	for k, v := range read {
		x[k] = v
	}
	return []trace.APICall{
		call(script, "HTMLCanvasElement.getContext", "2d", 1, map[string]string{"id": id}),
		call(script, "CanvasRenderingContext2D.fillStyle", "#f60", 1, map[string]string{"id": id}),
		call(script, "CanvasRenderingContext2D.fillStyle", "#069", 1, map[string]string{"id": id}),
		call(script, "CanvasRenderingContext2D.fillText", "Cwm fjordbank", 2,
			map[string]string{"id": id}),
		call(script, "HTMLCanvasElement.toDataURL", x["type"]+" 240x60", 1, x),
	}
}

func techniques(fs []findings.Fingerprint) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Script+" "+f.Technique)
	}
	return out
}

func TestFingerprintCanvas(t *testing.T) {
	tests := []struct {
		name string
		read map[string]string
		want bool
	}{
		{"text read back as PNG", nil, true},
		{"pixels read back", map[string]string{"type": "pixels", "read_width": "240",
			"read_height": "60"}, true},
		{"an image drawn in (editor)", map[string]string{"image": "1"}, false},
		{"save and restore (chart)", map[string]string{"save_restore": "1"}, false},
		{"listeners on the canvas", map[string]string{"listener": "1"}, false},
		{"shown in the page", map[string]string{"connected": "1"}, false},
		{"exported as JPEG", map[string]string{"type": "image/jpeg"}, false},
		{"too small", map[string]string{"width": "15"}, false},
		{"few pixels read", map[string]string{"type": "pixels", "read_width": "4",
			"read_height": "1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &trace.Trace{Calls: canvasCalls(fpVendor, "r:1", tt.read)}
			got := Fingerprints(tr)
			if found := slices.Contains(techniques(got), fpVendor+" canvas"); found != tt.want {
				t.Fatalf("canvas found = %v, want %v (%+v)", found, tt.want, got)
			}
			if !tt.want {
				return
			}
			f := got[0]
			if f.APIs["HTMLCanvasElement.toDataURL"] != 1 ||
				f.APIs["CanvasRenderingContext2D.fillText"] != 2 ||
				f.APIs["HTMLCanvasElement.getContext"] != 1 {
				t.Errorf("apis = %v", f.APIs)
			}
			if !strings.Contains(f.Evidence, `"Cwm fjordbank"`) || !strings.Contains(f.Evidence, "240x60") {
				t.Errorf("evidence = %q, want the text and the size", f.Evidence)
			}
		})
	}
}

func TestFingerprintCanvasNeedsTheSameScript(t *testing.T) {
	// One script draws, another reads the canvas back: neither alone
	// makes a fingerprint.
	calls := canvasCalls(fpChart, "r:1", nil)
	calls[len(calls)-1].Stack = []trace.CallFrame{{URL: fpVendor}}
	if got := Fingerprints(&trace.Trace{Calls: calls}); len(got) != 0 {
		t.Errorf("findings = %+v, want none", got)
	}
	// Text alone, never read, is a chart's label.
	if got := Fingerprints(&trace.Trace{Calls: calls[:4]}); len(got) != 0 {
		t.Errorf("findings = %+v, want none", got)
	}
}

func TestFingerprintCanvasFonts(t *testing.T) {
	var calls []trace.APICall
	for i := range 25 {
		calls = append(calls, call(fpVendor, "CanvasRenderingContext2D.measureText",
			fmt.Sprintf("72px Font%d, monospace|WwMmLli0Oo", i), 1, nil))
	}
	// A chart measures many labels in two fonts.
	for i := range 40 {
		calls = append(calls, call(fpChart, "CanvasRenderingContext2D.measureText",
			fmt.Sprintf("%s|label %d", []string{"12px Helvetica", "bold 12px Helvetica"}[i%2], i), 1, nil))
	}
	got := Fingerprints(&trace.Trace{Calls: calls})
	if want := []string{fpVendor + " canvas_font"}; !slices.Equal(techniques(got), want) {
		t.Fatalf("findings = %q, want %q", techniques(got), want)
	}
	if got[0].APIs["CanvasRenderingContext2D.measureText"] != 25 ||
		!strings.Contains(got[0].Evidence, "25 fonts") {
		t.Errorf("finding = %+v", got[0])
	}
}

func TestFingerprintFonts(t *testing.T) {
	var probe, check []trace.APICall
	for i := range 30 {
		for _, base := range []string{"monospace", "serif"} {
			probe = append(probe, call(fpVendor, "HTMLElement.offsetWidth",
				fmt.Sprintf("\"Font %d\", %s", i, base), 1, nil))
		}
		check = append(check, call(fpVendor, "FontFaceSet.check", fmt.Sprintf("12px Font%d", i), 1, nil))
	}
	tests := []struct {
		name     string
		calls    []trace.APICall
		evidence string
	}{
		{"width probing", probe, "measured elements in 30 font families 60 times"},
		{"document.fonts.check", check, "checked 30 fonts with document.fonts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Fingerprints(&trace.Trace{Calls: tt.calls})
			if len(got) != 1 || got[0].Technique != TechFonts || got[0].Evidence != tt.evidence {
				t.Errorf("findings = %+v, want fonts with %q", got, tt.evidence)
			}
		})
	}
	// Layout code measuring a few styled elements is not enumeration.
	few := probe[:10]
	if got := Fingerprints(&trace.Trace{Calls: few}); len(got) != 0 {
		t.Errorf("findings = %+v, want none", got)
	}
}

func TestFingerprintWebGL(t *testing.T) {
	unmasked := []trace.APICall{
		call(fpVendor, "HTMLCanvasElement.getContext", "webgl", 1, map[string]string{"id": "r:2"}),
		call(fpVendor, "WebGLRenderingContext.getExtension", "WEBGL_debug_renderer_info", 1, nil),
		call(fpVendor, "WebGLRenderingContext.getParameter", "UNMASKED_RENDERER_WEBGL", 1, nil),
		call(fpVendor, "WebGLRenderingContext.getSupportedExtensions", "", 1, nil),
	}
	var viewer []trace.APICall
	for i := range 35 {
		viewer = append(viewer, call(fpChart, "WebGL2RenderingContext.getParameter",
			fmt.Sprintf("PARAM_%d", i), 1, nil))
	}
	viewer = append(viewer, call(fpChart, "WebGL2RenderingContext.drawElements", "first", 1,
		map[string]string{"id": "r:3", "connected": "1"}))
	tests := []struct {
		name  string
		calls []trace.APICall
		want  []string
	}{
		{"unmasked renderer", unmasked, []string{fpVendor + " webgl"}},
		{"3D viewer drawing in the page", viewer, nil},
		{"same parameters, nothing drawn", viewer[:35], []string{fpChart + " webgl"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Fingerprints(&trace.Trace{Calls: tt.calls})
			if !slices.Equal(techniques(got), tt.want) {
				t.Fatalf("findings = %q, want %q", techniques(got), tt.want)
			}
		})
	}
	got := Fingerprints(&trace.Trace{Calls: unmasked})
	if got[0].APIs["HTMLCanvasElement.getContext"] != 1 ||
		got[0].APIs["WebGLRenderingContext.getParameter"] != 1 ||
		!strings.Contains(got[0].Evidence, "unmasked GPU vendor and renderer") {
		t.Errorf("finding = %+v", got[0])
	}
}

func TestFingerprintAudioAndWebRTC(t *testing.T) {
	audio := []trace.APICall{
		call(fpVendor, "OfflineAudioContext", "1,5000,44100", 1, nil),
		call(fpVendor, "BaseAudioContext.createOscillator", "offline", 1, nil),
		call(fpVendor, "BaseAudioContext.createDynamicsCompressor", "offline", 1, nil),
		call(fpVendor, "OfflineAudioContext.startRendering", "", 1, nil),
		call(fpVendor, "AudioBuffer.getChannelData", "", 1, nil),
	}
	// A shop's sound effect: an oscillator played on a real-time context.
	chime := []trace.APICall{
		call(fpChart, "AudioContext", "", 1, nil),
		call(fpChart, "BaseAudioContext.createOscillator", "realtime", 1, nil),
	}
	ice := []trace.APICall{
		call(fpVendor, "RTCPeerConnection", "ice_servers=1", 1, nil),
		call(fpVendor, "RTCPeerConnection.createDataChannel", "", 1, nil),
		call(fpVendor, "RTCPeerConnection.createOffer", "", 1, nil),
		call(fpVendor, "RTCPeerConnection.onicecandidate", "", 1, nil),
	}
	offer := []trace.APICall{
		call(fpVendor, "RTCPeerConnection", "ice_servers=0", 1, nil),
		call(fpVendor, "RTCPeerConnection.createDataChannel", "", 1, nil),
		call(fpVendor, "RTCPeerConnection.createOffer", "", 1, nil),
	}
	// A video call: it gathers candidates and meets its peer.
	videoCall := append(slices.Clone(ice),
		call(fpVendor, "RTCPeerConnection.setRemoteDescription", "", 1, nil))
	tests := []struct {
		name     string
		calls    []trace.APICall
		want     []string
		evidence string
	}{
		{"offline oscillator read back", audio, []string{fpVendor + " audio"}, "dynamics compressor"},
		{"chime", chime, nil, ""},
		{"local addresses", ice, []string{fpVendor + " webrtc"}, "ICE candidates"},
		{"offer without servers", offer, []string{fpVendor + " webrtc"}, "no ICE servers"},
		{"video call", videoCall, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Fingerprints(&trace.Trace{Calls: tt.calls})
			if !slices.Equal(techniques(got), tt.want) {
				t.Fatalf("findings = %q, want %q", techniques(got), tt.want)
			}
			if len(got) > 0 && !strings.Contains(got[0].Evidence, tt.evidence) {
				t.Errorf("evidence = %q, want it to mention %q", got[0].Evidence, tt.evidence)
			}
		})
	}
}

// navigatorCalls reads n distinct navigator properties.
func navigatorCalls(script string, n int) []trace.APICall {
	props := []string{"userAgent", "platform", "language", "languages", "plugins", "mimeTypes",
		"hardwareConcurrency", "deviceMemory", "webdriver", "vendor", "maxTouchPoints",
		"cookieEnabled", "doNotTrack", "pdfViewerEnabled"}
	var out []trace.APICall
	for _, p := range props[:n] {
		out = append(out, call(script, "Navigator."+p, "", 2, nil))
	}
	return out
}

func TestFingerprintAttributesNeedEnumerationOrAnotherTechnique(t *testing.T) {
	tz := call(fpVendor, "Intl.DateTimeFormat.resolvedOptions", "", 1, nil)
	battery := call(fpVendor, "Navigator.getBattery", "", 1, nil)
	screen := []trace.APICall{
		call(fpVendor, "Screen.width", "", 1, nil), call(fpVendor, "Screen.height", "", 1, nil),
		call(fpVendor, "Screen.colorDepth", "", 1, nil),
	}
	tests := []struct {
		name  string
		calls []trace.APICall
		want  []string
	}{
		{"a time zone read alone (delivery times)", []trace.APICall{tz}, nil},
		{"one property", navigatorCalls(fpVendor, 1), nil},
		{"analytics' device description", append(navigatorCalls(fpVendor, 8), tz), nil},
		{"navigator enumeration", append(navigatorCalls(fpVendor, 10), tz, battery),
			[]string{"battery", "navigator", "timezone"}},
		{"canvas with a few attributes", append(append(canvasCalls(fpVendor, "r:1", nil),
			navigatorCalls(fpVendor, 3)...), append(screen, tz)...),
			[]string{"canvas", "navigator", "screen", "timezone"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range Fingerprints(&trace.Trace{Calls: tt.calls}) {
				got = append(got, f.Technique)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("techniques = %q, want %q", got, tt.want)
			}
		})
	}
	got := Fingerprints(&trace.Trace{Calls: append(navigatorCalls(fpVendor, 10), tz)})
	if got[1].Evidence != "read the time zone alongside navigator fingerprinting" ||
		got[1].APIs["Intl.DateTimeFormat.resolvedOptions"] != 1 {
		t.Errorf("time zone finding = %+v", got[1])
	}
	if got[0].APIs["Navigator.userAgent"] != 2 || len(got[0].APIs) != 10 {
		t.Errorf("navigator apis = %v, want 10 properties read twice", got[0].APIs)
	}
}

func TestFingerprintAttribution(t *testing.T) {
	tr := &trace.Trace{
		Scripts: []trace.Script{
			{ID: "S/5", Session: "S", URL: fpPage, FrameURL: fpPage, Inline: "inline:" + fpPage + "#0",
				StartLine: 3, EndLine: 9},
			{ID: "S/6", Session: "S", URL: fpPage, FrameURL: fpPage, Inline: "inline:" + fpPage + "#1",
				StartLine: 12, EndLine: 20},
			// Eval'd code made by the second inline script.
			{ID: "S/7", Session: "S", FrameURL: fpPage, Inline: "inline:" + fpPage + "#2",
				Stack: []trace.CallFrame{{URL: fpPage, ScriptID: "6", Line: 14}}},
		},
	}
	at := func(f trace.CallFrame) []trace.APICall {
		calls := navigatorCalls("", 10)
		for i := range calls {
			calls[i].Stack = []trace.CallFrame{{URL: ownPrefix + "instrument.js"}, f}
		}
		return calls
	}
	tests := []struct {
		name  string
		frame trace.CallFrame
		want  string
	}{
		{"script id of an inline script", trace.CallFrame{URL: fpPage, ScriptID: "5", Line: 4},
			"inline:" + fpPage + "#0"},
		{"line of an inline script", trace.CallFrame{URL: fpPage, Line: 15}, "inline:" + fpPage + "#1"},
		{"eval'd code belongs to its creator", trace.CallFrame{ScriptID: "7"},
			"inline:" + fpPage + "#1"},
		{"a script's URL", trace.CallFrame{URL: fpVendor, Line: 100}, fpVendor},
		{"a blob", trace.CallFrame{URL: "blob:https://shop.example/1f2e"},
			"blob:https://shop.example/1f2e"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr.Calls = at(tt.frame)
			got := Fingerprints(tr)
			if len(got) != 1 || got[0].Script != tt.want {
				t.Errorf("findings = %+v, want navigator by %s", got, tt.want)
			}
		})
	}
	tr.Calls = at(trace.CallFrame{})
	if got := Fingerprints(tr); len(got) != 0 {
		t.Errorf("a call without a script gave %+v", got)
	}
}
