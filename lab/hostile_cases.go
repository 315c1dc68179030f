package lab

import (
	"errors"
	"net/http"
)

// Report statuses a hostile case expects.
const (
	wantOK      = "ok"
	wantPartial = "partial"
	wantFailed  = "failed"
)

// Names of the hostile cases; each is served at <name>.example.
const (
	caseNeverLoads     = "never-loads"
	caseRedirectLoop   = "redirect-loop"
	caseMovedAway      = "moved-away"
	caseDialogs        = "dialogs"
	casePopups         = "popups"
	caseDownloads      = "downloads"
	caseDownloadOnly   = "download-only"
	caseEndlessLoop    = "endless-loop"
	caseMemoryBomb     = "memory-bomb"
	caseClosesItself   = "closes-itself"
	caseHugePage       = "huge-page"
	caseNotHTML        = "not-html"
	caseStatus404      = "status-404"
	caseStatus500      = "status-500"
	caseStatus503      = "status-503-empty"
	caseDropsConn      = "drops-connection"
	caseBadCert        = "bad-certificate"
	caseDetects        = "detects-headless"
	caseConfuses       = "confuses-instrumentation"
	hostBadCertificate = caseBadCert + ".example"
	// hostPopupAds is where the pop-up case's windows go: an ad page that
	// is not part of the site that opened it.
	hostPopupAds = "offers.popup-ads.example"
)

var errNoShop = errors.New("the lab has no shop")

// Third parties the hostile pages load, as expected.json names them.
var (
	tpFingerprint = ExpectedThirdParty{Domain: "openfpcdn.io", Entity: "Fingerprint"}
	tpJSDelivr    = ExpectedThirdParty{Domain: "jsdelivr.net", Entity: ""}
	tpSnowplow    = ExpectedThirdParty{Domain: "snplow.net", Entity: "Snowplow Analytics"}
)

// hostileCase is one hostile site: how it answers, and what a scan of it
// must report.
type hostileCase struct {
	name string
	// title is the shop name its pages show.
	title string
	serve func(h *hostile, c *hostileCase, w http.ResponseWriter, r *http.Request)
	// pageStatus is the HTTP status of the case's pages, when it has some.
	pageStatus int
	status     string
	err        string
	httpStatus int
	third      []ExpectedThirdParty
	notes      string
}

func (c *hostileCase) host() string { return c.name + ".example" }

// hostileCases returns the cases in the order [Lab.Hostile] lists them.
func hostileCases() []*hostileCase {
	fp := []ExpectedThirdParty{tpFingerprint}
	all := []ExpectedThirdParty{tpJSDelivr, tpFingerprint, tpSnowplow}
	return []*hostileCase{
		{
			name: caseNeverLoads, title: "Stalled Goods", serve: (*hostile).serveNeverLoads,
			status: wantPartial, err: "did not finish loading", httpStatus: http.StatusOK,
			third: fp,
			notes: "The home page sends its head (with FingerprintJS from openfpcdn.io), " +
				"its links and half its body, then never ends the response: it sends a " +
				"blank line every 2 s for up to 10 minutes, so the load event never " +
				"fires (headless Chromium's --timeout prints \"Page load timed out.\"). " +
				"Its other pages load normally. The report keeps what the home " +
				"page did before the timeout (the fingerprinting, the third party) and " +
				"the other pages, and says the home page did not finish loading.",
		},
		{
			name: caseRedirectLoop, title: "Round Trip", serve: (*hostile).serveRedirectLoop,
			status: wantFailed, err: "ERR_TOO_MANY_REDIRECTS",
			notes: "Every path redirects (302) around the cycle / -> /loop/a -> /loop/b -> /, " +
				"so no page ever loads; Chromium gives up after 20 redirects with " +
				"net::ERR_TOO_MANY_REDIRECTS.",
		},
		{
			name: caseMovedAway, title: "Moved Away", serve: (*hostile).serveMovedAway,
			status: wantOK, httpStatus: http.StatusOK,
			notes: "Every path redirects (301) to https://www. of another lab shop, which " +
				"redirects (301) to %s, as a shop that changed its name does. The " +
				"report's site.url is that final URL, its domain that shop's, and its " +
				"third parties and other findings are that shop's; the redirects are " +
				"not an error.",
		},
		{
			name: caseDialogs, title: "Pop Quiz", serve: (*hostile).servePages,
			status: wantOK, httpStatus: http.StatusOK, third: fp,
			notes: "Every page opens alert, confirm and prompt from an inline script at " +
				"the end of the body, which blocks parsing until each is answered, and " +
				"only then loads FingerprintJS from openfpcdn.io. Another alert comes " +
				"after 4 s, one when the newsletter field gets focus, and a " +
				"beforeunload handler asks to stay when the page is left. Unanswered, " +
				"the first alert holds the page: no load event, no DevTools evaluation " +
				"returns, FingerprintJS never runs. The crawler must answer every " +
				"dialog by itself (Page.javascriptDialogOpening), and accept " +
				"beforeunload: Chromium asks it once the page has had a user gesture " +
				"(typing), and dismissing it keeps the page, so the navigation to the " +
				"next page fails with net::ERR_ABORTED. Answered dialogs are not errors.",
		},
		{
			name: casePopups, title: "Window Shop", serve: (*hostile).servePages,
			status: wantOK, httpStatus: http.StatusOK, third: fp,
			notes: "Every page calls window.open at once (no user gesture) and again on " +
				"the first clicks and key presses, up to 3 windows per page, to " +
				"https://" + hostPopupAds + "/, an ad page that loads Snowplow from " +
				"jsdelivr.net and sends to snplow.net. The page itself loads " +
				"FingerprintJS. Chromium blocks the first (Page.windowOpen with " +
				"userGesture false, no target); the ones after the crawler's clicks " +
				"and typing open as new page targets with an openerId. Pop-ups are " +
				"other pages, not the site's: their requests must not be counted as " +
				"the site's third parties, and the crawler must close them so they do " +
				"not pile up.",
		},
		{
			name: caseDownloads, title: "Free Samples", serve: (*hostile).servePages,
			status: wantOK, httpStatus: http.StatusOK, third: fp,
			notes: "After its load event every page starts two downloads: a zip through a " +
				"clicked <a download> and a PDF by navigating to a URL answered with " +
				"Content-Disposition: attachment; the page stays, and the PDF's " +
				"Document request ends in Network.loadingFailed net::ERR_ABORTED. It " +
				"loads FingerprintJS. The crawler must refuse downloads " +
				"(Browser.setDownloadBehavior deny: nothing written to disk) and carry " +
				"on; a refused download and the aborted request are not errors.",
		},
		{
			name: caseDownloadOnly, title: "Just A File", serve: (*hostile).serveDownloadOnly,
			status: wantFailed, err: "download",
			notes: "Every path answers with a zip as an attachment: the site has no page " +
				"at all. Chromium's Page.navigate returns isDownload true with " +
				"errorText net::ERR_ABORTED and the tab stays on about:blank. The " +
				"report fails and says the address is a download, not a page; nothing " +
				"is written to disk.",
		},
		{
			name: caseEndlessLoop, title: "Spin Cycle", serve: (*hostile).servePages,
			status: wantPartial, err: "page unresponsive", httpStatus: http.StatusOK, third: fp,
			notes: "Every page loads FingerprintJS and, once the fingerprint is taken " +
				"(or 5 s after load), runs a busy loop on the main thread for 5 minutes: " +
				"the load event has fired, but no script, DevTools evaluation, scroll " +
				"or typing gets through: Runtime.evaluate never answers, while " +
				"Page.navigate to about:blank still works. The crawler must give up on " +
				"the page in bounded time, keep what it recorded before, and say the " +
				"page was unresponsive.",
		},
		{
			name: caseMemoryBomb, title: "Bulk Buy", serve: (*hostile).servePages,
			status: wantPartial, err: "crashed", httpStatus: http.StatusOK, third: fp,
			notes: "Every page loads FingerprintJS and, once the fingerprint is taken (or " +
				"5 s after load), copies a 128 MiB array of numbers over and over, " +
				"keeping every copy on the JavaScript heap, up to a cap of 12 GiB. " +
				"Chromium's renderer dies at its heap limit first, near 4 GiB and about " +
				"10 s later on a 2-core machine (Inspector.targetCrashed; " +
				"Target.targetCrashed with status crashed); the tab can be navigated " +
				"again afterwards. The report keeps what the page did before and says " +
				"the page crashed.",
		},
		{
			name: caseClosesItself, title: "Closing Down", serve: (*hostile).servePages,
			status: wantOK, httpStatus: http.StatusOK, third: fp,
			notes: "Every page loads FingerprintJS and, once the fingerprint is taken (or " +
				"5 s after load), calls window.close(). Chromium lets a script close " +
				"only a window that a script opened or whose history holds one entry. " +
				"A tab made on about:blank and then navigated (as chromedp makes them) " +
				"has two, so the call does nothing and the report is ok. A tab created " +
				"straight on the site's URL does close (Inspector.detached \"Render " +
				"process gone.\", Target.targetDestroyed); a crawler that opens tabs " +
				"that way must report partial with \"closed itself\" and keep what it " +
				"recorded.",
		},
		{
			name: caseHugePage, title: "Everything Store", serve: (*hostile).serveHugePage,
			status: wantOK, httpStatus: http.StatusOK, third: fp,
			notes: "The home page is 300 MiB of HTML sent as fast as the connection " +
				"takes it: a normal head (with FingerprintJS), header and links, then " +
				"the catalogue as one inline JSON script of 300 MiB, then the footer. " +
				"Chromium fires load after about 8 s; the document's outerHTML is then " +
				"over 314 million characters and takes about 3 s to build. Its other " +
				"pages are small. The crawler must bound what it reads of the page " +
				"(markup, bodies) and still visit the linked pages.",
		},
		{
			name: caseNotHTML, title: "Price List", serve: (*hostile).serveNotHTML,
			status: wantOK, httpStatus: http.StatusOK,
			notes: "The home page is a PDF (application/pdf, inline), as some small " +
				"shops' domains serve a price list. Headless Chromium shows it in its " +
				"PDF viewer: an iframe target at chrome-extension://" +
				"mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html that loads the PDF again " +
				"in a nested frame. A PDF is a document, not an error: the report is " +
				"ok, and the viewer is the browser's, not a third party of the site.",
		},
		{
			name: caseStatus404, title: "Lost Property", serve: (*hostile).servePages,
			pageStatus: http.StatusNotFound,
			status:     wantOK, httpStatus: http.StatusNotFound, third: fp,
			notes: "Every path answers 404 with a full shop page that loads FingerprintJS, " +
				"as a shop whose home page went missing. The page still ran its " +
				"trackers: the report is ok, with status 404 in its visits.",
		},
		{
			name: caseStatus500, title: "Server Trouble", serve: (*hostile).servePages,
			pageStatus: http.StatusInternalServerError,
			status:     wantOK, httpStatus: http.StatusInternalServerError, third: fp,
			notes: "Every path answers 500 with a full shop page that loads FingerprintJS. " +
				"The page still ran its trackers: the report is ok, with status 500 " +
				"in its visits.",
		},
		{
			name: caseStatus503, title: "Down For Maintenance", serve: (*hostile).serveEmpty503,
			status: wantFailed, err: "HTTP 503", httpStatus: http.StatusServiceUnavailable,
			notes: "Every path answers 503 with Retry-After and an empty body, so " +
				"Chromium shows its own error page (net::ERR_HTTP_RESPONSE_CODE_FAILURE) " +
				"and the site shows nothing. The report fails and names the HTTP status.",
		},
		{
			name: caseDropsConn, title: "Hang Up", serve: (*hostile).serveDrop,
			status: wantFailed, err: "ERR_EMPTY_RESPONSE",
			notes: "The server speaks HTTP/1.1 here, reads each request and closes the " +
				"TCP connection without a byte of answer; Chromium retries, then gives " +
				"up with net::ERR_EMPTY_RESPONSE.",
		},
		{
			name: caseBadCert, title: "Broken Lock", serve: (*hostile).servePages,
			status: wantFailed, err: "ERR_CERT_",
			notes: "The TLS handshake presents a self-signed certificate that expired a " +
				"year ago, under a key that is not the lab's, so Chromium (which trusts " +
				"only the lab's key) refuses it: Chromium 156 says " +
				"net::ERR_CERT_AUTHORITY_INVALID. The report fails; the crawler must " +
				"not accept the certificate.",
		},
		{
			name: caseDetects, title: "Velvet Rope", serve: (*hostile).servePages,
			status: wantOK, httpStatus: http.StatusOK, third: all,
			notes: "A first-party gatekeeper script checks for automation: " +
				"navigator.webdriver, HeadlessChrome in the user agent or its client " +
				"hints brands, a missing window.chrome, no plugins, no languages, a " +
				"zero outer window size. A browser that looks automated gets an " +
				"\"access denied\" page with no trackers; others get FingerprintJS and " +
				"Snowplow with form tracking, which sends typed field values to " +
				"snplow.net on change, before submit. The crawler must look like a " +
				"normal browser: all three third parties must be found, with the " +
				"fingerprinting and the exfiltration.",
		},
		{
			name: caseConfuses, title: "Smoke And Mirrors", serve: (*hostile).servePages,
			status: wantOK, httpStatus: http.StatusOK, third: all,
			notes: "A first-party script, before any tracker, routes " +
				"EventTarget.prototype.addEventListener to a pristine copy taken from a " +
				"fresh iframe, makes Function.prototype.toString lie, silences every " +
				"console method, sets Error.prepareStackTrace to hide stacks and " +
				"Error.stackTraceLimit to 0, and blanks globals that look like " +
				"automation hooks; after load it replaces JSON.stringify and adds a " +
				"Prototype.js-style Array.prototype.toJSON (arrays then serialise as " +
				"JSON strings, even through a JSON.stringify saved before). " +
				"FingerprintJS and Snowplow form tracking run as usual: the report must " +
				"still name all three third parties, the same FingerprintJS techniques " +
				"as on the other hostile pages (audio, canvas, client_hints, fonts, " +
				"navigator, screen, timezone, webgl), Snowplow's listeners on the " +
				"fields, and the typed e-mail and search text it sends to snplow.net " +
				"before submit.",
		},
	}
}
