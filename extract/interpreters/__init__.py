"""Interpreters: each reads one kind of content (statements, self-evaluation forms, prose) into records."""
