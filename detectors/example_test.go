package detectors_test

import (
	"fmt"

	"github.com/exposure-audit/exposure/detectors"
	"github.com/exposure-audit/exposure/trace"
)

func ExampleAnalyze() {
	t := &trace.Trace{
		Input: "shop.example",
		Pages: []trace.Page{
			{Requested: "https://shop.example/", URL: "https://www.shop.example/"},
		},
		Requests: []trace.Request{
			{ID: "1", Type: "Document", URL: "https://www.shop.example/"},
			{ID: "2", Type: "Script", URL: "https://cdn.shop.example/app.js"},
			{ID: "3", Type: "Script", URL: "https://widget.chat-vendor.example/w.js"},
			{ID: "4", Type: "XHR", URL: "https://api.chat-vendor.example/draft"},
		},
	}
	// Without a tracker database no owner is known, and only registrable
	// domains decide who is a third party.
	set, site := detectors.Analyze(t, nil)
	fmt.Println("site:", site.Domain)
	for _, tp := range set.ThirdParties {
		fmt.Println(tp.Domain, tp.Requests, tp.Scripts)
	}
	// Output:
	// site: shop.example
	// chat-vendor.example 2 [https://widget.chat-vendor.example/w.js]
}
