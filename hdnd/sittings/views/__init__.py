"""The sittings pages, one module per feature: sessions, their conduct, their documents, and the
standing committee's meetings. Objects come through ``permissions`` (404 outside the user's councils,
403 inside without the right); writes go through the actions; forms live in ``forms``."""
