"""UI helpers: strings, Indonesian formatting, cached loaders, shared sidebar and widgets."""
