/// One line of a contract: what is sold, how much, at what price, to what standard.
public struct LineItem: Hashable, Sendable {
    public var description: String
    public var quantity: Quantity
    public var unit: String
    public var unitPrice: Money
    /// Measurable quality criteria an inspector can apply (vague specs lose disputes).
    public var quality: String
    public var inspectionRequired: Bool

    public init(description: String, quantity: Quantity, unit: String, unitPrice: Money,
                quality: String = "", inspectionRequired: Bool = false) {
        self.description = description
        self.quantity = quantity
        self.unit = unit
        self.unitPrice = unitPrice
        self.quality = quality
        self.inspectionRequired = inspectionRequired
    }

    /// quantity × unit price, rounded half-up to the minor unit.
    public func amount() throws(MoneyError) -> Money { try quantity.amount(at: unitPrice) }
}
