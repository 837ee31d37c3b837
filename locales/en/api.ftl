# The open data API
api-title = Open data: API
api-intro = Everything public about the agreements is also open data in JSON, free to use without a key. Every address is described here; the same description is machine-readable as OpenAPI 3.1.
api-openapi = The OpenAPI description (JSON)
api-conventions = How it works
api-paging = Lists come in pages: give a limit (1–500) and pass next_cursor on as cursor, or follow the next link. Rows come in id order, so nothing is missed or repeated.
api-updated-since = updated_since (an RFC 3339 time) gives only what changed since then.
api-conditional = Responses carry an ETag and Last-Modified; ask with If-None-Match and get 304 when nothing changed.
api-errors = Errors are RFC 9457 problem details (application/problem+json) naming the wrong field in invalid-params.
api-licence = Each agreement states its licence (CC0 1.0 or CC BY 4.0) in its licence field.
api-endpoints = Addresses
api-parameters = Parameters
api-param-name = Name
api-param-in = In
api-param-description = Description
api-example = Example
api-token-needed = Needs an API token, which editors make on their account page.
