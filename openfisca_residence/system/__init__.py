"""The tax-benefit system and what extends OpenFisca-Core for it, at the bottom of the engine:
the country's system, the populations and holders its simulations use, the reform registry and
the per-process cache of systems. Every other layer imports from here, never the reverse.
"""
