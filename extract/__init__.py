"""Reading documents: text layer, tables, narrative. One module per concern."""
