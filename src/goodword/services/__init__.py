"""Use cases. Each public function is one unit of work and takes ``now`` when time matters."""
