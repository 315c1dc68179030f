package crawler

import (
	"slices"
	"testing"
)

func TestChooseLinks(t *testing.T) {
	page := `<a href="/privacy">Privacy</a>
<a href="/login">Sign in</a>
<a href="https://other.example/product/9">Elsewhere</a>
<a href="/about">About</a>
<a href="/p/red-shoes#reviews">Red shoes</a>
<a href="/p/red-shoes">Red shoes again</a>
<a href="mailto:help@shop.example">Mail</a>
<a href="/catalog.pdf">Catalogue</a>
<a href="https://www.shop.example/category/boots">Boots</a>
<a href="/cart">Bag</a>
<a href="/">Home</a>`
	tests := []struct {
		name string
		n    int
		want []string
	}{
		{"best two", 2, []string{"https://shop.example/p/red-shoes",
			"https://www.shop.example/category/boots"}},
		{"legal pages last", 5, []string{
			"https://shop.example/p/red-shoes", "https://www.shop.example/category/boots",
			"https://shop.example/cart", "https://shop.example/privacy", "https://shop.example/login",
		}},
		{"none wanted", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := chooseLinks(page, "https://shop.example/", tt.n)
			if !slices.Equal(got, tt.want) {
				t.Errorf("chooseLinks = %q\nwant %q", got, tt.want)
			}
		})
	}
}
