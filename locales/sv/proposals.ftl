# Förslag till överenskommelsegruppen.

proposal-state-received = Mottaget
proposal-state-considering = Under beredning
proposal-state-adopted = Antaget
proposal-state-declined = Avslaget
proposal-event-received = Mottaget { $date }
proposal-event-considering = Under beredning { $date }
proposal-event-adopted = Antaget { $date }
proposal-event-declined = Avslaget { $date }
proposal-hidden-by-editors = Dolt av redaktionen: { $reason }
proposal-hidden-title = Förslag { $id } (dolt)
proposal-support-count = { $count ->
    [0] Inget stöd än
    [one] Stöds av en organisation
   *[other] Stöds av { $count } organisationer
}
proposal-page-of = Sida { $page } av { $pages }
proposal-list-title = Förslag
proposal-list-description = Förslag till överenskommelsegruppen från organisationer och dialogmöten.
proposal-list-intro = Organisationer som undertecknat överenskommelsen kan lämna förslag till överenskommelsegruppen. Andra organisationer kan stödja dem.
proposal-new-link = Lämna ett förslag
proposal-filter-state = Läge
proposal-filter-area = Samverkansområde
proposal-filter-principle = Princip
proposal-filter-all = Alla
proposal-filter-apply = Visa
proposal-count = { $count ->
    [one] Ett förslag
   *[other] { $count } förslag
}
proposal-none = Inga förslag att visa.
proposal-yours = Ert förslag
proposal-from = Från
proposal-pages = Sidor med förslag
proposal-newer = Nyare
proposal-older = Äldre
proposal-new-title = Lämna ett förslag
proposal-who-may = Förslag lämnas av en företrädare för en organisation som undertecknat överenskommelsen, eller av redaktionen för ett dialogmötes räkning.
proposal-login-to-submit = Logga in för att lämna ett förslag
proposal-not-allowed = Ditt konto företräder ingen organisation som undertecknat överenskommelsen. Kontakta redaktionen om du vill lämna ett förslag.
proposal-source = Förslaget lämnas av
proposal-source-hint = Organisationen eller dialogmötet som står bakom förslaget.
proposal-source-meetings = Dialogmöten
proposal-source-organisations = Organisationer
proposal-choose = Välj
proposal-title-field = Rubrik
proposal-text-field = Förslaget
proposal-text-hint = Beskriv förslaget och varför. Du kan använda Markdown.
proposal-area = Samverkansområde
proposal-principle = Princip som förslaget tjänar
proposal-submit = Skicka förslaget
proposal-error-title = Skriv en rubrik
proposal-error-title-long = Rubriken får vara högst 200 tecken
proposal-error-text = Skriv förslaget
proposal-error-area = Välj ett samverkansområde
proposal-error-principle = Välj en princip
proposal-error-source = Välj vem som lämnar förslaget
proposal-error-comment = Skriv en kommentar
proposal-error-comment-long = Kommentaren får vara högst 5 000 tecken
proposal-error-state = Välj ett nytt läge
proposal-error-state-same = Förslaget har redan det läget
proposal-error-measure = Välj den åtgärd som förslaget blev
proposal-error-reason = Skriv varför förslaget avslås
proposal-error-hide-reason = Skriv varför det döljs; skälet visas i dess ställe
proposal-flash-submitted = Förslaget är inskickat.
proposal-flash-supported = Stödet är registrerat.
proposal-flash-withdrawn = Stödet är återtaget.
proposal-flash-commented = Kommentaren är publicerad.
proposal-flash-state = Förslagets läge är ändrat.
proposal-flash-hidden = Förslaget är dolt.
proposal-flash-unhidden = Förslaget visas igen.
proposal-flash-comment-hidden = Kommentaren är dold.
proposal-flash-comment-unhidden = Kommentaren visas igen.
proposal-back-to-list = Alla förslag
proposal-from-organisation = Från organisation
proposal-from-meeting = Från dialogmöte
proposal-state = Läge
proposal-measure = Blev åtgärden
proposal-hidden-editor-note = Förslaget är dolt för besökare. Du ser texten eftersom du är redaktör.
proposal-supports = Stöd
proposal-support-for = Stöd förslaget för { $organisation }
proposal-withdraw-for = Återta stödet från { $organisation }
proposal-timeline = Händelser
proposal-comments = Kommentarer
proposal-no-comments = Inga kommentarer än.
proposal-comment-field = Din kommentar
proposal-comment-organisation = Kommentera för
proposal-comment-as-self = Mig själv
proposal-comment-submit = Kommentera
proposal-login-to-comment = Logga in för att kommentera
proposal-hide-reason = Skäl (visas offentligt)
proposal-hide-hint = Skälet visas i förslagets ställe.
proposal-hide = Dölj förslaget
proposal-unhide = Visa förslaget igen
proposal-hide-comment = Dölj kommentaren
proposal-unhide-comment = Visa kommentaren igen
proposal-editor-heading = Redaktionens hantering
proposal-new-state = Nytt läge
proposal-measure-field = Åtgärd i handlingsplanen
proposal-measure-hint = Krävs när förslaget antas.
proposal-reason-field = Motivering
proposal-reason-hint = Krävs när förslaget avslås. Visas på förslagets sida.
proposal-change-state = Ändra läge
proposal-reason = Motivering
proposal-mail-subject = Ditt förslag: { $title }
proposal-mail-body = Hej!

    Ditt förslag "{ $title }" till { $agreement } { $what }.
proposal-mail-now-considering = är nu under beredning
proposal-mail-now-adopted = har antagits och blivit en åtgärd i handlingsplanen
proposal-mail-now-declined = har avslagits
proposal-mail-now-hidden = har dolts av redaktionen
