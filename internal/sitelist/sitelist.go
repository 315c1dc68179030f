// Package sitelist reads the sites a user asks to scan: URLs or bare
// domains, one per line or as a CSV file with a url column, and turns each
// into the URL where a visit starts.
//
// It checks the form of each entry only; whether a site answers is the
// crawler's business. A bad entry is reported with its line and skipped,
// so one typo never stops a sector scan.
package sitelist

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"regexp"
	"strings"
)

// Entry is one site to scan.
type Entry struct {
	// Input is the entry as the user wrote it.
	Input string
	// URL is where the visit starts.
	URL string
	// Fallback is tried when URL cannot be reached: the http:// form of a
	// bare domain, whose https:// form is tried first. Empty for full URLs.
	Fallback string
	// Sector is the sector the CSV row named, if any.
	Sector string
}

// LineError is an entry that could not be used.
type LineError struct {
	// Source names where the entry came from: a file name or "argument".
	Source string
	Line   int
	Text   string
	Err    error
}

// Error satisfies the error interface.
func (e *LineError) Error() string {
	return fmt.Sprintf("%s:%d: %q: %v", e.Source, e.Line, e.Text, e.Err)
}

// Unwrap returns the reason.
func (e *LineError) Unwrap() error { return e.Err }

// Reasons an entry is rejected.
var (
	ErrScheme = errors.New("only http and https URLs can be scanned")
	ErrHost   = errors.New("not a valid host name")
	ErrNoURL  = errors.New("the CSV header has no url column")
)

// maxLine bounds one line, so that a binary file given by mistake cannot
// exhaust memory.
const maxLine = 64 << 10

// Read parses a site list. A file whose first meaningful line is a CSV
// header with a "url" column (and optionally "sector") is read as CSV;
// anything else as one entry per line, with blank lines and lines starting
// with # skipped. It returns the usable entries, the rejected ones, and an
// error only when the input cannot be read at all.
func Read(r io.Reader, source string) ([]Entry, []*LineError, error) {
	br := bufio.NewReaderSize(r, maxLine)
	first, err := peekFirst(br)
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", source, err)
	}
	if isCSVHeader(first) {
		return readCSV(br, source)
	}
	return readLines(br, source)
}

// peekFirst returns the first line that is neither blank nor a comment,
// without consuming anything.
func peekFirst(br *bufio.Reader) (string, error) {
	buf, err := br.Peek(maxLine)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return "", err
	}
	for _, line := range strings.Split(string(buf), "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		if line != "" && !strings.HasPrefix(line, "#") {
			return line, nil
		}
	}
	return "", nil
}

// stripComment cuts a line at a # that starts it or follows white space;
// a # inside a URL (a fragment) stays.
func stripComment(line string) string {
	for i, r := range line {
		if r == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return line[:i]
		}
	}
	return line
}

// headerCell matches a CSV header cell: a word, never a URL or host.
var headerCell = regexp.MustCompile(`^"?[A-Za-z_][A-Za-z0-9_ ]*"?$`)

// isCSVHeader reports whether line is a CSV header: cells separated by
// commas that are all plain words. Whether it has a url column is checked
// when the CSV is read, so that a header without one is an error rather
// than a site.
func isCSVHeader(line string) bool {
	if !strings.Contains(line, ",") {
		return false
	}
	for _, cell := range strings.Split(line, ",") {
		if !headerCell.MatchString(strings.TrimSpace(cell)) {
			return false
		}
	}
	return true
}

func readLines(br *bufio.Reader, source string) ([]Entry, []*LineError, error) {
	var (
		list List
		bad  []*LineError
	)
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSpace(stripComment(strings.TrimPrefix(sc.Text(), "\ufeff")))
		if text == "" {
			continue
		}
		if err := list.Add(text, ""); err != nil {
			bad = append(bad, &LineError{Source: source, Line: n, Text: text, Err: err})
		}
	}
	if err := sc.Err(); err != nil {
		return list.Entries, bad, fmt.Errorf("reading %s: %w", source, err)
	}
	return list.Entries, bad, nil
}

func readCSV(br *bufio.Reader, source string) ([]Entry, []*LineError, error) {
	cr := csv.NewReader(br)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s header: %w", source, err)
	}
	urlCol, sectorCol := -1, -1
	for i, h := range header {
		switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))) {
		case "url":
			urlCol = i
		case "sector":
			sectorCol = i
		}
	}
	if urlCol < 0 {
		return nil, nil, fmt.Errorf("reading %s: %w", source, ErrNoURL)
	}

	var (
		list List
		bad  []*LineError
	)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var perr *csv.ParseError
			if errors.As(err, &perr) {
				bad = append(bad, &LineError{Source: source, Line: perr.Line, Err: perr.Err})
				continue
			}
			return list.Entries, bad, fmt.Errorf("reading %s: %w", source, err)
		}
		if urlCol >= len(rec) || strings.TrimSpace(rec[urlCol]) == "" {
			bad = append(bad, &LineError{Source: source, Line: line, Text: strings.Join(rec, ","),
				Err: errors.New("the url cell is empty")})
			continue
		}
		sector := ""
		if sectorCol >= 0 && sectorCol < len(rec) {
			sector = strings.TrimSpace(rec[sectorCol])
		}
		text := strings.TrimSpace(rec[urlCol])
		if err := list.Add(text, sector); err != nil {
			bad = append(bad, &LineError{Source: source, Line: line, Text: text, Err: err})
		}
	}
	return list.Entries, bad, nil
}

// List collects entries and drops duplicates: the same host and path given
// twice, with or without a scheme or a trailing slash, is scanned once.
type List struct {
	Entries []Entry
	seen    map[string]bool
}

// Add parses one entry and appends it unless it is a duplicate. It
// returns why the entry is unusable, if it is.
func (l *List) Add(text, sector string) error {
	e, key, err := Parse(text)
	if err != nil {
		return err
	}
	if l.seen == nil {
		l.seen = make(map[string]bool)
	}
	if l.seen[key] {
		return nil
	}
	l.seen[key] = true
	e.Sector = sector
	l.Entries = append(l.Entries, e)
	return nil
}

var hostLabel = regexp.MustCompile(`^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$`)

// Parse turns one user entry into an [Entry], and returns the key that
// identifies duplicates.
func Parse(text string) (Entry, string, error) {
	e := Entry{Input: text}
	raw := text
	bare := !strings.Contains(raw, "://")
	if bare && hasOtherScheme(raw) {
		return e, "", ErrScheme
	}
	if bare {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return e, "", fmt.Errorf("parsing URL: %w", err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return e, "", ErrScheme
	}
	if u.User != nil {
		return e, "", errors.New("URLs with user names or passwords are not scanned")
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if !validHost(host) {
		return e, "", ErrHost
	}
	if p := u.Port(); p != "" {
		u.Host = net.JoinHostPort(host, p)
	} else {
		u.Host = host
	}
	if u.Path == "" {
		u.Path = "/"
	}
	u.Fragment = ""
	e.URL = u.String()
	if bare {
		h := *u
		h.Scheme = "http"
		e.Fallback = h.String()
	}
	key := u.Host + strings.TrimSuffix(u.EscapedPath(), "/") + "?" + u.RawQuery
	return e, key, nil
}

// schemePrefix matches what a URL scheme looks like at the start of text.
var schemePrefix = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// portSuffix matches what may follow "host:" in a bare domain: a port.
var portSuffix = regexp.MustCompile(`^[0-9]+([/?#]|$)`)

// hasOtherScheme reports whether text without "://" still starts with a
// scheme, as "javascript:..." or a mistyped "htp:/shop" do; in
// "shop.example:8080" the colon starts a port.
func hasOtherScheme(text string) bool {
	m := schemePrefix.FindString(text)
	return m != "" && !portSuffix.MatchString(text[len(m):])
}

func validHost(host string) bool {
	if host == "" || len(host) > 253 {
		return false
	}
	if net.ParseIP(host) != nil {
		return true
	}
	labels := strings.Split(host, ".")
	for _, l := range labels {
		if !hostLabel.MatchString(l) {
			return false
		}
	}
	return true
}
