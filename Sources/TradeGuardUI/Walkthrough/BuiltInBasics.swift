// Generated from scripts/basics.tgs — edit the file, then paste it here (a test compares them).
extension BuiltInWalkthroughs {
    static let basics = """
    # The built-in walkthrough: credit protection from activation to a closed order.
    # A step is the actions since the previous caption, then its caption ("Title | explanation").
    as ningbo-homeware
    key 2
    expect "Why the limit is US$5,000.00"
    expect "5,000 for activating"
    caption "Activation and the limit | A supplier turns credit protection on once. Ningbo did so six days ago: its limit is the 5,000 base for activating. The formula is shown term by term: verification, years as a member, closed trade and violation points all move it."
    as shenzhen-bright
    key 2
    expect "Reserved by orders"
    expect "half of US$1,840,610.00 closed"
    caption "A limit that grew with trade | Shenzhen Bright has traded for years: half the value of every order closed in the last 180 days, plus 2,000 per order, lifts it close to the US$1,000,000 cap. Confirmed orders hold part of it until they close."
    as yildiz-tekstil
    expect "confirm in 1d"
    caption "Deadlines are real | Yildiz has a contract waiting for its confirmation, and time is running out."
    key 7
    clock advance 3d
    expect "Clock now"
    expect "Cancelled"
    caption "When a deadline passes | Three days later Yildiz has not confirmed: the contract is cancelled automatically, as the Orders tab shows."
    as shenzhen-bright
    key 1
    expect "contact overdue"
    caption "Overdue in red | A buyer contact that Shenzhen Bright did not log in time shows as overdue, in red, at the top of the seller's day."
    as hanse-kuechen
    key 1
    as ningbo-homeware
    key 3
    key +
    key Right Right
    key Tab Tab Tab
    type "Oak bar stools"
    key Tab
    type "40"
    key Tab Tab
    type "55"
    key Tab Tab Tab Tab
    type "Hamburg"
    key Tab Tab Tab Tab Tab
    type "Am Sandtorkai 1"
    key Tab Tab Tab
    type "600"
    expect "covered US$2,200.00"
    caption "Creating the order | Ningbo, new to the service, drafts a contract for Hanse Kuechen. The bar above the form shows the total and what the seller's limit would cover, updating as each field is typed."
    key Enter
    expect "Saved draft TG-0000052"
    key u
    expect "Submit TG-0000052"
    key y
    expect "Submit for confirmation: done"
    key 4
    expect "TG-0000052 Hanse"
    expect "confirm in 30d"
    caption "Submitting | The draft goes to the buyer, who has 30 days to confirm it; otherwise it is cancelled automatically."
    key G
    key c
    expect "Only the buyer can confirm a contract the supplier drafted."
    caption "Who confirms | The party that drafted a contract can never confirm it: the other side must agree to the same terms."
    as hanse-kuechen
    key 4
    key G
    key c
    expect "Covered by the supplier's limit"
    caption "Order confirmation | The buyer reviews the contract. Confirming reserves cover on the supplier's limit; any part above what is free stays uncovered, and both sides see that split before committing."
    key y
    expect "Confirmed TG-0000052"
    key 5
    key G
    key p
    expect "Advance due now: US$600.00"
    expect "Payment link"
    caption "Payment through the link | Confirmation issues a payment link. The amount is filled in with what is due now; the advance comes first, the balance later."
    key Enter
    key y
    expect "Paid US$600.00"
    as ningbo-homeware
    key 6
    key G
    key P
    key l
    type "Called Mr Weber: delivery slot agreed"
    key Enter
    expect "Log buyer contact: done"
    key Enter
    key PgDn PgDn PgDn
    expect "Buyer contacts"
    expect "Called Mr Weber"
    caption "Production and contact | With the advance in, production starts. The buyer must be contacted at least a week before the expected delivery, and the contact is logged."
    key t Enter
    key t Enter
    key t Enter
    key t Enter
    key t Enter
    key t Enter
    key t Enter
    key t Enter
    key t Enter
    key t Enter
    key k k k k k k k k k k k k
    key y
    expect "checklist (10 of 10 done)"
    expect "is due before shipment"
    caption "The pre-delivery checklist | Ten items are ticked with evidence. Ready to ship is refused until the balance is paid, because these terms want it before shipment."
    as hanse-kuechen
    key 5
    key G
    key p Enter y
    as ningbo-homeware
    key 6
    key G
    key y
    key h
    type "DHL"
    key Tab
    type "JD014600"
    key Enter
    key 7
    key G
    key Enter
    key j j j j j j j j j j j j
    expect "with DHL, tracking JD014600"
    caption "Shipping | The balance is in, the order is ready and ships with its carrier and tracking number. The buyer now has a window to confirm receipt."
    as hanse-kuechen
    key 6
    key G
    key R y
    expect "now completed"
    clock advance 31d
    expect "timeout"
    key 7
    key G
    key Enter
    expect "TG-0000052  Closed"
    caption "Receipt and protection | The buyer confirms receipt; the order stays protected for 30 days. A month later the sweep closes it and releases the reservation."
    as ningbo-homeware
    key 2
    expect "Why the limit is US$8,000.00"
    expect "order TG-0000052"
    expect "half of US$2,200.00 closed"
    caption "The limit grows | Closing counts toward Ningbo's trade: its limit is recomputed at once, from US$5,000 to US$8,000 (half the US$2,200 closed, plus 2,000 for one closed order, rounded down to 1,000). The terms below show why it moved."
    """ + "\n"
}
