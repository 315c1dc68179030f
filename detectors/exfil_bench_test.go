package detectors

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"testing"

	"github.com/exposure-audit/exposure/trace"
)

// benchValues are five typed values, as a crawler types them.
var benchValues = []struct{ field, kind, value string }{
	{"#newsletter-email", "email", "exposure.probe+7f3a@mailbox.example"},
	{"#search", "search", "walnut side table"},
	{"#chat-input", "chat", "Hello, does the walnut table ship to Lyon?"},
	{"#co-name", "name", "Ada Lovelace-Probe"},
	{"#co-phone", "phone", "+33 6 12 34 56 78"},
}

// benchSnapshot is a replay batch of about 30 KB of DOM mutations, with
// typed text in one of every 50 events when leak is set.
func benchSnapshot(i int, leak string) []byte {
	var events []any
	for j := range 200 {
		data := map[string]any{"source": 0, "adds": []any{map[string]any{
			"parentId": j, "node": map[string]any{"type": 2, "tagName": "div",
				"attributes": map[string]string{"class": fmt.Sprintf("card card-%d", j%17),
					"style": "margin:0 auto;padding:4px 8px"},
				"textContent": fmt.Sprintf("Product %d, oak and linen, %d.%02d "+
					"EUR", i*j, j, i%100)}}}}
		if leak != "" && j%50 == 0 {
			data = map[string]any{"source": 5, "text": leak, "id": j}
		}
		events = append(events, map[string]any{"type": 3, "timestamp": 1700000000000 + i*1000 + j,
			"data": data})
	}
	b, _ := json.Marshal(events)
	return b
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func zlibBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// exfilBenchTrace builds a busy page: 400 requests (a third of them POSTs
// of gzip or zlib replay batches of about 30 KB each), 150 WebSocket
// frames, and five typed values, some of which leak.
func exfilBenchTrace() *trace.Trace {
	tr := &trace.Trace{Input: "bench.example",
		Pages: []trace.Page{{URL: "https://www.bench.example/", Started: at(0)}}}
	for i, v := range benchValues {
		tr.Typed = append(tr.Typed, trace.Typed{Page: 0, Field: v.field, Kind: v.kind,
			Value: v.value, Started: at(1000 + 200*i), Finished: at(1150 + 200*i)})
	}
	stack := trace.Initiator{Type: "script",
		Stack: []trace.CallFrame{{URL: "https://cdn.rec.example/r.js"}}}
	for i := range 400 {
		r := trace.Request{ID: fmt.Sprint("r", i), Page: 0, Time: at(500 + 40*i), Initiator: stack,
			Headers: map[string]string{"Referer": "https://www.bench.example/", "Accept": "*/*"}}
		leak := ""
		if i%40 == 39 {
			leak = benchValues[(i/40)%len(benchValues)].value
		}
		switch i % 3 {
		case 0:
			r.Type, r.Method = "Fetch", "POST"
			r.URL = fmt.Sprintf("https://in.rec.example/s/?v=%d", i)
			r.Body, r.BodyBase64 = base64.StdEncoding.EncodeToString(gzipBytes(benchSnapshot(i, leak))), true
		case 1:
			r.Type, r.Method = "Image", "GET"
			r.URL = fmt.Sprintf("https://px.ads.example/tr?id=77&ev=View&dl=%s&ts=%d&q=%s",
				url.QueryEscape("https://www.bench.example/p/"+
					""+fmt.Sprint(i)), i, url.QueryEscape(leak))
		default:
			r.Type, r.Method = "XHR", "POST"
			r.URL = "https://intake.rum.example/api/v2/replay"
			var mp bytes.Buffer
			mp.WriteString("--b\r\nContent-Type: application/octet-stream\r\n\r\n")
			mp.Write(zlibBytes(benchSnapshot(i, leak)))
			mp.WriteString("\r\n--b--\r\n")
			r.Body, r.BodyBase64 = base64.StdEncoding.EncodeToString(mp.Bytes()), true
		}
		tr.Requests = append(tr.Requests, r)
	}
	ws := trace.WebSocket{Page: 0, URL: "wss://chat.widget.example/ws", Initiator: stack}
	chat := benchValues[2].value
	for i := range 150 {
		p, _ := json.Marshal(map[string]string{"type": "typing", "draft": chat[:1+i%len(chat)]})
		ws.Frames = append(ws.Frames, trace.WSFrame{Sent: true, Time: at(5000 + 10*i), Opcode: 1,
			Payload: string(p)})
	}
	tr.WebSockets = []trace.WebSocket{ws}
	return tr
}

// BenchmarkExfiltration times the search of one site's trace for five
// typed values in every form: the synthetic busy page, and the largest
// recorded lab trace (Datadog and Snowplow on glowhaus.example).
func BenchmarkExfiltration(b *testing.B) {
	traces := map[string]*trace.Trace{
		"busy-page":    exfilBenchTrace(),
		"lab-glowhaus": readTrace(b, "exfil-lab-glowhaus.trace.json"),
	}
	for name, tr := range traces {
		b.Run(name, func(b *testing.B) {
			site := NewSite(tr, nil)
			if got := Exfiltration(tr, site, nil); len(got) < 4 {
				b.Fatalf("trace gives %d findings, want at least 4: %q", len(got), rows(got))
			}
			b.ReportAllocs()
			for b.Loop() {
				Exfiltration(tr, site, nil)
			}
		})
	}
}
