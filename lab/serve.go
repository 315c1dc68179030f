package lab

import (
	"context"
	"time"

	"go.uber.org/zap"
)

// Serve runs the lab on fixed addresses for people to browse until ctx
// ends. A person points Chromium at it with the flags it logs, which are
// those of [Lab.BrowserArgs], and a fresh profile, for example:
//
//	chromium --user-data-dir=$(mktemp -d) \
//	  '--host-resolver-rules=MAP *:80 127.0.0.1:8080, MAP *:443 127.0.0.1:8443, MAP * 127.0.0.1' \
//	  --ignore-certificate-errors-spki-list=<spki> https://maison-velour.example/
//
// The catch-all rule keeps every other name on this machine too.
func Serve(ctx context.Context, opts Options, httpAddr, httpsAddr string) error {
	l, err := Listen(ctx, opts, httpAddr, httpsAddr)
	if err != nil {
		return err
	}
	log := l.log
	log.Info("lab ready", zap.Strings("browser_args", l.BrowserArgs()))
	for _, s := range l.Sites() {
		log.Info("lab site", zap.String("url", s.URL), zap.String("kind", s.Kind),
			zap.String("sector", s.Sector))
	}
	<-ctx.Done()

	// The serving context is over; give open requests a short grace.
	stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	return l.Close(stop)
}
