# Proposals to the agreement group.

proposal-state-received = Received
proposal-state-considering = Under consideration
proposal-state-adopted = Adopted
proposal-state-declined = Declined
proposal-event-received = Received { $date }
proposal-event-considering = Under consideration { $date }
proposal-event-adopted = Adopted { $date }
proposal-event-declined = Declined { $date }
proposal-hidden-by-editors = Hidden by the editors: { $reason }
proposal-hidden-title = Proposal { $id } (hidden)
proposal-support-count = { $count ->
    [0] No support yet
    [one] Supported by one organisation
   *[other] Supported by { $count } organisations
}
proposal-page-of = Page { $page } of { $pages }
proposal-list-title = Proposals
proposal-list-description = Proposals to the agreement group from organisations and dialogue meetings.
proposal-list-intro = Organisations that have signed the agreement can make proposals to the agreement group. Other organisations can support them.
proposal-new-link = Make a proposal
proposal-filter-state = State
proposal-filter-area = Area of collaboration
proposal-filter-principle = Principle
proposal-filter-all = All
proposal-filter-apply = Show
proposal-count = { $count ->
    [one] One proposal
   *[other] { $count } proposals
}
proposal-none = No proposals to show.
proposal-yours = Your proposal
proposal-from = From
proposal-pages = Pages of proposals
proposal-newer = Newer
proposal-older = Older
proposal-new-title = Make a proposal
proposal-who-may = Proposals are made by a representative of an organisation that has signed the agreement, or by the editors on behalf of a dialogue meeting.
proposal-login-to-submit = Log in to make a proposal
proposal-not-allowed = Your account represents no organisation that has signed the agreement. Contact the editors if you want to make a proposal.
proposal-source = The proposal is made by
proposal-source-hint = The organisation or dialogue meeting behind the proposal.
proposal-source-meetings = Dialogue meetings
proposal-source-organisations = Organisations
proposal-choose = Choose
proposal-title-field = Title
proposal-text-field = The proposal
proposal-text-hint = Describe the proposal and why. You can use Markdown.
proposal-area = Area of collaboration
proposal-principle = Principle the proposal serves
proposal-submit = Send the proposal
proposal-error-title = Write a title
proposal-error-title-long = The title can be at most 200 characters
proposal-error-text = Write the proposal
proposal-error-area = Choose an area of collaboration
proposal-error-principle = Choose a principle
proposal-error-source = Choose who makes the proposal
proposal-error-comment = Write a comment
proposal-error-comment-long = The comment can be at most 5,000 characters
proposal-error-state = Choose a new state
proposal-error-state-same = The proposal is already in that state
proposal-error-measure = Choose the measure the proposal became
proposal-error-reason = Write why the proposal is declined
proposal-error-hide-reason = Write why it is hidden; the reason is shown in its place
proposal-flash-submitted = The proposal has been sent.
proposal-flash-supported = The support has been registered.
proposal-flash-withdrawn = The support has been withdrawn.
proposal-flash-commented = The comment has been published.
proposal-flash-state = The proposal's state has been changed.
proposal-flash-hidden = The proposal is hidden.
proposal-flash-unhidden = The proposal is shown again.
proposal-flash-comment-hidden = The comment is hidden.
proposal-flash-comment-unhidden = The comment is shown again.
proposal-back-to-list = All proposals
proposal-from-organisation = From organisation
proposal-from-meeting = From dialogue meeting
proposal-state = State
proposal-measure = Became the measure
proposal-hidden-editor-note = The proposal is hidden from visitors. You see its text because you are an editor.
proposal-supports = Support
proposal-support-for = Support the proposal for { $organisation }
proposal-withdraw-for = Withdraw the support of { $organisation }
proposal-timeline = Events
proposal-comments = Comments
proposal-no-comments = No comments yet.
proposal-comment-field = Your comment
proposal-comment-organisation = Comment for
proposal-comment-as-self = Myself
proposal-comment-submit = Comment
proposal-login-to-comment = Log in to comment
proposal-hide-reason = Reason (shown publicly)
proposal-hide-hint = The reason is shown in the proposal's place.
proposal-hide = Hide the proposal
proposal-unhide = Show the proposal again
proposal-hide-comment = Hide the comment
proposal-unhide-comment = Show the comment again
proposal-editor-heading = Editors' handling
proposal-new-state = New state
proposal-measure-field = Measure in the action plan
proposal-measure-hint = Required when the proposal is adopted.
proposal-reason-field = Reason
proposal-reason-hint = Required when the proposal is declined. Shown on the proposal's page.
proposal-change-state = Change state
proposal-reason = Reason
proposal-mail-subject = Your proposal: { $title }
proposal-mail-body = Hello,

    Your proposal "{ $title }" to { $agreement } { $what }.
proposal-mail-now-considering = is now under consideration
proposal-mail-now-adopted = has been adopted and become a measure in the action plan
proposal-mail-now-declined = has been declined
proposal-mail-now-hidden = has been hidden by the editors
