package scan

import (
	"context"
	"sync"

	"go.uber.org/zap"

	"github.com/exposure-audit/exposure/crawler"
)

// browsers hands the workers a running browser. It starts a new one when
// the current one died, and after recycleAfter sites, so that a browser's
// slow memory growth over a long scan is capped; a replaced browser is
// closed once its last visit ends.
type browsers struct {
	launch       func(context.Context) (*crawler.Browser, error)
	recycleAfter int
	log          *zap.Logger

	mu       sync.Mutex
	cur      *crawler.Browser
	used     int
	inflight map[*crawler.Browser]int
	retired  map[*crawler.Browser]bool
	closing  sync.WaitGroup
}

func newBrowsers(launch func(context.Context) (*crawler.Browser, error), recycleAfter int,
	log *zap.Logger) *browsers {
	return &browsers{
		launch: launch, recycleAfter: recycleAfter, log: log,
		inflight: make(map[*crawler.Browser]int),
		retired:  make(map[*crawler.Browser]bool),
	}
}

// get returns the browser for the next visit; put must follow.
func (p *browsers) get(ctx context.Context) (*crawler.Browser, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cur != nil && (!p.cur.Alive() || (p.recycleAfter > 0 && p.used >= p.recycleAfter)) {
		reason := "recycled"
		if !p.cur.Alive() {
			reason = "died"
		}
		p.log.Info("replacing browser", zap.String("reason", reason), zap.Int("sites", p.used))
		p.retire(p.cur)
		p.cur = nil
	}
	if p.cur == nil {
		b, err := p.launch(ctx)
		if err != nil {
			return nil, err
		}
		p.cur, p.used = b, 0
	}
	p.used++
	p.inflight[p.cur]++
	return p.cur, nil
}

// put ends a visit on b.
func (p *browsers) put(b *crawler.Browser) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.inflight[b]--
	if p.retired[b] && p.inflight[b] == 0 {
		p.closeLocked(b)
	}
}

// retire marks b for closing once idle. The caller holds the lock.
func (p *browsers) retire(b *crawler.Browser) {
	p.retired[b] = true
	if p.inflight[b] == 0 {
		p.closeLocked(b)
	}
}

func (p *browsers) closeLocked(b *crawler.Browser) {
	delete(p.retired, b)
	delete(p.inflight, b)
	// Closing waits for the browser to exit; do it off the lock.
	p.closing.Go(func() {
		if err := b.Close(); err != nil {
			p.log.Debug("closing replaced browser failed", zap.Error(err))
		}
	})
}

// close closes every browser, and waits for replaced ones to be closed.
func (p *browsers) close() {
	defer p.closing.Wait()
	p.mu.Lock()
	all := []*crawler.Browser{}
	if p.cur != nil {
		all = append(all, p.cur)
	}
	for b := range p.retired {
		all = append(all, b)
	}
	p.cur = nil
	p.mu.Unlock()
	for _, b := range all {
		if err := b.Close(); err != nil {
			p.log.Warn("closing browser failed", zap.Error(err))
		}
	}
}
