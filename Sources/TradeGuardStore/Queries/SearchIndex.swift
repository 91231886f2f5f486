import TradeGuardCore

/// The two tables a filter reads, kept in step with the orders in the same transaction:
/// `order_search` (FTS5 trigram over each order's folded `SearchDocument`, rowid = order id)
/// for three characters or more, and `order_grams` (every one- and two-character piece of
/// unspaced scripts, with its order) for the CJK words a trigram cannot find.
struct SearchIndex {
    let db: Database

    /// Replaces what `orderID` is found by.
    func write(_ orderID: Int64, _ document: SearchDocument) throws {
        try remove(orderID)
        try db.run("INSERT INTO order_search (rowid, text) VALUES (?, ?)", [.int(orderID), .text(document.text)])
        for piece in document.grams.sorted() { try db.run("INSERT INTO order_grams (gram, order_id) VALUES (?, ?)", [.text(piece), .int(orderID)]) }
    }

    func remove(_ orderID: Int64) throws {
        try db.run("DELETE FROM order_search WHERE rowid = ?", [.int(orderID)])
        try db.run("DELETE FROM order_grams WHERE order_id = ?", [.int(orderID)])
    }

    /// Writes anew the document of every order (the schema step): read in id order a thousand
    /// at a time, so memory stays flat at any size.
    func rewriteAll() throws {
        var after: Int64 = 0
        while true {
            let batch = try documents(where: "o.id > ? ORDER BY o.id LIMIT 1000", [.int(after)])
            for (id, document) in batch { try write(id, document) }
            guard let last = batch.last else { return }
            after = last.0
        }
    }

    /// Writes anew the documents of a party's orders (after a rename), found through the
    /// party's own indexes.
    func rewrite(ordersOf partyID: Int64) throws {
        let ids = try db.query("SELECT id FROM orders WHERE supplier_id = ? UNION SELECT id FROM orders WHERE buyer_id = ?",
                               [.int(partyID), .int(partyID)]) { $0.int(0) }
        var start = 0
        while start < ids.count {
            let chunk = ids[start..<min(ids.count, start + 500)]
            let list = chunk.map(String.init).joined(separator: ",")
            for (id, document) in try documents(where: "o.id IN (\(list))", []) { try write(id, document) }
            start += chunk.count
        }
    }

    private func documents(where condition: String, _ args: [Value]) throws -> [(Int64, SearchDocument)] {
        try db.query("""
            SELECT o.id, s.handle, o.supplier_name, b.handle, o.buyer_name, o.state,
                   (SELECT group_concat(description, char(10)) FROM (SELECT description FROM order_lines WHERE order_id = o.id ORDER BY line_no)),
                   sh.carrier, sh.tracking
            FROM orders o JOIN parties s ON s.id = o.supplier_id JOIN parties b ON b.id = o.buyer_id
            LEFT JOIN shipments sh ON sh.order_id = o.id
            WHERE \(condition)
            """, args) { r -> (Int64, SearchDocument) in
            let id = r.int(0)
            let lines = r.optionalText(6).map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) } ?? []
            return (id, SearchDocument(code: OrderCode(number: id).text, supplierHandle: r.text(1), supplierName: r.text(2),
                                       buyerHandle: r.text(3), buyerName: r.text(4), state: OrderState(rawValue: r.text(5)) ?? .draft,
                                       lines: lines, carrier: r.optionalText(7), tracking: r.optionalText(8)))
        }
    }
}
