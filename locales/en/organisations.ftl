## Keeping an organisation's profile: the edit page, representatives,
## invitations, contact persons and the account page's list.

organisation-edit-link = Edit the organisation's details
organisation-edit-title = Edit the details of { $organisation }
organisation-edit-heading = Edit the organisation's details
organisation-edit-intro = The details are shown on the organisation's page and in the register of signatories.
organisation-org-number-fixed = The organisation number cannot be changed here. Contact the secretariat if it is wrong.
organisation-edit-submit = Save the details
flash-organisation-saved = The organisation's details are saved.

representatives-title = Representatives
representatives-intro = Representatives keep the organisation's details up to date and can invite others. There is always at least one representative.
representatives-none = The organisation has no representative yet. Invite someone below.
representatives-you = (you)
representatives-since = representative since { $date }
representatives-remove = Remove as representative
representatives-invite = Invite a representative
field-invite-email = E-mail address of the person you want to invite
field-invite-email-hint = They get an e-mail with a link that works for 14 days. The account that accepts through the link becomes a representative.
representatives-invite-submit = Send the invitation
representatives-pending = Invitations not yet answered
representatives-pending-until = valid until { $date }
representatives-withdraw = Withdraw the invitation
error-invite-email-missing = Enter the e-mail address of the person you want to invite
error-already-representative = The person already represents the organisation
flash-invitation-sent = The invitation is sent.
flash-invitation-withdrawn = The invitation is withdrawn.
flash-representative-removed = The representative is removed.
flash-last-representative = The last representative cannot be removed. Invite a new representative first.

invitation-title = Become a representative of { $organisation }
invitation-text = You have been invited to represent { $organisation } on Överens. As a representative you keep the organisation's details up to date and can invite others.
invitation-account = You are logged in as { $name } ({ $email }). That is the account that becomes a representative.
invitation-accept = Accept and become a representative
invitation-decline = No thanks, go to the page of { $organisation }
invitation-invalid-title = The invitation is no longer valid
invitation-invalid-text = The link has already been used, was withdrawn or is too old. Ask the person who invited you for a new invitation.
flash-invitation-accepted = Welcome! You now represent the organisation.

mail-invitation-subject = Invitation to represent { $organisation } on Överens
mail-invitation-body =
    Hello!

    { $inviter } has invited you to represent { $organisation } on Överens. As a representative you keep the organisation's details up to date.

    Open the link and log in to accept:
    { $link }

    The link works for 14 days. No account yet? Create one here, then open the link again:
    { $register }

    If you did not expect this invitation, you can ignore this e-mail.
mail-representative-removed-subject = You no longer represent { $organisation } on Överens
mail-representative-removed-body =
    Hello { $name }!

    { $by } has removed you as a representative of { $organisation } on Överens. If this was not agreed, contact the organisation or the secretariat.

contacts-title = Contact persons of { $organisation }
contacts-heading = Contact persons
contacts-intro = A contact person is shown on the organisation's page only if they have consented to it.
contacts-back = Back to the organisation's details
contacts-manage = Manage contact persons
contacts-count = { $count ->
        [0] No contact persons are recorded.
        [one] One contact person is recorded.
       *[other] { $count } contact persons are recorded.
    }
contacts-count-public = { $count ->
        [0] None is shown publicly.
        [one] One is shown publicly.
       *[other] { $count } are shown publicly.
    }
contacts-none = No contact persons are recorded.
contacts-reach = Contact details
contacts-shown = Shown
contacts-actions = Change
contacts-public = Shown publicly
contacts-not-public = Not shown
contacts-publish = The person has consented: show publicly
contacts-unpublish = Stop showing publicly
contacts-remove = Remove
contacts-add = Add a contact person
contacts-work-only = Enter work contact details only, such as a work e-mail address and work phone number. Private details do not belong here.
field-contact-title = Role or title
field-contact-title-hint = For example chair, or contact person for the agreement. Optional.
field-work-email = Work e-mail address
field-work-email-hint = Enter an e-mail address, a phone number or both.
field-work-phone = Work phone number
field-work-phone-hint = For example 031-123 45 67.
field-contact-consent = The person has consented to being shown publicly on the organisation's page
field-contact-consent-hint = Without consent the details are kept but shown only to the organisation's representatives and the secretariat.
contacts-add-submit = Add the contact person
error-contact-name-missing = Enter the contact person's name
error-contact-way-missing = Enter a work e-mail address or a work phone number
error-phone = Enter the phone number in digits, for example 031-123 45 67
flash-contact-added = The contact person is added.
flash-contact-removed = The contact person is removed.
flash-contact-published = The contact person is now shown on the organisation's page.
flash-contact-unpublished = The contact person is no longer shown on the organisation's page.

account-organisations = My organisations and applications
account-represents = Organisations I represent
account-represents-none = You do not represent any organisation.
account-edit-organisation = edit the details
account-applications = My applications
account-applications-none = You have not sent any application.
account-application-received = received { $date }
organisation-measures = Responsible for action-plan measures
organisation-partnerships = Partnerships and joint initiatives
organisation-proposals = Proposals to the agreement group
