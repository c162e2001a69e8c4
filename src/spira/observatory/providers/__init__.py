"""One module per domain app; see spira.observatory.registry."""
