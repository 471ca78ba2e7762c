"""The councils app's pages: units and their changes (public), councils with their terms and bodies,
people and their seats, agencies (scoped to the user through ``hdnd.councils.permissions``)."""
