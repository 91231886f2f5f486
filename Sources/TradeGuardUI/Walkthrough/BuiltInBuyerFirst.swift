// Generated from scripts/buyer-first.tgs — edit the file, then paste it here (a test compares them).
extension BuiltInWalkthroughs {
    static let buyerFirst = """
    # A second scenario: the buyer drafts the contract and the supplier confirms it.
    # A step is the actions since the previous caption, then its caption ("Title | explanation").
    as shenzhen-bright
    key 1
    as hanse-kuechen
    key 3
    expect "Buyer · Hanse"
    expect "3 Drafts"
    caption "The buyer starts | Either side may draft a contract. Here the buyer, Hanse Kuechen, writes one for stools from Shenzhen Bright."
    key +
    key Right
    key Tab Tab Tab
    type "Oak bar stools"
    key Tab
    type "40"
    key Tab Tab
    type "55"
    key Tab Tab Tab
    key Left Left Left Left
    key Tab
    type "Hamburg"
    key Tab Tab Tab Tab Tab
    type "Am Sandtorkai 1"
    key Tab Tab Tab
    type "600"
    expect "Total US$2,200.00"
    expect "[shenzhen-bright]"
    expect "[DAP]"
    caption "The buyer's draft | Delivered at place (DAP Hamburg): the supplier carries the freight. The bar shows the total and what the supplier's limit would cover."
    key Enter
    expect "Saved draft TG-0000052"
    key u y
    expect "Submit for confirmation: done"
    key 4
    key G
    key c
    expect "Only the supplier can confirm a contract the buyer drafted."
    expect "confirm in 30d"
    caption "Submitted, and the same rule | The supplier now has 30 days to confirm. The buyer cannot confirm its own draft: the rule works both ways."
    as shenzhen-bright
    key 4
    key G
    expect "TG-0000052"
    key c
    expect "Covered by the supplier's limit"
    caption "The supplier confirms | The supplier reviews the buyer's terms and sees what its limit will cover before agreeing."
    key y
    expect "Confirmed TG-0000052"
    as hanse-kuechen
    key 5
    key G
    key L
    expect "https://pay.tradeguard.example/l/"
    caption "Ready to pay | Confirmation reserved the cover and issued the payment link; the buyer can show it in full to pay. From here the order runs as in the basics walkthrough."
    """ + "\n"
}
