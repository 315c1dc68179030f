package lab_test

import (
	"context"
	"fmt"
	"io"

	"github.com/exposure-audit/exposure/lab"
)

// Example starts the lab, lists its sites with the third parties each must
// be found to use, and fetches one page through the lab's own client.
func Example() {
	ctx := context.Background()
	l, err := lab.Start(ctx, lab.Options{Root: ".."})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer l.Close(ctx)

	for _, s := range l.Sites() {
		fmt.Printf("%s %s %d\n", s.Host, s.Kind, len(s.Expected.ThirdParties))
	}
	resp, err := l.Client().Get("https://quiet-tea.example/cart")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	fmt.Println(resp.Status)
	// Output:
	// bazaarly.example shop 3
	// freshbasket.example shop 3
	// glowhaus.example shop 4
	// hearthstead.example shop 4
	// maison-velour.example shop 3
	// paper-lane.example control 0
	// quiet-tea.example control 0
	// voltcart.example shop 4
	// 200 OK
}
