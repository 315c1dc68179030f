package lab_test

import (
	"context"
	"fmt"

	"github.com/exposure-audit/exposure/lab"
)

// ExampleLab_Hostile lists the hostile sites with the status and the error
// their reports must have.
func ExampleLab_Hostile() {
	ctx := context.Background()
	l, err := lab.Start(ctx, lab.Options{Root: ".."})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer l.Close(ctx)

	for _, h := range l.Hostile() {
		fmt.Printf("%s %s %q\n", h.URL, h.WantStatus, h.WantError)
	}
	// Output:
	// https://never-loads.example/ partial "did not finish loading"
	// https://redirect-loop.example/ failed "ERR_TOO_MANY_REDIRECTS"
	// https://moved-away.example/ ok ""
	// https://dialogs.example/ ok ""
	// https://popups.example/ ok ""
	// https://downloads.example/ ok ""
	// https://download-only.example/ failed "download"
	// https://endless-loop.example/ partial "page unresponsive"
	// https://memory-bomb.example/ partial "crashed"
	// https://closes-itself.example/ ok ""
	// https://huge-page.example/ ok ""
	// https://not-html.example/ ok ""
	// https://status-404.example/ ok ""
	// https://status-500.example/ ok ""
	// https://status-503-empty.example/ failed "HTTP 503"
	// https://drops-connection.example/ failed "ERR_EMPTY_RESPONSE"
	// https://bad-certificate.example/ failed "ERR_CERT_"
	// https://detects-headless.example/ ok ""
	// https://confuses-instrumentation.example/ ok ""
}
