// Generated from scripts/disputes.tgs — edit the file, then paste it here (a test compares them).
extension BuiltInWalkthroughs {
    static let disputes = """
    # A third scenario: a quality dispute negotiated from the buyer's claim to the refund recorded.
    # A step is the actions since the previous caption, then its caption ("Title | explanation").
    as shenzhen-bright
    key 8
    as boutique-elegance
    key 7
    key /
    type "TG-0000032"
    key Enter
    expect "Completed"
    expect "protected in 19d"
    caption "Protected after receipt | Boutique Élégance confirmed receipt of 300 LED panels from Shenzhen Bright eleven days ago. For 30 days after receipt (60 for enterprise buyers) the order stays protected: the buyer may still claim the goods are not as agreed."
    key Enter
    key !
    key Right Right
    key Tab Right
    key Tab
    type "1900"
    key Tab
    type "38 of 300 panels flicker visibly; IEC 62612 not met"
    expect "[not-as-agreed]"
    expect "[partial-refund]"
    caption "The claim: a kind and a remedy | The buyer says what went wrong (not shipped, not received, quality or quantity differs, damaged) and what it asks: here a partial refund of €1,900, keeping the goods. It can never ask back more than it paid."
    key Enter
    key y
    key V
    type "Flicker meter readings of the 38 panels"
    key Tab
    type "flicker-readings.pdf"
    key Enter
    expect "Awaiting supplier"
    expect "the platform decides"
    caption "Five days to answer | The order freezes. Shenzhen Bright has 5 days to answer, and both screens say beforehand what happens if it stays silent: the platform decides. The buyer's evidence is attached with its name and time."
    as shenzhen-bright
    clock advance 1d
    key 8
    expect "TG-0000032"
    expect "answer in"
    caption "The supplier's Disputes tab | The next day Shenzhen Bright finds the claim on its Disputes tab, with the days it has left to answer."
    key Enter
    key M
    type "A video of a flickering panel with its batch label in view, please"
    key Enter
    expect "Awaiting evidence"
    caption "Asking for evidence | The supplier may agree, counter with another remedy, or ask for evidence. Shenzhen Bright asks for a video; the buyer now has 5 days, and if nothing comes the platform decides."
    as boutique-elegance
    clock advance 1d
    key 8
    key Enter
    key V
    type "Video: 3 panels flickering, batch label B7 in view"
    key Tab
    type "flicker-video-b7.mp4"
    key Enter
    expect "Awaiting supplier"
    caption "The evidence, in time | Evidence given in time hands the move back to the supplier, with five fresh days."
    as shenzhen-bright
    clock advance 1d
    key 8
    key Enter
    key o
    key Right
    key Tab
    type "1200"
    key Tab
    type "Batch B7 drivers are faulty: we refund 24 panels"
    key Enter
    key y
    expect "Awaiting buyer"
    expect "no refund"
    caption "A counter-proposal | Shenzhen Bright rejects €1,900 and offers €1,200 for the 24 panels of the faulty batch. The buyer may agree, edit its claim, withdraw it or escalate to the platform; if it lets the offer lapse, the claim closes with no refund."
    as boutique-elegance
    key 8
    key Enter
    key =
    expect "Agree to Partial refund"
    expect "within 7 working days"
    caption "Agreeing | Boutique Élégance accepts the offer; the question names what it agrees to and when the money is due."
    key y
    expect "Refunded"
    expect "Refund due by"
    caption "The refund is due | Agreed: Shenzhen Bright must refund the €1,200 within 7 working days, weekends not counted, and the order is refunded. An agreed quality dispute costs the supplier no violation points; had the platform decided it for the buyer, 6."
    as shenzhen-bright
    clock advance 2d
    key 1
    expect "TG-0000032"
    caption "On the seller's Overview | The refund is now Shenzhen Bright's deadline: until it is recorded, the order waits on the seller, on its Overview with the last day to pay."
    key /
    type "TG-0000032"
    key Enter
    key Enter
    expect "Refund due by"
    expect "Partial refund, keeping the goods"
    key $
    type "SEPA-TG32-REFUND"
    key Enter
    expect "as paid?"
    caption "Recording the refund | Shenzhen Bright has paid: $ records it with the transfer's reference, so the buyer can find the money. Nothing else moves the order; it asks first, like every step with money in it."
    key y
    expect "Refund paid"
    caption "The refund is recorded | The deadline has ended and the order waits on nobody. Had the buyer escalated instead, the platform would have decided from both positions and the evidence, and recorded its reasons."
    as boutique-elegance
    key 7
    key /
    type "TG-0000032"
    key Enter
    key Enter
    expect "Refund paid"
    expect "SEPA-TG32-REFUND"
    caption "Both sides see the outcome | Boutique Élégance sees the same outcome, the refund paid and its reference: one record both companies rely on."
    """ + "\n"
}
