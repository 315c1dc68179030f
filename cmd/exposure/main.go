// Command exposure audits online shops for surveillance of their shoppers.
// It visits sites in headless Chromium and writes, per site, a report of
// the third parties that load code there, with the evidence behind it.
//
// Usage:
//
//	exposure scan [flags] [site ...]   scan sites and write reports
//	exposure scan --lab                scan the built-in retail lab
//	exposure lab [flags]               serve the retail lab for browsing
//	exposure bench [flags]             measure scan speed and memory on the lab
//	exposure version                   print the version
//
// Exit status: 0 when every site got a complete or partial report, 1 when
// some sites failed (their reports say why), 2 for bad usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// errUsage marks a command line that cannot be run as given.
var errUsage = errors.New("bad usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal the scan drains; a second one ends the
	// process at once.
	context.AfterFunc(ctx, stop)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "scan":
		var failed bool
		failed, err = runScan(ctx, args[1:], stderr)
		if err == nil && failed {
			return exitFailed
		}
	case "lab":
		err = runLab(ctx, args[1:], stderr)
	case "bench":
		err = runBench(ctx, args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, "exposure", toolVersion())
	case "help", "-h", "--help":
		usage(stdout)
	default:
		fmt.Fprintf(stderr, "exposure: unknown command %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "exposure: %v\n", err)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "exposure: %v\n", err)
		return exitFailed
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `exposure audits online shops for surveillance of their shoppers.

Commands:
  scan [flags] [site ...]  visit sites in headless Chromium and write reports
  lab [flags]              serve the retail lab for browsing
  bench [flags]            measure scan speed and memory on the lab
  version                  print the version

Run "exposure scan -h" for the scan flags.
`)
}
