package crawler

import (
	"strings"
	"testing"
)

// TestInteractTypesEverywhereWithoutSubmitting checks that the visit types
// into every visible field, in the page and in a chat iframe that only
// opens on a click, and lists who listens.
func TestInteractTypesEverywhereWithoutSubmitting(t *testing.T) {
	tr := visitFixture(t, "http://shop.example/typing")

	typed := map[string]string{}
	for _, ty := range tr.Typed {
		if ty.Page == 0 {
			typed[ty.Field] = ty.Kind + ":" + ty.Value
		}
	}
	for field, kind := range map[string]string{
		"#email": "email", `input[name="pw"]`: "password", "#q": "search", "#draft": "chat",
	} {
		got, ok := typed[field]
		if !ok || !strings.HasPrefix(got, kind+":") {
			t.Errorf("field %s typed as %q, want kind %s (typed: %v)", field, got, kind, typed)
		}
	}
	if _, ok := typed["#hidden"]; ok {
		t.Error("a hidden field was typed into")
	}
	if len(tr.Submits) != 0 {
		t.Errorf("submits = %+v, want none: the crawler must never submit", tr.Submits)
	}

	// The search value left keystroke by keystroke through the oninput
	// handler: each beacon carries a longer prefix of the typed value.
	search := strings.TrimPrefix(typed["#q"], "search:")
	var beacons []string
	for _, r := range tr.Requests {
		if r.URL == "http://collect.tracker.example/q" {
			beacons = append(beacons, r.Body)
		}
	}
	if len(beacons) != len(search) || beacons[len(beacons)-1] != search {
		t.Errorf("beacons = %q, want one per key ending with %q", beacons, search)
	}

	last := tr.StorageWrites[len(tr.StorageWrites)-1]
	if last.Key != "draft" || last.Value != search || last.Area != "local" ||
		len(last.Stack) == 0 || last.Stack[0].URL != "http://shop.example/typing" {
		t.Errorf("last storage write = %+v, want draft=%q from the page", last, search)
	}

	listeners := map[string]bool{}
	for _, l := range tr.Listeners {
		listeners[l.Source+" "+l.Event+" "+l.Target] = true
	}
	for _, want := range []string{
		"hook keydown document", "devtools keydown document",
		"hook input #q", "devtools input #q",
		"hook input #draft", "devtools input #draft",
	} {
		if !listeners[want] {
			t.Errorf("listener %q not recorded; have %v", want, listeners)
		}
	}
}

func TestInteractRecordsPageSubmits(t *testing.T) {
	tr := visitFixture(t, "http://shop.example/autosubmit")
	if len(tr.Submits) == 0 || tr.Submits[0].Kind != "request_submit" || tr.Submits[0].Target != "#f" {
		t.Fatalf("submits = %+v, want the page's requestSubmit of #f", tr.Submits)
	}
	sub := tr.Submits[0]
	if len(sub.Stack) == 0 || sub.Stack[0].URL != "http://shop.example/autosubmit" {
		t.Errorf("submit stack = %+v, want the inline script", tr.Submits[0].Stack)
	}
}

func TestInteractRecordsPageNavigations(t *testing.T) {
	tr := visitFixture(t, "http://shop.example/autonav")
	var navs []string
	for _, s := range tr.Submits {
		if s.Kind == "navigation" {
			navs = append(navs, s.Target)
		}
	}
	if len(navs) != 1 || !strings.HasPrefix(navs[0], "http://shop.example/next?city=") {
		t.Fatalf("navigations = %q, want the page's own move to /next", navs)
	}
}
