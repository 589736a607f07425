"""HTTP endpoints beside the pages, thin over services."""
