// Package lab serves the retail lab: small fictional shop sites that load
// real tracking libraries, as published on npm, from their vendors' real
// hostnames, together with a local collector that answers those vendors'
// APIs.
//
// One in-process server listens on 127.0.0.1 for plain HTTP and for HTTPS
// (a self-signed certificate made in memory at start). Chromium reaches it
// for every hostname through the flags from [Lab.BrowserArgs], so first- and
// third-party relations look as they do on the web while no request leaves
// the machine. Every site states, in lab/sites/<host>/expected.json, the
// third parties it must be found to use; two control sites use none.
//
// The lab does not crawl, detect or judge anything: it only serves pages,
// library files and collector answers, and remembers what the collector
// received so that tests can check what really left a page. Library code is
// read from the repository's node_modules at run time and never copied into
// the lab; the only vendor code written here is the lab's own live-chat
// widget, which is marked as lab-written where it is served.
//
// BUG: the collector answers only what the libraries in the lab ask for;
// it is not a faithful copy of any vendor's API beyond that.
package lab
