package crawler

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/chromedp/cdproto/target"
	"go.uber.org/zap"
)

// ownScheme prefixes the sourceURL of everything the crawler evaluates in
// pages, so that none of it is mistaken for the page's own code.
const ownScheme = "exposure://"

// instrumentURL is the sourceURL of the injected script.
const instrumentURL = ownScheme + "instrument.js"

//go:embed instrument/*.js
var instrumentFS embed.FS

// instrumentJS is the injected script's source: the files of instrument/
// joined in name order inside one function, which the last line closes
// and calls with the binding's name.
var instrumentJS = func() string {
	files, err := fs.Glob(instrumentFS, "instrument/*.js")
	if err != nil {
		panic(err)
	}
	var b strings.Builder
	for _, f := range files {
		data, err := instrumentFS.ReadFile(f)
		if err != nil {
			panic(err)
		}
		b.Write(data)
		b.WriteString("\n")
	}
	b.WriteString("})(BINDING_NAME);\n//# sourceURL=" + instrumentURL + "\n")
	return b.String()
}()

// fieldsJS names and classifies fields. The instrumentation and the typing
// script both include it, so that listeners and typed values name a field
// the same way.
var fieldsJS = func() string {
	data, err := instrumentFS.ReadFile("instrument/05-fields.js")
	if err != nil {
		panic(err)
	}
	return string(data)
}()

// remarshal converts a decoded JSON value into out's type.
func remarshal(v, out any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, out)
}

// instrumentation returns the injected script bound to one binding name.
func instrumentation(binding string) string {
	name, _ := json.Marshal(binding)
	return strings.Replace(instrumentJS, "BINDING_NAME", string(name), 1)
}

// step is one DevTools command of a target's preparation. An optional
// step that fails is logged and skipped: the visit goes on without it.
type step struct {
	method   string
	params   any
	optional bool
}

// send sends the steps in order on session. A step that fails is returned
// with its method, and the rest are not sent.
func (v *visit) send(ctx context.Context, session target.SessionID, steps []step) error {
	for _, s := range steps {
		err := v.b.tap.Call(ctx, session, s.method, s.params, nil)
		switch {
		case err != nil && s.optional && ctx.Err() == nil:
			v.debug("optional preparation failed", zap.String("method", s.method), zap.Error(err))
		case err != nil:
			return fmt.Errorf("preparing %s target: %w", v.rec.targetType(string(session)), err)
		}
	}
	return nil
}

// commonSteps prepare any target: our binding, a desktop user agent, the
// network with request bodies, scripts with their creation stacks, and
// auto-attach that pauses every child until it is prepared in turn.
func (v *visit) commonSteps(worker bool) []step {
	ua := v.b.userAgent()
	uaMethod := "Emulation.setUserAgentOverride"
	if worker {
		uaMethod = "Network.setUserAgentOverride"
	}
	return []step{
		{"Runtime.addBinding", map[string]any{"name": v.binding}, false},
		{uaMethod, ua, false},
		{"Network.enable", map[string]any{
			"maxPostDataSize":       v.b.opts.MaxBody,
			"maxResourceBufferSize": 1 << 20,
			"maxTotalBufferSize":    16 << 20,
		}, false},
		{"Runtime.enable", nil, false},
		{"Debugger.enable", map[string]any{"maxScriptsCacheSize": 0}, false},
		{"Debugger.setSkipAllPauses", map[string]any{"skip": true}, false},
		{"Runtime.setAsyncCallStackDepth", map[string]any{"maxDepth": 16}, false},
		{"Target.setAutoAttach", map[string]any{
			"autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true,
			"filter": childAttachFilter,
		}, false},
	}
}

// childAttachFilter leaves service and shared workers to the browser
// session, which sees all of them (see targets.go). A tab attaches the
// service workers of its own scope too, and a worker attached by two
// sessions answers neither until both have resumed it.
var childAttachFilter = []map[string]any{
	{"type": "service_worker", "exclude": true},
	{"type": "shared_worker", "exclude": true},
	{"type": "browser", "exclude": true},
	{},
}

// preparePage readies the tab before its first navigation.
func (v *visit) preparePage(ctx context.Context) error {
	steps := []step{
		{"Page.enable", nil, false},
		{"Page.addScriptToEvaluateOnNewDocument", map[string]any{"source": v.script}, false},
		{"Page.setLifecycleEventsEnabled", map[string]any{"enabled": true}, false},
		// Concurrent visits run in background tabs; focus emulation lets
		// every tab's fields take focus and fire focus events.
		{"Emulation.setFocusEmulationEnabled", map[string]any{"enabled": true}, true},
		// Browser contexts are incognito-like and block third-party
		// cookies, which a shopper's default browser accepts.
		{"Network.setCookieControls", map[string]any{"enableThirdPartyCookieRestriction": false},
			true},
	}
	return v.send(ctx, v.session, append(steps, v.commonSteps(false)...))
}

// prepareChild readies a target that auto-attach paused: an iframe in its
// own process or a worker. It always resumes the target, even when a step
// failed, so that no frame of the page stays frozen.
func (v *visit) prepareChild(parent string, e evAttached) {
	ctx, cancel := context.WithTimeout(v.hardCtx, 10*time.Second)
	defer cancel()
	s := target.SessionID(e.SessionID)
	if e.WaitingForDebugger {
		defer func() {
			if err := v.b.tap.Call(ctx, s, "Runtime.runIfWaitingForDebugger", nil, nil); err != nil {
				v.debug("resuming target failed", zap.Error(err))
			}
		}()
	}

	var steps []step
	switch e.TargetInfo.Type {
	case "iframe":
		// Page.enable must come first: without it the new-document script
		// never runs in the frame.
		steps = append([]step{
			{"Page.enable", nil, false},
			{"Page.addScriptToEvaluateOnNewDocument", map[string]any{
				"source": v.script, "runImmediately": true,
			}, false},
			{"Emulation.setFocusEmulationEnabled", map[string]any{"enabled": true}, true},
		}, v.commonSteps(false)...)
	case "worker", "shared_worker", "service_worker":
		steps = append(v.commonSteps(true), step{"Runtime.evaluate", map[string]any{
			"expression": v.script, "silent": true,
		}, false})
	default:
		// Anything else is only resumed; pop-ups are closed by the
		// browser session, which sees them all (see targets.go).
		return
	}
	if err := v.send(ctx, s, steps); err != nil {
		v.debug("child target not prepared",
			zap.String("target_type", e.TargetInfo.Type), zap.String("url", e.TargetInfo.URL),
			zap.Error(err))
	}
}

func (v *visit) debug(msg string, fields ...zap.Field) {
	if ce := v.log.Check(zap.DebugLevel, msg); ce != nil {
		ce.Write(fields...)
	}
}

// userAgent is a normal desktop Chrome's identity for the browser's own
// version. Several trackers drop everything a headless browser sends, and
// a scan must see what a shopper's browser sees.
func (b *Browser) userAgent() map[string]any {
	brands := []map[string]string{
		{"brand": "Chromium", "version": b.major},
		{"brand": "Google Chrome", "version": b.major},
		{"brand": "Not_A Brand", "version": "24"},
	}
	return map[string]any{
		"userAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " +
			"Chrome/" + b.major + ".0.0.0 Safari/537.36",
		"acceptLanguage": "en-US,en",
		"platform":       "Linux x86_64",
		"userAgentMetadata": map[string]any{
			"brands": brands, "fullVersionList": brands,
			"platform": "Linux", "platformVersion": "6.1.0", "architecture": "x86",
			"model": "", "mobile": false, "bitness": "64", "wow64": false,
		},
	}
}
