# subscriptions
sub-title = Prenumerera via e-post
sub-intro = Få ett mejl när det kommer nyheter, nya möten eller publicerade protokoll. Du kan ändra eller avsluta prenumerationen när du vill via länken i varje mejl.
sub-intro-agreement = Prenumerera på det som händer i { $agreement }.
sub-field-email = E-postadress
sub-field-email-hint = Vi skickar en länk som du öppnar för att bekräfta prenumerationen.
sub-field-topics = Vad vill du få mejl om?
sub-field-frequency = Hur ofta?
sub-topic-news = Nyheter och pressmeddelanden
sub-topic-meetings = Nya möten
sub-topic-minutes = Publicerade protokoll och anteckningar
sub-frequency-immediate = Direkt, ett mejl för varje nyhet
sub-frequency-daily = En sammanfattning om dagen
sub-frequency-weekly = En sammanfattning i veckan
sub-submit = Prenumerera
sub-privacy = Vi använder adressen bara för prenumerationen. En obekräftad anmälan raderas efter sju dagar, och när du avslutar prenumerationen raderas adressen.
sub-error-topics = Välj minst ett ämne
sub-error-frequency = Välj hur ofta du vill få mejl
sub-sent-title = Titta i din inkorg
sub-sent-text = Vi har skickat ett mejl med en länk. Öppna länken för att bekräfta prenumerationen. Länken gäller i { $days } dagar. Får du inget mejl, kontrollera skräpposten.
sub-gone-title = Länken gäller inte längre
sub-gone-text = Länken har redan använts, har gått ut eller är fel. Prenumerationen kan redan vara bekräftad eller avslutad. Du kan anmäla dig på nytt via länken ”Prenumerera” längst ner på överenskommelsens sidor.
sub-confirm-title = Bekräfta prenumerationen
sub-confirm-text = Bekräfta att { $email } ska få mejl från { $agreement }.
sub-confirm-submit = Bekräfta prenumerationen
sub-confirm-ignore = Om du inte har anmält dig kan du stänga sidan. Ingenting skickas utan din bekräftelse.
sub-flash-confirmed = Prenumerationen är bekräftad.
sub-manage-title = Din prenumeration
sub-manage-intro = { $email } prenumererar på { $agreement }.
sub-manage-submit = Spara ändringarna
sub-flash-saved = Prenumerationen är ändrad.
sub-unsubscribe-title = Avsluta prenumerationen
sub-unsubscribe-text = Sluta skicka mejl från { $agreement } till { $email }? Adressen raderas.
sub-unsubscribe-submit = Avsluta prenumerationen
sub-unsubscribed-title = Prenumerationen är avslutad
sub-unsubscribed-text = Du får inga fler mejl från { $agreement }, och vi har raderat din adress.
sub-subscribe-again = Prenumerera igen
sub-mail-confirm-subject = Bekräfta din prenumeration
sub-mail-confirm-body =
    Hej!

    Någon, förhoppningsvis du, vill att den här adressen ska få mejl från { $agreement }.
    Öppna länken för att bekräfta prenumerationen:
    { $url }

    Länken gäller i sju dagar. Om det inte var du kan du bortse från det här mejlet; då skickar vi ingenting mer.
sub-mail-already-subject = Du prenumererar redan
sub-mail-already-body =
    Hej!

    Någon bad om en prenumeration från { $agreement } till den här adressen, men du prenumererar redan.
    Vill du ändra vad du får eller hur ofta, öppna länken:
    { $url }

    Om det inte var du behöver du inte göra något. Ingenting har ändrats.
sub-mail-new-news = Ny nyhet från { $agreement }:
sub-mail-new-meetings = Nytt möte i { $agreement }:
sub-mail-new-minutes = Nytt protokoll publicerat i { $agreement }:
sub-mail-digest-subject-daily = { $agreement }: dagens sammanfattning ({ $count } { $count ->
        [one] nyhet
       *[other] nyheter
    })
sub-mail-digest-subject-weekly = { $agreement }: veckans sammanfattning ({ $count } { $count ->
        [one] nyhet
       *[other] nyheter
    })
sub-mail-digest-intro = Nytt i { $agreement } sedan förra sammanfattningen:
sub-mail-heading-news = NYHETER
sub-mail-heading-meetings = NYA MÖTEN
sub-mail-heading-minutes = PUBLICERADE PROTOKOLL
sub-mail-footer-manage = Ändra din prenumeration: { $url }
sub-mail-footer-unsubscribe = Avsluta prenumerationen: { $url }
