"""The dataset layer: documents' rows assembled into Arrow tables, written atomically, exported."""
