"""The resolutions pages, one module per feature: a council's resolutions (``resolutions``), the
province's review of commune resolutions (``review``), the public register (``public``) and the
documents (``documents``). Objects come through ``permissions``; writes go through the actions."""
