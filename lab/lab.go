package lab

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"

	"go.uber.org/zap"
)

// Options configures the lab.
type Options struct {
	// Root is the repository root: it holds lab/sites, lab/templates,
	// lab/static, lab/vendors and node_modules. Empty means the current
	// directory.
	Root string
	// Logger receives the lab's logs. Nil means no logging.
	Logger *zap.Logger
}

// Lab is a running retail lab: sites, vendor files and the collector on
// two local listeners.
type Lab struct {
	log      *zap.Logger
	root     string
	sites    []*site
	byHost   map[string]*site
	cert     *labCert
	assets   *assets
	capture  *captures
	chat     *chatServer
	hostile  *hostile
	tmpl     *templates
	httpLn   net.Listener
	httpsLn  net.Listener
	httpSrv  *http.Server
	httpsSrv *http.Server
	serveErr chan error
	closed   sync.Once

	clientMu sync.Mutex
	client   *http.Client
}

// Start loads the sites under opts.Root and serves them on two free ports
// of 127.0.0.1, one for plain HTTP and one for HTTPS.
func Start(ctx context.Context, opts Options) (*Lab, error) {
	return Listen(ctx, opts, "127.0.0.1:0", "127.0.0.1:0")
}

// Listen is [Start] on given addresses, for a lab that people browse on
// known ports. ctx bounds the start only; the lab runs until [Lab.Close].
func Listen(ctx context.Context, opts Options, httpAddr, httpsAddr string) (*Lab, error) {
	l, err := newLab(opts)
	if err != nil {
		return nil, err
	}
	var lc net.ListenConfig
	if l.httpLn, err = lc.Listen(ctx, "tcp", httpAddr); err != nil {
		return nil, fmt.Errorf("listening on %q: %w", httpAddr, err)
	}
	if l.httpsLn, err = lc.Listen(ctx, "tcp", httpsAddr); err != nil {
		l.httpLn.Close()
		return nil, fmt.Errorf("listening on %q: %w", httpsAddr, err)
	}
	l.serve()
	l.log.Info("lab started",
		zap.String("http_addr", l.httpLn.Addr().String()),
		zap.String("https_addr", l.httpsLn.Addr().String()),
		zap.Int("sites", len(l.sites)))
	return l, nil
}

// newLab loads everything the lab serves, before any port is opened.
func newLab(opts Options) (*Lab, error) {
	log := opts.Logger
	if log == nil {
		log = zap.NewNop()
	}
	root := opts.Root
	if root == "" {
		root = "."
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("resolving root %q: %w", opts.Root, err)
	}
	sites, err := loadSites(root)
	if err != nil {
		return nil, err
	}
	tmpl, err := loadTemplates(root, sites)
	if err != nil {
		return nil, err
	}
	as, err := newAssets(filepath.Join(root, "node_modules"))
	if err != nil {
		return nil, err
	}
	l := &Lab{
		log:      log.Named("lab"),
		root:     root,
		sites:    sites,
		byHost:   make(map[string]*site, len(sites)),
		assets:   as,
		capture:  newCaptures(),
		tmpl:     tmpl,
		serveErr: make(chan error, 2),
	}
	l.chat = newChatServer(filepath.Join(root, "lab", "vendors", "lab-widgets"), l)
	for _, s := range sites {
		l.byHost[s.Host] = s
	}
	l.hostile, err = newHostile(l.log.Named("hostile"), root, sites, func() *labCert { return l.cert })
	if err != nil {
		return nil, err
	}
	if l.cert, err = newCert(l.certHosts()); err != nil {
		return nil, err
	}
	return l, nil
}

// serve starts both servers on their listeners.
func (l *Lab) serve() {
	errLog := zap.NewStdLog(l.log.Named("http"))
	l.httpSrv = &http.Server{
		Handler:           http.HandlerFunc(l.redirectToHTTPS),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          errLog,
	}
	l.httpsSrv = &http.Server{
		Handler:           l,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          errLog,
		TLSConfig: &tls.Config{
			Certificates:       []tls.Certificate{l.cert.tls},
			MinVersion:         tls.VersionTLS12,
			GetConfigForClient: l.hostile.tlsConfigFor,
		},
	}
	// Hostile answers that never end on their own end when the lab stops.
	l.httpsSrv.RegisterOnShutdown(l.hostile.stop)
	go func() { l.serveErr <- l.httpSrv.Serve(l.httpLn) }()
	go func() { l.serveErr <- l.httpsSrv.ServeTLS(l.httpsLn, "", "") }()
}

// Close stops both servers, waiting for open requests until ctx ends.
func (l *Lab) Close(ctx context.Context) error {
	var err error
	l.closed.Do(func() {
		l.chat.closeAll()
		l.clientMu.Lock()
		if l.client != nil {
			l.client.CloseIdleConnections()
		}
		l.clientMu.Unlock()
		err = errors.Join(l.httpsSrv.Shutdown(ctx), l.httpSrv.Shutdown(ctx))
		for range 2 {
			if e := <-l.serveErr; e != nil && !errors.Is(e, http.ErrServerClosed) {
				err = errors.Join(err, e)
			}
		}
		l.log.Info("lab stopped")
	})
	if err != nil {
		return fmt.Errorf("closing lab: %w", err)
	}
	return nil
}

// Sites lists the lab's sites, sorted by host.
func (l *Lab) Sites() []Site {
	out := make([]Site, len(l.sites))
	for i, s := range l.sites {
		out[i] = s.Site
		// Callers get their own lists, so that they cannot change the lab's.
		out[i].Expected.ThirdParties = slices.Clone(s.Expected.ThirdParties)
		out[i].Expected.SessionRecorders = slices.Clone(s.Expected.SessionRecorders)
		out[i].Expected.Exfiltration = slices.Clone(s.Expected.Exfiltration)
	}
	return out
}

// HTTPAddr is the address of the plain HTTP listener.
func (l *Lab) HTTPAddr() string { return l.httpLn.Addr().String() }

// HTTPSAddr is the address of the HTTPS listener.
func (l *Lab) HTTPSAddr() string { return l.httpsLn.Addr().String() }

// BrowserArgs returns the Chromium flags that send every hostname to the
// lab and trust the lab's certificate key, and no other untrusted key.
// Chromium honours the key list only with an explicit --user-data-dir.
func (l *Lab) BrowserArgs() []string {
	return []string{
		"--host-resolver-rules=" + hostResolverRules(l.HTTPAddr(), l.HTTPSAddr()),
		"--ignore-certificate-errors-spki-list=" + l.cert.spki,
	}
}

// CertificateSPKI is the base64 SHA-256 of the certificate's public key
// info, as --ignore-certificate-errors-spki-list takes it.
func (l *Lab) CertificateSPKI() string { return l.cert.spki }

// hostResolverRules maps port 80 to the HTTP listener, port 443 to the HTTPS
// listener and every other name and port to 127.0.0.1.
func hostResolverRules(httpAddr, httpsAddr string) string {
	return fmt.Sprintf("MAP *:80 127.0.0.1:%s, MAP *:443 127.0.0.1:%s, MAP * 127.0.0.1",
		port(httpAddr), port(httpsAddr))
}

func port(addr string) string {
	_, p, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if _, err := strconv.Atoi(p); err != nil {
		return addr
	}
	return p
}
