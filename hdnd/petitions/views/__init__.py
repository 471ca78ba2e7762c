"""The petition pages, one module per feature; ``urls`` maps them. Loaders come from ``permissions``,
forms from ``forms``, writes go through ``actions``. ``panels`` puts each feature's section on the
issue, cycle and meeting pages."""
