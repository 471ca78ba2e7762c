from tests.matrix import Row, everyone

ROWS = [
    Row("api:openapi-json", everyone(200), target=None),
    Row("api:openapi-view", everyone(200), target=None),
    # The API root lists nothing; ninja answers 404 for it, the same for everyone.
    Row("api:api-root", everyone(404), target=None),
]
