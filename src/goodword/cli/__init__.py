"""The ``goodword`` command: thin translators from arguments to one service call each."""
