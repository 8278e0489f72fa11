"""Source readers, one per input format (PDF, .docx, .xlsx), and the file-type sniffer."""
