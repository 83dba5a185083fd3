"""The Web API: OpenFisca-Core's app (`openfisca_web_api.app.create_app`), wrapped for this model
(`app.create_app`), and served by `openfisca-residence serve` (`serve`).

The wrapping acts on the app it creates, never on Flask or Core: this model's situation builder
and linear handlers for `/calculate` and `/trace`, dates written as they are read, JSON errors
(400 for a request that cannot be read, 404 with the closest name, 405).
"""
