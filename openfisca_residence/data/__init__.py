"""Population files: their layout (`schema`), typing and validation of their columns, reading
whole (`population`) or batch by batch (`streaming`), and the problems reported at once."""
