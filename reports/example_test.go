package reports_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/exposure-audit/exposure/findings"
	"github.com/exposure-audit/exposure/reports"
)

func ExampleNew() {
	site := reports.Site{Input: "shop.example", URL: "https://shop.example/",
		Domain: "shop.example"}
	started := time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)
	scan := reports.Scan{Started: started, Finished: started.Add(20 * time.Second),
		Status: reports.StatusOK, Pages: []string{"https://shop.example/"}}

	set := findings.Empty()
	set.ThirdParties = []findings.ThirdPartyDomain{{Domain: "fullstory.com",
		Entity: "FullStory", Scripts: []string{"https://edge.fullstory.com/s/fs.js"}}}
	set.SessionRecorders = []findings.SessionRecorder{{
		Script: "https://edge.fullstory.com/s/fs.js", Vendor: "FullStory"}}

	r := reports.New(site, scan, set)
	summary, _ := json.MarshalIndent(r.Summary, "", "  ")
	fmt.Println(r.Schema, reports.FileStem(r), reports.Score(r))
	fmt.Println(string(summary))
	fmt.Println(r.Scan.Errors != nil, r.Cookies != nil)
	// Output:
	// exposure/v1 shop.example 21
	// {
	//   "keystroke_exfiltration": false,
	//   "fingerprinting": false,
	//   "session_recording": true,
	//   "third_party_domains": 1,
	//   "counts": {
	//     "scripts": 0,
	//     "third_party_scripts": 0,
	//     "keystroke_listeners": 0,
	//     "exfiltration": 0,
	//     "third_party_exfiltration": 0,
	//     "fingerprinting": 0,
	//     "fingerprinting_scripts": 0,
	//     "session_recorders": 1,
	//     "cookies": 0,
	//     "third_party_cookies": 0
	//   }
	// }
	// true true
}

func ExampleFileStem() {
	for _, domain := range []string{"shop.example", "../../etc/passwd"} {
		fmt.Println(reports.FileStem(&reports.Report{Site: reports.Site{Domain: domain}}))
	}
	// Output:
	// shop.example
	// etc-passwd_3754d6cb3a38
}
