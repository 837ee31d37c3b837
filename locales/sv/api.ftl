# The open data API
api-title = Öppna data: API
api-intro = Allt som är offentligt i överenskommelserna finns också som öppna data i JSON, fritt att använda utan nyckel. Här beskrivs varje adress; samma beskrivning finns maskinläsbar som OpenAPI 3.1.
api-openapi = OpenAPI-beskrivningen (JSON)
api-conventions = Så fungerar det
api-paging = Listor delas upp i sidor: ange limit (1–500) och skicka vidare next_cursor som cursor, eller följ next-länken. Raderna kommer i ordning efter id, så inget missas eller kommer två gånger.
api-updated-since = updated_since (en tid enligt RFC 3339) ger bara det som ändrats sedan dess.
api-conditional = Svaren har ETag och Last-Modified; fråga med If-None-Match så får du 304 när inget ändrats.
api-errors = Fel beskrivs enligt RFC 9457 (application/problem+json) med fältet som var fel i invalid-params.
api-licence = Varje överenskommelse anger sin licens (CC0 1.0 eller CC BY 4.0) i fältet licence.
api-endpoints = Adresser
api-parameters = Parametrar
api-param-name = Namn
api-param-in = Var
api-param-description = Beskrivning
api-example = Exempel
api-token-needed = Kräver en API-nyckel, som redaktörer skapar på sin kontosida.
