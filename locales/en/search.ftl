# Search
search-title = Search
search-title-for = Search: { $query }
search-query-label = What are you looking for?
search-query-hint = Every word must be there. Write "in quotes" for an exact phrase and -word to leave a word out.
search-summary = { $count ->
    [one] One result for “{ $query }”
   *[other] { $count } results for “{ $query }”
}
search-none = Nothing found. Try fewer or other words.
search-facets = Narrow down
search-facet-type = Type
search-facet-year = Year
search-facet-all = All types
search-facet-all-years = All years
search-pages = Pages of results
search-previous = Previous page
search-next = Next page
search-page = Page { $page }
search-kind-organisation = Organisation
search-kind-meeting = Meeting
search-kind-minutes = Minutes and notes
search-kind-decision = Decision
search-kind-document = Document
search-kind-news = News
search-kind-plan = Action plan
search-kind-measure = Measure
search-kind-proposal = Proposal
search-kind-partnership = Partnership
