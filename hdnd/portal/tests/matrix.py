from tests.matrix import Row, everyone, signed_in

ROWS = [
    Row("portal:home", everyone(200), target=None),
    Row("portal:dashboard", signed_in(200), target=None),
]
