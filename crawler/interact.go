package crawler

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/target"
	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/trace"
)

// maxFieldsPerPage bounds the typing on one page: a page with hundreds of
// inputs (a configurator, a spreadsheet) must not eat the site's deadline.
const maxFieldsPerPage = 8

// fakeValues are the values typed per field kind. They are plainly fake
// (reserved domains, the 555 telephone range) and carry a token unique to
// the visit, so that whatever leaves the page with them was typed here.
func fakeValues(token string) map[string]string {
	title := strings.ToUpper(token[:1]) + token[1:]
	digits := tokenDigits(token)
	return map[string]string{
		"email":    "shopper." + token + "@example.org",
		"password": "Pw." + token + ".7731",
		"name":     "Robin " + title,
		"phone":    "+1 202 555 0" + digits[:3],
		"address":  "17 " + title + " Street",
		"search":   "velvet " + token + " boots",
		"chat":     "hi is the " + token + " lamp in stock",
		"other":    "note " + token,
		"number":   digits,
	}
}

// newToken returns five random lower-case letters and digits.
func newToken() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	// A letter first, so the token never reads as a number.
	if b[0] >= '0' && b[0] <= '9' {
		b[0] = 'k'
	}
	return string(b)
}

func tokenDigits(token string) string {
	var d []byte
	for _, c := range []byte(token) {
		d = append(d, '0'+c%10)
	}
	return string(d[:4])
}

// field is one field found on a page, with a handle to its element.
type field struct {
	session  target.SessionID
	frameURL string
	objectID string
	selector string
	kind     string
	number   bool
}

// interact opens chat widgets, then types a fake value into every visible
// field of every frame, one key at a time, and moves focus away. It never
// presses Enter or clicks a submit button. Fields typed on an earlier page
// of the visit (same frame origin and selector) are not typed again.
func (v *visit) interact(ctx context.Context) {
	ictx, cancel := context.WithTimeout(ctx, v.b.opts.InteractTimeout)
	defer cancel()
	defer v.release()

	if v.openChats(ictx) {
		qctx, qcancel := context.WithTimeout(ictx, 2*time.Second)
		v.quiet(qctx)
		qcancel()
	}
	typed := 0
	for _, s := range v.frameSessions() {
		found, targets := v.findFields(ictx, s)
		for _, f := range found {
			if typed >= maxFieldsPerPage || ictx.Err() != nil {
				break
			}
			key := origin(f.frameURL) + " " + f.selector
			if v.typedFields[key] {
				continue
			}
			if v.typeInto(ictx, f) {
				v.typedFields[key] = true
				typed++
			}
		}
		v.inventoryListeners(ictx, s, targets)
	}
	if typed > 0 {
		// A shopper lingers after typing; trackers that send on a timer
		// (session recorders flush every few seconds) get to send.
		pause(ctx, v.b.opts.Dwell)
		qctx, qcancel := context.WithTimeout(ictx, v.b.opts.MaxSettle)
		v.quiet(qctx)
		qcancel()
	}
}

// frameSessions lists the tab's session and those of its live iframes.
func (v *visit) frameSessions() []target.SessionID {
	out := []target.SessionID{v.session}
	for _, s := range v.rec.liveFrames() {
		out = append(out, target.SessionID(s))
	}
	return out
}

// objectGroup holds every handle the interaction takes, so that one call
// releases them all.
const objectGroup = "exposure-interact"

func (v *visit) release() {
	ctx, cancel := context.WithTimeout(v.hardCtx, 2*time.Second)
	defer cancel()
	for _, s := range v.frameSessions() {
		_ = v.b.tap.Call(ctx, s, "Runtime.releaseObjectGroup",
			map[string]any{"objectGroup": objectGroup}, nil)
	}
}

// findFieldsJS lists the visible fields a shopper could type into, and
// the objects whose listeners count: the document, the window, the body
// and the fields' forms.
var findFieldsJS = `(function () {
  var g = globalThis;
` + fieldsJS + `
  var fields = [], handles = [], targets = [document, window];
  var names = ['document', 'window'], kinds = ['document', 'window'];
  if (document.body) { targets.push(document.body); names.push('body'); kinds.push('body'); }
  var els = document.querySelectorAll('input, textarea, [contenteditable]');
  for (var i = 0; i < els.length; i++) {
    var el = els[i];
    if (!isField(el) || el.disabled || el.readOnly) { continue; }
    var r = el.getBoundingClientRect(), st = getComputedStyle(el);
    if (r.width < 2 || r.height < 2 || st.visibility === 'hidden' || st.display === 'none' ||
        Number(st.opacity) === 0) { continue; }
    fields.push({selector: cssPath(el), kind: fieldKind(el),
      number: (el.getAttribute('type') || '') === 'number'});
    handles.push(el);
    targets.push(el); names.push(cssPath(el)); kinds.push(fieldKind(el));
    if (el.form && targets.indexOf(el.form) < 0) {
      targets.push(el.form); names.push(cssPath(el.form)); kinds.push('form');
    }
  }
  return {fields: fields, handles: handles, targets: targets, names: names, kinds: kinds,
    url: location.href};
})()
//# sourceURL=exposure://fields.js`

// listenTarget is an object whose event listeners are listed.
type listenTarget struct {
	objectID string
	name     string
	kind     string
}

// findFields returns the fields of the frame on session, and the objects
// whose listeners to list.
func (v *visit) findFields(ctx context.Context, s target.SessionID) ([]field, []listenTarget) {
	var res struct {
		Result struct {
			ObjectID string `json:"objectId"`
		} `json:"result"`
	}
	err := v.b.tap.Call(ctx, s, "Runtime.evaluate", map[string]any{
		"expression": findFieldsJS, "objectGroup": objectGroup, "silent": true,
	}, &res)
	if err != nil || res.Result.ObjectID == "" {
		v.debug("finding fields failed", zap.String("phase", "interact"), zap.Error(err))
		return nil, nil
	}
	var desc struct {
		Fields []struct {
			Selector string `json:"selector"`
			Kind     string `json:"kind"`
			Number   bool   `json:"number"`
		} `json:"fields"`
		Names []string `json:"names"`
		Kinds []string `json:"kinds"`
		URL   string   `json:"url"`
	}
	if err := v.callOn(ctx, s, res.Result.ObjectID, `function () {
  return {fields: this.fields, names: this.names, kinds: this.kinds, url: this.url};
}`, &desc); err != nil {
		return nil, nil
	}
	handles := v.arrayItems(ctx, s, res.Result.ObjectID, "handles")
	objs := v.arrayItems(ctx, s, res.Result.ObjectID, "targets")

	var fields []field
	for i, f := range desc.Fields {
		if i < len(handles) {
			fields = append(fields, field{session: s, frameURL: desc.URL, objectID: handles[i],
				selector: f.Selector, kind: f.Kind, number: f.Number})
		}
	}
	var targets []listenTarget
	for i, id := range objs {
		if i < len(desc.Names) && i < len(desc.Kinds) {
			targets = append(targets, listenTarget{objectID: id, name: desc.Names[i],
				kind: desc.Kinds[i]})
		}
	}
	return fields, targets
}

// callOn calls fn with this bound to the object and decodes its value.
func (v *visit) callOn(ctx context.Context, s target.SessionID, objectID, fn string,
	out any) error {
	var res struct {
		Result struct {
			Value any `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	params := map[string]any{
		"functionDeclaration": fn, "objectId": objectID, "returnByValue": out != nil,
		"silent": true, "awaitPromise": true,
	}
	if err := v.b.tap.Call(ctx, s, "Runtime.callFunctionOn", params, &res); err != nil {
		return err
	}
	if res.ExceptionDetails != nil {
		return fmt.Errorf("calling on object: %s", res.ExceptionDetails.Text)
	}
	if out == nil {
		return nil
	}
	return remarshal(res.Result.Value, out)
}

// arrayItems returns handles to the items of the array in the object's
// property prop.
func (v *visit) arrayItems(ctx context.Context, s target.SessionID,
	objectID, prop string) []string {
	var arr struct {
		Result struct {
			ObjectID string `json:"objectId"`
		} `json:"result"`
	}
	err := v.b.tap.Call(ctx, s, "Runtime.callFunctionOn", map[string]any{
		"functionDeclaration": "function (p) { return this[p]; }", "objectId": objectID,
		"arguments": []map[string]any{{"value": prop}}, "objectGroup": objectGroup,
	}, &arr)
	if err != nil || arr.Result.ObjectID == "" {
		return nil
	}
	var props struct {
		Result []struct {
			Name  string `json:"name"`
			Value struct {
				ObjectID string `json:"objectId"`
			} `json:"value"`
		} `json:"result"`
	}
	err = v.b.tap.Call(ctx, s, "Runtime.getProperties", map[string]any{
		"objectId": arr.Result.ObjectID, "ownProperties": true,
	}, &props)
	if err != nil {
		return nil
	}
	items := make([]string, 0, len(props.Result))
	for i := 0; ; i++ {
		found := false
		for _, p := range props.Result {
			if p.Name == fmt.Sprint(i) {
				items = append(items, p.Value.ObjectID)
				found = true
			}
		}
		if !found {
			return items
		}
	}
}

// typeInto focuses the field, types its fake value with real key events
// and human-like pauses, then moves focus away. It reports whether the
// field took focus.
func (v *visit) typeInto(ctx context.Context, f field) bool {
	var focused bool
	err := v.callOn(ctx, f.session, f.objectID, `function () {
  this.scrollIntoView({block: 'center'});
  this.focus();
  var root = this.getRootNode ? this.getRootNode() : document;
  return root.activeElement === this;
}`, &focused)
	if err != nil || !focused {
		v.debug("field did not take focus", zap.String("field", f.selector), zap.Error(err))
		return false
	}
	kind := f.kind
	value := v.values[kind]
	if f.number {
		value = v.values["number"]
	}
	if value == "" {
		value = v.values["other"]
	}

	typed := trace.Typed{Session: string(f.session), FrameURL: f.frameURL, Field: f.selector,
		Kind: kind, Value: value, Started: time.Now().UTC()}
	for i, r := range value {
		if err := v.pressKey(ctx, f.session, r); err != nil {
			v.debug("typing failed", zap.String("field", f.selector), zap.Error(err))
			break
		}
		if !pause(ctx, keyDelay(i)) {
			break
		}
	}
	_ = v.callOn(ctx, f.session, f.objectID, "function () { this.blur(); }", nil)
	typed.Finished = time.Now().UTC()
	v.rec.addTyped(typed)
	return true
}

// keyDelay is the pause after the i-th key: between 40 and 110 ms, varied
// the same way on every run so that scans stay comparable.
func keyDelay(i int) time.Duration {
	return time.Duration(40+(i*37)%71) * time.Millisecond
}

func pause(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// keyInfo is how a character is typed on a US keyboard.
type keyInfo struct {
	code  string
	vk    int
	shift bool
}

var punctuation = map[rune]keyInfo{
	' ': {"Space", 32, false}, '.': {"Period", 190, false}, ',': {"Comma", 188, false},
	'-': {"Minus", 189, false}, '@': {"Digit2", 50, true}, '+': {"Equal", 187, true},
	'!': {"Digit1", 49, true}, '?': {"Slash", 191, true}, '\'': {"Quote", 222, false},
	'_': {"Minus", 189, true},
}

func keyFor(r rune) keyInfo {
	switch {
	case r >= 'a' && r <= 'z':
		return keyInfo{"Key" + string(unicode.ToUpper(r)), int(unicode.ToUpper(r)), false}
	case r >= 'A' && r <= 'Z':
		return keyInfo{"Key" + string(r), int(r), true}
	case r >= '0' && r <= '9':
		return keyInfo{"Digit" + string(r), int(r), false}
	}
	return punctuation[r]
}

// pressKey sends one key down, with its text, and up, to the focused
// element of the frame on session.
func (v *visit) pressKey(ctx context.Context, s target.SessionID, r rune) error {
	k := keyFor(r)
	mods := 0
	if k.shift {
		mods = 8
	}
	down := map[string]any{
		"type": "keyDown", "key": string(r), "code": k.code, "text": string(r),
		"unmodifiedText": string(r), "windowsVirtualKeyCode": k.vk,
		"nativeVirtualKeyCode": k.vk, "modifiers": mods,
	}
	if err := v.b.tap.Call(ctx, s, "Input.dispatchKeyEvent", down, nil); err != nil {
		return err
	}
	return v.b.tap.Call(ctx, s, "Input.dispatchKeyEvent", map[string]any{
		"type": "keyUp", "key": string(r), "code": k.code, "windowsVirtualKeyCode": k.vk,
		"nativeVirtualKeyCode": k.vk, "modifiers": mods,
	}, nil)
}

// chatLaunchersJS finds visible buttons that open a chat, outside forms,
// and returns the centre of each.
const chatLaunchersJS = `(function () {
  var out = [];
  var els = document.querySelectorAll(
    'button, summary, [role=button], a[href="#"], div[class*=launcher]');
  for (var i = 0; i < els.length && out.length < 3; i++) {
    var el = els[i];
    if (el.closest('form') || (el.getAttribute('type') || '') === 'submit') { continue; }
    var words = [el.textContent, el.getAttribute('aria-label'), el.id, el.className,
      el.getAttribute('title')].join(' ').toLowerCase();
    if (!/chat|message us|talk to|live help|support/.test(words)) { continue; }
    var r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) { continue; }
    el.scrollIntoView({block: 'center'});
    r = el.getBoundingClientRect();
    out.push({x: r.left + r.width / 2, y: r.top + r.height / 2});
  }
  return out;
})()
//# sourceURL=exposure://launchers.js`

// openChats clicks the page's chat launchers with real mouse events, as a
// shopper would, and reports whether it clicked any.
func (v *visit) openChats(ctx context.Context) bool {
	var res struct {
		Result struct {
			Value []struct {
				X float64 `json:"x"`
				Y float64 `json:"y"`
			} `json:"value"`
		} `json:"result"`
	}
	err := v.b.tap.Call(ctx, v.session, "Runtime.evaluate", map[string]any{
		"expression": chatLaunchersJS, "returnByValue": true, "silent": true,
	}, &res)
	if err != nil {
		return false
	}
	for _, p := range res.Result.Value {
		for _, typ := range []string{"mouseMoved", "mousePressed", "mouseReleased"} {
			_ = v.b.tap.Call(ctx, v.session, "Input.dispatchMouseEvent", map[string]any{
				"type": typ, "x": p.X, "y": p.Y, "button": "left", "clickCount": 1,
			}, nil)
		}
	}
	return len(res.Result.Value) > 0
}

// keyEventTypes are the listener types that matter for typing.
var keyEventTypes = map[string]bool{
	"keydown": true, "keyup": true, "keypress": true, "input": true, "beforeinput": true,
	"change": true, "paste": true, "focus": true, "blur": true, "focusin": true,
	"focusout": true, "submit": true,
}

// inventoryListeners asks DevTools for the typing listeners on each
// target. It finds listeners added before the instrumentation ran, and
// inline handler attributes, which the hooks cannot see.
func (v *visit) inventoryListeners(ctx context.Context, s target.SessionID,
	targets []listenTarget) {
	for _, t := range targets {
		var res struct {
			Listeners []struct {
				Type         string `json:"type"`
				ScriptID     string `json:"scriptId"`
				LineNumber   int    `json:"lineNumber"`
				ColumnNumber int    `json:"columnNumber"`
			} `json:"listeners"`
		}
		err := v.b.tap.Call(ctx, s, "DOMDebugger.getEventListeners",
			map[string]any{"objectId": t.objectID}, &res)
		if err != nil {
			continue
		}
		for _, l := range res.Listeners {
			if !keyEventTypes[l.Type] {
				continue
			}
			v.rec.addDevtoolsListener(string(s), l.ScriptID, trace.Listener{
				Event: l.Type, Target: t.name, FieldKind: t.kind, Source: "devtools",
				Stack: []trace.CallFrame{{ScriptID: l.ScriptID, Line: l.LineNumber,
					Column: l.ColumnNumber}},
			})
		}
	}
}

// origin returns the scheme and host of a URL, for telling frames apart.
func origin(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		if j := strings.IndexByte(u[i+3:], '/'); j >= 0 {
			return u[:i+3+j]
		}
	}
	return u
}
