"""Table readers, one per method (pdfplumber, camelot, word positions, cell lines), the doubt check and stitching."""
