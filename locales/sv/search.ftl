# Search
search-title = Sök
search-title-for = Sök: { $query }
search-query-label = Vad letar du efter?
search-query-hint = Alla ord måste finnas med. Skriv "inom citattecken" för en exakt fras och -ord för att utesluta ett ord.
search-summary = { $count ->
    [one] En träff för ”{ $query }”
   *[other] { $count } träffar för ”{ $query }”
}
search-none = Inget hittades. Pröva färre eller andra ord.
search-facets = Avgränsa
search-facet-type = Typ
search-facet-year = År
search-facet-all = Alla typer
search-facet-all-years = Alla år
search-pages = Sidor med träffar
search-previous = Föregående sida
search-next = Nästa sida
search-page = Sida { $page }
search-kind-organisation = Organisation
search-kind-meeting = Möte
search-kind-minutes = Protokoll och anteckningar
search-kind-decision = Beslut
search-kind-document = Dokument
search-kind-news = Nyhet
search-kind-plan = Handlingsplan
search-kind-measure = Åtgärd
search-kind-proposal = Förslag
search-kind-partnership = Partnerskap
