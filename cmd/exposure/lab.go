package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/exposure-audit/exposure/lab"
)

// runLab serves the retail lab until ctx ends.
func runLab(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("lab", flag.ContinueOnError)
	fs.SetOutput(stderr)
	httpAddr := fs.String("http", "127.0.0.1:8080", "address for plain HTTP")
	httpsAddr := fs.String("https", "127.0.0.1:8443", "address for HTTPS")
	root := fs.String("root", "", "project folder holding node_modules and lab/")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	prog := newProgressLine(stderr)
	log, err := newLogger(prog, false)
	if err != nil {
		return err
	}
	return lab.Serve(ctx, lab.Options{Root: findRoot(*root), Logger: log.Named("lab")},
		*httpAddr, *httpsAddr)
}
