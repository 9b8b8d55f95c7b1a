"""Service inputs and outputs, in families (``PersonCreate`` → ``PersonPublic``).

The CLI prints ``model_dump(mode="json")`` of these for ``--json``; the API will return them.
"""
