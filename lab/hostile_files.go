package lab

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
)

// hostileFile is a file the hostile sites serve.
type hostileFile struct {
	ctype string
	// disposition is "attachment" for a download, "inline" otherwise.
	disposition string
	body        []byte
}

// hostileFiles makes the downloads case's files, by name.
func hostileFiles() (map[string]hostileFile, error) {
	z, err := lookbookZip()
	if err != nil {
		return nil, err
	}
	return map[string]hostileFile{
		"lookbook.zip":   {ctype: "application/zip", disposition: "attachment", body: z},
		"price-list.pdf": {ctype: "application/pdf", disposition: "attachment", body: priceListPDF()},
	}, nil
}

// lookbookZip is a small zip archive holding one text file.
func lookbookZip() ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, err := zw.Create("lookbook.txt")
	if err != nil {
		return nil, fmt.Errorf("writing lookbook zip: %w", err)
	}
	line := "Free Samples lookbook: a file of the exposure retail lab's downloads case.\n"
	if _, err := f.Write([]byte(strings.Repeat(line, 200))); err != nil {
		return nil, fmt.Errorf("writing lookbook zip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("closing lookbook zip: %w", err)
	}
	return buf.Bytes(), nil
}

// priceListPDF is a one-page PDF with a few lines of text, with a correct
// cross-reference table so that any PDF reader opens it.
func priceListPDF() []byte {
	text := "BT /F1 20 Tf 72 760 Td (Price List) Tj /F1 12 Tf 0 -32 Td " +
		"(Canvas tote  24.00) Tj 0 -18 Td (Linen apron  31.00) Tj 0 -18 Td " +
		"(A page of the exposure retail lab, served where a home page should be.) Tj ET"
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R " +
			"/Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(text), text),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n",
		len(objects)+1, xref)
	return b.Bytes()
}
