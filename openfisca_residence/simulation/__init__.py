"""Computing a population: one chunk of whole families at a time (`chunk`), on a backend (here,
worker processes or a Dask cluster), from memory (`microsimulation`) or a file (`files`)."""
