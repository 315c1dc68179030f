package detectors

import "strings"

// The instrumented APIs, as the crawler names them ("Interface.member"),
// grouped by the technique they serve.

// canvasReads are the calls that read a canvas's pixels back.
var canvasReads = map[string]bool{
	"HTMLCanvasElement.toDataURL":                    true,
	"HTMLCanvasElement.toBlob":                       true,
	"OffscreenCanvas.convertToBlob":                  true,
	"CanvasRenderingContext2D.getImageData":          true,
	"OffscreenCanvasRenderingContext2D.getImageData": true,
}

func isCanvasRead(api string) bool { return canvasReads[api] }

// ifaceTechniques maps interfaces whose every instrumented member serves
// one technique.
var ifaceTechniques = map[string]string{
	"WebGLRenderingContext":  TechWebGL,
	"WebGL2RenderingContext": TechWebGL,
	"AudioContext":           TechAudio,
	"OfflineAudioContext":    TechAudio,
	"BaseAudioContext":       TechAudio,
	"AudioBuffer":            TechAudio,
	"AnalyserNode":           TechAudio,
	"RTCPeerConnection":      TechWebRTC,
	"RTCIceCandidate":        TechWebRTC,
	"FontFaceSet":            TechFonts,
	"Screen":                 TechScreen,
	"Keyboard":               TechNavigator,
	"SpeechSynthesis":        TechNavigator,
	"MediaDevices":           TechMediaDevices,
	"Permissions":            TechPermissions,
	"StorageManager":         TechStorageEstimate,
	"Intl.DateTimeFormat":    TechTimezone,
	"Date":                   TechTimezone,
	"Sensor":                 TechSensors,
}

// apiTechniques maps single APIs that differ from their interface.
var apiTechniques = map[string]string{
	"HTMLElement.offsetWidth":              TechFonts,
	"HTMLElement.offsetHeight":             TechFonts,
	"Element.getBoundingClientRect":        TechFonts,
	"Navigator.getBattery":                 TechBattery,
	"NavigatorUAData.getHighEntropyValues": TechClientHints,
	"Window.addEventListener":              TechSensors,
	"Window.ondevicemotion":                TechSensors,
	"Window.ondeviceorientation":           TechSensors,
	"Window.ondeviceorientationabsolute":   TechSensors,
}

// techniqueOf returns the technique a call serves, or "" for a call that
// is not part of the fingerprinting surface. Canvas element calls serve
// WebGL when they concern a WebGL canvas.
func techniqueOf(api, args string, extra map[string]string) string {
	if t, ok := apiTechniques[api]; ok {
		return t
	}
	iface, member := splitAPI(api)
	if t, ok := ifaceTechniques[iface]; ok {
		return t
	}
	switch iface {
	case "CanvasRenderingContext2D", "OffscreenCanvasRenderingContext2D":
		if member == "measureText" || member == "font" {
			return TechCanvasFont
		}
		return TechCanvas
	case "HTMLCanvasElement", "OffscreenCanvas":
		if strings.Contains(args, "webgl") || strings.Contains(extra["context"], "webgl") {
			return TechWebGL
		}
		return TechCanvas
	case "Navigator", "WorkerNavigator", "NavigatorUAData":
		return TechNavigator
	case "Window":
		return TechScreen
	}
	return ""
}

// navigatorProps are the navigator members that describe the browser or
// the machine; reading many of them is enumeration. onLine and the
// connection's state are left out: they describe the moment, not the
// browser.
var navigatorProps = map[string]bool{
	"userAgent": true, "appVersion": true, "appName": true, "appCodeName": true,
	"product": true, "productSub": true, "vendor": true, "vendorSub": true, "platform": true,
	"language": true, "languages": true, "plugins": true, "mimeTypes": true,
	"hardwareConcurrency": true, "deviceMemory": true, "webdriver": true,
	"maxTouchPoints": true, "cookieEnabled": true, "doNotTrack": true,
	"pdfViewerEnabled": true, "javaEnabled": true, "userAgentData": true, "getGamepads": true,
	"brands": true, "mobile": true, "getLayoutMap": true, "getVoices": true,
}

// mediaFeatures are the media query features that describe the device
// rather than the layout; probing them with matchMedia is screen
// enumeration.
var mediaFeatures = []string{
	"color-gamut", "dynamic-range", "inverted-colors", "forced-colors", "prefers-contrast",
	"monochrome", "prefers-reduced-motion", "prefers-reduced-transparency",
	"prefers-color-scheme", "any-hover", "any-pointer", "color-index",
	"device-width", "device-height", "resolution",
}

// mediaFeature returns the first device feature a media query names, or
// "".
func mediaFeature(query string) string {
	q := strings.ToLower(query)
	for _, f := range mediaFeatures {
		if strings.Contains(q, f) {
			return f
		}
	}
	return ""
}
