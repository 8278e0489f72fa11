"""Text helpers over a document's pages: page furniture, running heads, paragraphs."""
