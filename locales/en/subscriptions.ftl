# subscriptions
sub-title = Subscribe by e-mail
sub-intro = Get an e-mail when there is news, a new meeting or newly published minutes. You can change or end the subscription at any time through the link in every e-mail.
sub-intro-agreement = Subscribe to what happens in { $agreement }.
sub-field-email = E-mail address
sub-field-email-hint = We send a link that you open to confirm the subscription.
sub-field-topics = What do you want e-mail about?
sub-field-frequency = How often?
sub-topic-news = News and press releases
sub-topic-meetings = New meetings
sub-topic-minutes = Published minutes and notes
sub-frequency-immediate = At once, one e-mail for each item
sub-frequency-daily = A daily digest
sub-frequency-weekly = A weekly digest
sub-submit = Subscribe
sub-privacy = We use the address for the subscription only. An unconfirmed request is deleted after seven days, and the address is deleted when you unsubscribe.
sub-error-topics = Choose at least one topic
sub-error-frequency = Choose how often you want e-mail
sub-sent-title = Check your inbox
sub-sent-text = We have sent an e-mail with a link. Open the link to confirm the subscription. The link works for { $days } days. If no e-mail arrives, check your spam folder.
sub-gone-title = This link no longer works
sub-gone-text = The link has been used already, has expired or is wrong. The subscription may already be confirmed or ended. You can subscribe again through the "Subscribe" link at the bottom of the agreement's pages.
sub-confirm-title = Confirm the subscription
sub-confirm-text = Confirm that { $email } should get e-mail from { $agreement }.
sub-confirm-submit = Confirm the subscription
sub-confirm-ignore = If you did not subscribe, you can close this page. Nothing is sent without your confirmation.
sub-flash-confirmed = The subscription is confirmed.
sub-manage-title = Your subscription
sub-manage-intro = { $email } subscribes to { $agreement }.
sub-manage-submit = Save changes
sub-flash-saved = The subscription has been changed.
sub-unsubscribe-title = Unsubscribe
sub-unsubscribe-text = Stop sending e-mail from { $agreement } to { $email }? The address will be deleted.
sub-unsubscribe-submit = Unsubscribe
sub-unsubscribed-title = You have unsubscribed
sub-unsubscribed-text = You will get no more e-mail from { $agreement }, and we have deleted your address.
sub-subscribe-again = Subscribe again
sub-mail-confirm-subject = Confirm your subscription
sub-mail-confirm-body =
    Hello,

    Someone, hopefully you, asked for this address to get e-mail from { $agreement }.
    Open the link to confirm the subscription:
    { $url }

    The link works for seven days. If it was not you, you can ignore this e-mail; we will send nothing more.
sub-mail-already-subject = You already subscribe
sub-mail-already-body =
    Hello,

    Someone asked for a subscription from { $agreement } to this address, but you already subscribe.
    To change what you get or how often, open the link:
    { $url }

    If it was not you, there is nothing to do. Nothing has changed.
sub-mail-new-news = News from { $agreement }:
sub-mail-new-meetings = A new meeting in { $agreement }:
sub-mail-new-minutes = Minutes published in { $agreement }:
sub-mail-digest-subject-daily = { $agreement }: daily digest ({ $count } { $count ->
        [one] item
       *[other] items
    })
sub-mail-digest-subject-weekly = { $agreement }: weekly digest ({ $count } { $count ->
        [one] item
       *[other] items
    })
sub-mail-digest-intro = New in { $agreement } since the last digest:
sub-mail-heading-news = NEWS
sub-mail-heading-meetings = NEW MEETINGS
sub-mail-heading-minutes = PUBLISHED MINUTES
sub-mail-footer-manage = Change your subscription: { $url }
sub-mail-footer-unsubscribe = Unsubscribe: { $url }
