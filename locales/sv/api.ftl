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

# The page's text for each operation of the OpenAPI document, keyed by its
# operation id (the handler's name); an operation without one shows the
# document's English summary. Parameters: api-parameter-<op>-<name>, or
# api-parameter-<name> for the paging parameters every list shares.
api-in-query = frågesträngen
api-in-path = adressen
api-summary-agreements = Alla överenskommelser på webbplatsen.
api-summary-agreement = En överenskommelse.
api-summary-signatories = Registret över undertecknare, med historiken.
api-summary-meetings = Möten och dialogkonferenser, äldst först.
api-summary-meeting = Ett möte med föredragningslistan.
api-summary-decisions = Beslutsregistret: beslut som registrerats utanför protokoll och beslut i publicerade protokoll.
api-summary-documents = De offentliga dokumenten i dokumentbiblioteket (uppgifter om dem; filen är en länk).
api-summary-news = Publicerade nyheter och pressmeddelanden.
api-summary-plans = De beslutade handlingsplanerna med åtgärder och uppföljning (utkast är inte offentliga).
api-summary-bodies = Överenskommelsens organ och deras nuvarande ledamöter (kontaktuppgifter bara när ledamoten har godkänt det).
api-parameter-limit = Hur många rader (1–500, annars 50).
api-parameter-cursor = next_cursor från föregående sida.
api-parameter-updated_since = Bara rader som ändrats vid eller efter den här tiden (RFC 3339, till exempel 2026-01-01T00:00:00Z).
api-parameter-agreement-slug = Överenskommelsens korta adress, till exempel vg.
api-parameter-signatories-slug = Överenskommelsens korta adress.
api-parameter-meetings-slug = Överenskommelsens korta adress.
api-parameter-meeting-slug = Överenskommelsens korta adress.
api-parameter-decisions-slug = Överenskommelsens korta adress.
api-parameter-documents-slug = Överenskommelsens korta adress.
api-parameter-news-slug = Överenskommelsens korta adress.
api-parameter-plans-slug = Överenskommelsens korta adress.
api-parameter-bodies-slug = Överenskommelsens korta adress.
api-parameter-signatories-updated_since = Bara perioder vars organisation ändrats vid eller efter den här tiden (RFC 3339).
api-parameter-signatories-status = current (standard): organisationer som har undertecknat och inte lämnat; all: varje period, hela historiken.
api-parameter-meetings-from = Bara möten som börjar den här dagen eller senare (ÅÅÅÅ-MM-DD).
api-parameter-meetings-body = Bara möten i det här organet (dess korta adress).
api-parameter-meeting-id = Mötets id.
api-summary-organisation = En organisation: profilen som dess offentliga sida visar den, och historiken som undertecknare.
api-summary-minutes_list = Publicerade protokoll och minnesanteckningar från överenskommelsens möten, med paragraferna.
api-summary-minutes = Ett publicerat protokoll.
api-summary-proposals = Förslag till överenskommelsegruppen, med stöd, statushistorik och kommentarer.
api-summary-proposal = Ett förslag; ett som redaktörerna har dolt finns inte.
api-summary-partnerships = Idéburet offentligt partnerskap (IOP) och andra gemensamma satsningar, med pengar och tid per år.
api-summary-partnership = Ett partnerskap.
api-summary-document = Ett offentligt dokument med dess versioner; ett internt finns inte.
api-summary-record_decision = Registrerar ett beslut som fattats utanför protokoll, som en redaktör gör på webbplatsen.
api-summary-register_participant = Anmäler en deltagare som mötets eget formulär gör: en plats om någon finns kvar, annars reservlistan, och en bekräftelse med mötets kalenderfil.
api-summary-registrations = Ett mötes deltagarlista: alla anmälningar, även avanmälda, i id-ordning.
api-summary-registration = En anmälan.
api-parameter-organisation-slug = Organisationens korta adress.
