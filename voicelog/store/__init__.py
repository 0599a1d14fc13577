"""Storage: the sealed, chained diary, its keys, the people registry, the capture journal, private files."""
