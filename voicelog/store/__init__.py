"""Storage: everything voicelog keeps on disk, and the only code that touches those files.

- :mod:`~voicelog.store.opening`: set up a diary; open it to record (public key) or to read (passphrase).
- :mod:`~voicelog.store.diary`: the :class:`~voicelog.store.diary.Diary` (append, amend, read, verify, backup).
- :mod:`~voicelog.store.entries`: :class:`~voicelog.store.entries.Entry` and
  :class:`~voicelog.store.entries.Amendment`, and the sealed JSON they are read from.
- :mod:`~voicelog.store.chain`: the hash chain and the walk ``voicelog verify`` does.
- :mod:`~voicelog.store.people`: the sealed people registry.
- :mod:`~voicelog.store.schema`: the tables (migrations) and the connection settings.
- :mod:`~voicelog.store.keys`: the key file, the passphrase, :class:`~voicelog.store.keys.Sealer` and
  :class:`~voicelog.store.keys.Opener`.
- :mod:`~voicelog.store.journal`: the sealed capture journal a recording writes as it goes.
- :mod:`~voicelog.store.backup`: a diary and its key file copied as a pair.
- :mod:`~voicelog.store.private_file`: write a private file, never over another, never half.

Nothing is imported here, so ``import voicelog.store.entries`` stays light.
"""
