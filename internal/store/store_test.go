package store

import (
	"context"
	"path/filepath"
	"testing"
)

func TestProgressSurvivesReopening(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []func() error{
		func() error { return s.Start(ctx, "a.example") },
		func() error { return s.Finish(ctx, "a.example", "ok", "a.example") },
		func() error { return s.Start(ctx, "b.example") },
		func() error { return s.Start(ctx, "b.example") },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Sites(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Site{
		"a.example": {Input: "a.example", State: StateDone, Status: "ok", Stem: "a.example", Attempts: 1},
		"b.example": {Input: "b.example", State: StateRunning, Attempts: 2},
	}
	if len(got) != len(want) {
		t.Fatalf("sites = %+v, want %+v", got, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("site %s = %+v, want %+v", k, got[k], w)
		}
	}
}

func TestOpenBadPath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no", "such", "dir", FileName)
	if _, err := Open(context.Background(), missing); err == nil {
		t.Fatal("Open in a missing folder succeeded")
	}
}
