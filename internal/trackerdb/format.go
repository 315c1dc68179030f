package trackerdb

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// file is the part of trackerdb.json that the loader reads. The file also
// holds categories and adblock filters, which are not needed to classify
// hosts.
type file struct {
	Organizations map[string]organization `json:"organizations"`
	Patterns      map[string]pattern      `json:"patterns"`
	// Domains maps each listed domain to the identifier of its pattern.
	Domains map[string]string `json:"domains"`
}

type organization struct {
	Name string `json:"name"`
}

type pattern struct {
	Name     string `json:"name"`
	Category string `json:"category"`
	// Organization is null in the file for trackers without a known owner.
	Organization *string `json:"organization"`
}

// decode parses trackerdb.json and resolves every listed domain to its
// pattern and organization.
func decode(data []byte) (map[string]Match, error) {
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return nil, fmt.Errorf("decoding json: %w: %w", ErrFormat, err)
		}
		return nil, fmt.Errorf("decoding json: %w", err)
	}
	if len(f.Domains) == 0 || len(f.Patterns) == 0 {
		return nil, fmt.Errorf("no domains or patterns: %w", ErrFormat)
	}

	// Sorted keys make the result and the first error reported independent
	// of map order, also when two keys differ only in case.
	keys := make([]string, 0, len(f.Domains))
	for domain := range f.Domains {
		keys = append(keys, domain)
	}
	slices.Sort(keys)

	out := make(map[string]Match, len(f.Domains))
	for _, domain := range keys {
		id := f.Domains[domain]
		p, ok := f.Patterns[id]
		if !ok {
			return nil, fmt.Errorf("domain %q names unknown pattern %q: %w", domain, id, ErrFormat)
		}
		m := Match{Domain: normalize(domain), Pattern: id, Name: p.Name, Category: p.Category}
		if p.Organization != nil && *p.Organization != "" {
			org, ok := f.Organizations[*p.Organization]
			if !ok {
				return nil, fmt.Errorf("pattern %q names unknown organization %q: %w",
					id, *p.Organization, ErrFormat)
			}
			m.OrganizationID, m.Organization = *p.Organization, org.Name
		}
		if m.Domain == "" {
			return nil, fmt.Errorf("empty domain for pattern %q: %w", id, ErrFormat)
		}
		out[m.Domain] = m
	}
	return out, nil
}

// normalize lower-cases a host name and drops a trailing dot.
func normalize(host string) string {
	return strings.TrimSuffix(strings.ToLower(host), ".")
}
