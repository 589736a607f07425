"""Dashboard read models: heatmap, trends, health, warnings, adoption, statistics; a fixed number of queries."""
