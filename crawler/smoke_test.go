package crawler

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"go.uber.org/zap"
)

func TestSmoke(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch r.Host {
		case "shop.example":
			switch r.URL.Path {
			case "/":
				fmt.Fprint(w, `<html><head><title>Shop</title><script src="http://cdn.tracker.example/t.js"></script></head>
<body><a href="/product/1">P</a><a href="/privacy">priv</a><a href="/category/x">C</a>
<iframe src="http://chat.widget.example/frame"></iframe>
<script>document.cookie="fp=1; max-age=1000"; new Worker("/w.js")</script></body></html>`)
			case "/w.js":
				w.Header().Set("Content-Type", "text/javascript")
				fmt.Fprint(w, `fetch("http://worker.tracker.example/w", {method:"POST", body:"from-worker"})`)
			default:
				fmt.Fprint(w, `<html><body><script src="http://cdn.tracker.example/t.js"></script>page `+r.URL.Path+`</body></html>`)
			}
		case "cdn.tracker.example":
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, `navigator.sendBeacon("http://collect.tracker.example/b", new Blob(["blobbody"]));
fetch("http://collect.tracker.example/f", {method:"POST", body: JSON.stringify({a:1})});
addEventListener("pagehide", () => navigator.sendBeacon("http://collect.tracker.example/bye", "bye"));
document.addEventListener("visibilitychange", () => navigator.sendBeacon("http://collect.tracker.example/vis-"+document.visibilityState, "byevis"));
document.addEventListener("freeze", () => navigator.sendBeacon("http://collect.tracker.example/freeze", "byefreeze"));`)
		case "chat.widget.example":
			fmt.Fprint(w, `<html><body><script>fetch("http://chat.widget.example/api", {method:"POST", body:"in-iframe"})</script></body></html>`)
		default:
			t.Logf("SERVERHIT %s %s%s", r.Method, r.Host, r.URL.Path)
			w.Header().Set("Set-Cookie", "tid=abc; Max-Age=1000")
			fmt.Fprint(w, "ok")
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())

	opts := DefaultOptions()
	opts.ExtraArgs = []string{"--host-resolver-rules=MAP *:80 127.0.0.1:" + port + ", MAP * 127.0.0.1"}
	log, _ := zap.NewDevelopment()
	ctx := context.Background()
	b, err := Launch(ctx, opts, log)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	res, err := b.Visit(ctx, Site{Input: "shop.example", URL: "http://shop.example/"}, 40*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.MarshalIndent(res.Trace, "", " ")
	t.Logf("%s", out)
}
