module github.com/exposure-audit/exposure

go 1.26.8

require (
	github.com/PuerkitoBio/goquery v1.14.0
	github.com/chromedp/cdproto v0.160.1
	github.com/chromedp/chromedp v0.24.0
	go.uber.org/zap v1.28.0
	golang.org/x/net v0.63.0
)

require (
	github.com/andybalholm/cascadia v1.3.5 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	go.uber.org/multierr v1.10.0 // indirect
)
