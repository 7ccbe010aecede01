import Kernel

/// The per-strategy-day rows a roll-up writes (operator, mode, date, client, plan, broker, strategy, amount),
/// and the grouped sums every report and breakdown is read from, so filters are exact and totals reconcile.
enum UsageDays {
    /// What a grouped read may filter on; nil matches everything.
    struct Filter {
        var planID: String?
        var broker: String?
        var userID: String?
    }

    static func insert(_ days: [LiveIntervals.StrategyDay], date: CivilDate, pricePaise: Int64, _ scope: TenantScope, _ tx: Transaction) throws {
        for day in days {
            try tx.execute(
                """
                INSERT INTO billing_usage_days(operator_id, mode, date, strategy_id, user_id, plan_id, broker, amount_paise)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [scope.operatorID, scope.mode, date.description, day.strategyID, day.userID, day.planID, day.broker, pricePaise])
        }
    }

    /// Strategy-days and amounts over `from…to` (inclusive), one line per value of the grouping key, in key order.
    static func lines(
        _ scope: TenantScope, from: CivilDate, to: CivilDate, filter: Filter = Filter(), groupBy: UsageQuery.GroupBy, _ tx: Transaction
    ) throws -> [UsageLine] {
        let key = column(groupBy)
        var sql = """
            SELECT \(key) AS key, COUNT(*) AS strategy_days, SUM(amount_paise) AS amount_paise FROM billing_usage_days
            WHERE operator_id = ? AND mode = ? AND date BETWEEN ? AND ?
            """
        var arguments: [any SQLValueConvertible] = [scope.operatorID, scope.mode, from.description, to.description]
        for (column, value) in [("plan_id", filter.planID), ("broker", filter.broker), ("user_id", filter.userID)] {
            guard let value else { continue }
            sql += " AND \(column) = ?"
            arguments.append(value)
        }
        sql += " GROUP BY \(key) ORDER BY \(key)"
        return try tx.query(sql, arguments).map { row in
            var line = UsageLine(strategyDays: try row.get("strategy_days"), amountPaise: try row.get("amount_paise"))
            let value: String = try row.get("key")
            switch groupBy {
            case .day: line.date = value
            case .plan: line.planID = value
            case .broker: line.broker = value
            case .user: line.userID = value
            }
            return line
        }
    }

    private static func column(_ groupBy: UsageQuery.GroupBy) -> String {
        switch groupBy {
        case .day: "date"
        case .plan: "plan_id"
        case .broker: "broker"
        case .user: "user_id"
        }
    }
}
